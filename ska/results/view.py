"""`ska resultat`: the analysis of the results as tables for the terminal and Markdown.

By default the kommun's view: the flags the analyses must answer and each unit against
riket and other references. For chosen units (or with `alla`) also every trend, the gaps
between girls and boys and the cohorts. Hidden figures never appear (see series).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ska import markdown as md
from ska.errors import UsageError
from ska.load.repository import Repository
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.output import longest_word
from ska.results.analysis import KOMMUN, Analysis, Comparison, analyse, inputs_from
from ska.results.questions import QUESTIONS
from ska.results.tables import measure_text
from ska.suggest import did_you_mean
from ska.suppression import HIDDEN

Rows = list[list[str]]


@dataclass(frozen=True)
class Section:
    title: str
    header: list[str]
    rows: Rows
    note: str = ""
    widths: tuple[int, ...] = ()  # relative column widths in documents


@dataclass(frozen=True)
class Overview:
    analysis: Analysis
    names: dict[str, str]  # unit id → name
    chosen: list[str] | None  # the units asked for; None: every unit
    units: list[str]  # the units shown in detail
    sections: list[Section]


def overview(
    root: Path,
    year: SchoolYear | None,
    settings: Settings,
    units: list[str] | None = None,
    every_unit: bool = False,
    until: SchoolYear | None = None,
) -> Overview:
    """The analysis for the läsår (default: the newest with results, no later than
    `until`), and what to show."""
    repo = Repository(root)
    for unit in units or []:
        if unit not in repo.unit_ids:
            hint = did_you_mean(unit, repo.unit_ids) or f"Enheterna är: {', '.join(repo.unit_ids)}."
            raise UsageError(f"Enheten '{unit}' finns inte. {hint}")
    analysis = analyse(inputs_from(repo), settings, year, until)
    names = {u: (m.name if (m := repo.unit(u)) else u) for u in repo.unit_ids}
    detail = repo.unit_ids if every_unit else (units or [])
    sections = _sections(analysis, names, units, detail)
    return Overview(analysis, names, units or None, detail, sections)


def _figure(value: float | None, share: bool, hidden: bool = False) -> str:
    if hidden:
        return HIDDEN
    if value is None:
        return "–"
    return md.percent(value, 1) if share else md.number(value)


def _change(value: float | None, share: bool) -> str:
    if value is None:
        return "–"
    shown = md.number(abs(value))
    sign = "±" if shown.strip("0,") == "" else "+" if value > 0 else "−"
    unit = " p.e." if share else ""
    return f"{sign}{shown}{unit}"


def _compared(c: Comparison) -> list[str]:
    """Mått, grupp, termin, the unit's figure, the reference and the difference."""
    return [
        measure_text(c.measure, c.subject),
        c.group,
        str(c.term),
        _figure(c.figure, c.share, c.hidden),
        f"{c.reference} {_figure(c.reference_figure, c.share)}",
        _change(c.difference, c.share),
    ]


def _sections(
    analysis: Analysis, names: dict[str, str], chosen: list[str] | None, detail: list[str]
) -> list[Section]:
    wanted = set(chosen) if chosen else None

    def shown(unit: str) -> bool:
        return wanted is None or unit in wanted

    sections = [
        Section(
            "Flaggor att analysera",
            ["Enhet", "Flagga", "Vad"],
            [
                [names.get(f.unit, f.unit), str(f.kind), f.text]
                for f in analysis.flags
                if shown(f.unit)
            ],
            "Varje flagga ska tas upp i enhetens analys; frågorna nedan hjälper.",
        ),
        Section(
            "Jämfört med riket och andra",
            ["Enhet", "Mått", "Grupp", "Termin", "Enheten", "Jämförelse", "Skillnad"],
            [
                [names.get(c.unit, c.unit), *_compared(c)]
                for c in analysis.comparisons
                if shown(c.unit) and (c.reference != KOMMUN or c.unit in detail)
            ],
        ),
    ]
    for unit in detail:
        name = names.get(unit, unit)
        sections.append(
            Section(
                f"{name}: utveckling över tid",
                ["Mått", "Grupp", "Senast", "Förändring", "Sedan första"],
                [
                    [
                        measure_text(t.measure, t.subject),
                        t.group,
                        f"{_figure(t.points[-1].figure, t.share, t.points[-1].hidden)} "
                        f"({t.points[-1].term})",
                        _change(t.change, t.share) + (f" från {t.since.term}" if t.since else ""),
                        _change(t.change_since_first, t.share)
                        + (f" från {t.first.term}" if t.first else ""),
                    ]
                    for t in analysis.trends
                    if t.unit == unit and t.gender.value == "alla"
                ],
            )
        )
        sections += [
            Section(f"{name}: {s.title[:1].lower()}{s.title[1:]}", s.header, s.rows, s.note)
            for s in unit_sections(analysis, unit, names)[1:]
        ]
    return sections


def unit_sections(analysis: Analysis, unit: str, names: dict[str, str]) -> list[Section]:
    """A unit's comparisons, gaps between girls and boys, and cohorts, for its report."""
    year = analysis.year
    return [
        Section(
            "Jämfört med riket och kommunens enheter",
            ["Mått", "Grupp", "Termin", "Enheten", "Jämförelse", "Skillnad"],
            [_compared(c) for c in analysis.comparisons if c.unit == unit],
            widths=(34, 14, 9, 9, 20, 12),
        ),
        Section(
            "Flickor och pojkar",
            ["Mått", "Grupp", "Termin", "Flickor", "Pojkar", "Skillnad", "Förra"],
            [
                [
                    measure_text(g.measure, g.subject),
                    g.group,
                    str(g.term) + (f" ({g.occasion})" if g.occasion else ""),
                    _figure(g.girls, g.share),
                    _figure(g.boys, g.share),
                    _change(g.gap, g.share),
                    _change(g.previous_gap, g.share),
                ]
                for g in analysis.gaps
                if g.unit == unit and g.term.school_year == year
            ],
            "Skillnad är flickor minus pojkar; Förra är skillnaden vid mätningen före.",
            widths=(34, 14, 9, 9, 9, 11, 11),
        ),
        Section(
            "Samma elever över tid",
            ["Mått", "Läsår och årskurs"],
            [
                [
                    measure_text(c.measure, c.subject),
                    " → ".join(
                        f"{s.year} {s.grade}: {_figure(s.figure, c.share, s.hidden)}"
                        + (
                            ""
                            if s.units == (unit,)
                            else f" ({', '.join(names.get(u, u) for u in s.units)})"
                        )
                        for s in c.steps
                    ),
                ]
                for c in analysis.cohorts
                if c.unit == unit
            ],
            widths=(30, 70),
        ),
    ]


def _questions(overview: Overview) -> list[tuple[str, tuple[str, ...]]]:
    kinds = []
    for flag in overview.analysis.flags:
        shown = overview.chosen is None or flag.unit in overview.chosen
        if shown and flag.kind not in kinds:
            kinds.append(flag.kind)
    return [(str(kind), QUESTIONS[kind]) for kind in kinds]


def print_overview(overview: Overview, console: Console) -> None:
    year = overview.analysis.year
    if year is None:
        console.print("Inga resultat att analysera.")
        return
    console.print(f"[bold]Resultat och analys, läsåret {year}[/bold]", highlight=False)
    for section in overview.sections:
        table = Table(title=section.title, title_justify="left", show_lines=False)
        for index, column in enumerate(section.header):
            texts = [column, *(str(row[index]) for row in section.rows if index < len(row))]
            table.add_column(column, overflow="fold", min_width=longest_word(texts, 1))
        for row in section.rows:
            table.add_row(*row)
        if not section.rows:
            console.print(f"\n{section.title}: inget att visa.", highlight=False)
            continue
        console.print()
        console.print(table)
        if section.note:
            console.print(section.note, highlight=False)
    for kind, questions in _questions(overview):
        console.print(f"\n[bold]Analysfrågor vid {kind}[/bold]", highlight=False)
        for question in questions:
            console.print(f"  • {question}", highlight=False)


def to_markdown(overview: Overview) -> str:
    year = overview.analysis.year
    if year is None:
        return "Inga resultat att analysera.\n"
    lines = [f"# Resultat och analys, läsåret {year}", ""]
    for section in overview.sections:
        lines += [f"## {section.title}", ""]
        if section.rows:
            rows = [[md.cell(c) for c in row] for row in section.rows]
            lines += [md.table(section.header, rows, "l" * len(section.header)), ""]
        else:
            lines += ["Inget att visa.", ""]
        if section.note and section.rows:
            lines += [section.note, ""]
    for kind, questions in _questions(overview):
        lines += [f"## Analysfrågor vid {kind}", ""] + [f"- {q}" for q in questions] + [""]
    return "\n".join(lines)
