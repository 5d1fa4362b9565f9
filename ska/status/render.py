"""The status matrix as a terminal table, a Markdown table and JSON."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ska import markdown as md
from ska.output import console as new_console
from ska.output import longest_word
from ska.status.agenda import Agenda
from ska.status.matrix import LEGEND, Mark, Status

_STYLE = {
    Mark.OK: "green",
    Mark.FAILING: "bold red",
    Mark.PENDING: "cyan",
    Mark.EXCEPTION: "yellow",
    Mark.UNKNOWN: "magenta",
    Mark.NOT_APPLICABLE: "dim",
}


def wide_enough(console: Console, table: Table) -> Console:
    """A console as wide as the table when output goes to a file or pipe, not a terminal."""
    width = Measurement.get(console, console.options.update_width(10_000), table).maximum
    if console.is_terminal or width <= console.width:
        return console
    return new_console(width=width, no_color=console.no_color, highlight=False)


def _title(status: Status) -> str:
    return f"Kvalitetsarbetet läsåret {status.year} (bedömt {status.today})"


def _legend() -> str:
    return "  ".join(f"{mark} {text}" for mark, text in LEGEND.items())


def print_status(status: Status, console: Console) -> None:
    """The matrix as a table; in a terminal too narrow for it, a list per row in which
    every name is whole and only what needs attention is shown."""
    table = Table(title=_title(status), title_justify="left", header_style="bold")
    table.add_column("Enhet", min_width=longest_word([r.name for r in status.rows]))
    for group in status.groups:
        table.add_column(group.short, justify="center", no_wrap=True)
    table.add_column("Fel", justify="right", no_wrap=True, min_width=3)
    table.add_column("Varn", justify="right", no_wrap=True, min_width=4)
    for row in status.rows:
        cells = [
            f"[{_STYLE[c.mark]}]{c}[/{_STYLE[c.mark]}]"
            for c in (row.cells[g] for g in status.groups)
        ]
        table.add_row(escape(row.name), *cells, str(row.errors), str(row.warnings))
    unbounded = console.options.update_width(10_000)
    if console.is_terminal and Measurement.get(console, unbounded, table).minimum > console.width:
        _print_narrow(status, console)
        return
    console = wide_enough(console, table)
    console.print(table)
    columns = ", ".join(
        f"{g.short} = {g.label.lower()}" for g in status.groups if g.short != g.label
    )
    console.print(f"Kolumner: {columns}.", highlight=False)
    console.print(_legend(), highlight=False)
    for line in _unjudged_lines(status):
        console.print(line, highlight=False, markup=False)


def _unjudged_lines(status: Status) -> list[str]:
    """Why each ? stands where it does: the row, the column and what could not be read."""
    found = status.unjudged()
    if not found:
        return []
    return ["", "Kunde inte bedömas (?):"] + [
        f"- {name}, {group.label.lower()}: {reason}" for name, group, reason in found
    ]


_ATTENTION = (Mark.FAILING, Mark.UNKNOWN, Mark.EXCEPTION, Mark.PENDING)


def _print_narrow(status: Status, console: Console) -> None:
    """One entry per row: the name on a line of its own with the counts, then what is
    lacking, pending or accepted, by the groups' full names, wrapped between words."""
    console.print(Text(_title(status), style="italic"))
    for row in status.rows:
        head = Text()
        head.append(row.name, style="bold")
        warnings = "varning" if row.warnings == 1 else "varningar"
        head.append(f"  {row.errors} fel, {row.warnings} {warnings}")
        console.print(head)
        notes = Text()
        for group in status.groups:
            cell = row.cells[group]
            if cell.mark not in _ATTENTION:
                continue
            if notes:
                notes.append(", ")
            notes.append(str(cell), style=_STYLE[cell.mark])
            notes.append(f" {group.label.lower()}")
        if not notes:
            notes.append(str(Mark.OK), style=_STYLE[Mark.OK])
            notes.append(" allt som gäller är uppfyllt")
        console.print(Padding(notes, (0, 0, 0, 2)))
    console.print(_legend(), highlight=False)
    for line in _unjudged_lines(status):
        console.print(line, highlight=False, markup=False)


def to_markdown(status: Status, rows: set[str] | None = None) -> str:
    """The matrix as a Markdown table; with `rows`, only those rows (ids)."""
    header = ["Enhet", *(g.label for g in status.groups), "Fel", "Varningar"]
    lines = [
        f"### {_title(status)}",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(["---"] + [":-:"] * len(status.groups) + ["--:", "--:"]) + " |",
    ]
    for row in status.rows:
        if rows is not None and row.id not in rows:
            continue
        cells = [str(row.cells[g]) for g in status.groups]
        name = row.name.replace("|", "\\|")
        lines.append("| " + " | ".join([name, *cells, str(row.errors), str(row.warnings)]) + " |")
    lines += ["", _legend()]
    shown = _unjudged_lines(status)
    if rows is not None:
        names = {row.name for row in status.rows if row.id in rows}
        shown = [line for line in shown if not line.startswith("- ") or _row_of_line(line, names)]
    lines += [*shown, ""]
    return "\n".join(lines)


def _row_of_line(line: str, names: set[str]) -> bool:
    return any(line.startswith(f"- {name}, ") for name in names)


def _matrix_json(status: Status) -> dict[str, object]:
    return {
        "läsår": status.year,
        "datum": status.today,
        "kolumner": [g.value for g in status.groups],
        "rader": [
            {
                "id": row.id,
                "namn": row.name,
                "fel": row.errors,
                "varningar": row.warnings,
                "celler": {
                    g.value: {
                        "status": _JSON_MARK[row.cells[g].mark],
                        "fynd": row.cells[g].findings,
                        "skäl": list(row.cells[g].reasons),
                    }
                    for g in status.groups
                },
            }
            for row in status.rows
        ],
    }


def to_json(statuses: Status | list[Status], agenda: Agenda | None = None) -> str:
    """The matrix of the läsår going on at the top level; with several läsår judged,
    every matrix (oldest first) under `matriser` as well."""
    every = statuses if isinstance(statuses, list) else [statuses]
    document = _matrix_json(every[-1])
    if len(every) > 1:
        document["matriser"] = [_matrix_json(s) for s in every]
    if agenda is not None:
        document["kommande"] = [
            {
                "händelse": o.name,
                "start": o.start.isoformat(),
                "slut": o.end.isoformat(),
                "när": o.when,
                "enhet": o.unit_name,
                "ansvarig": list(o.responsible),
            }
            for o in agenda.coming
        ]
        document["bedömda_läsår"] = [str(y) for y in agenda.years]
        document["deadlines"] = [
            {
                "läsår": str(o.year),
                "dokument": o.document.value,
                "fil": o.path,
                "enhet": o.row,
                "sista_dag": o.due.isoformat(),
                "inlämnad": o.submitted.isoformat() if o.submitted else None,
                "läge": o.state.value,
                "ansvarig": list(o.responsible),
            }
            for o in agenda.obligations
        ]
    return json.dumps(document, ensure_ascii=False, indent=2)


def _who(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def agenda_rows(agenda: Agenda) -> tuple[list[list[str]], list[list[str]]]:
    """(coming, overdue) as rows of text: När, Vad, Enhet, Ansvarig / Dokument, Enhet, …"""
    coming = [
        [
            md.period(o.start, o.end),
            o.name,
            o.unit_name or "",
            _who(o.responsible),
        ]
        for o in agenda.coming
    ]
    coming += [
        [md.date(o.due), f"{o.name} ({o.label} {o.year})", o.row_name, _who(o.responsible)]
        for o in agenda.due_soon
    ]
    overdue = [
        [
            f"{o.label} {o.year}",
            o.row_name,
            md.date(o.due),
            o.state.value + (f" ({o.detail})" if o.detail else ""),
            o.path,
            _who(o.responsible),
        ]
        for o in agenda.overdue + agenda.late
    ]
    return coming, overdue


COMING_HEADER = ["När", "Vad", "Enhet", "Ansvarig"]
OVERDUE_HEADER = ["Dokument", "Enhet", "Sista dag", "Läge", "Fil", "Ansvarig"]


def nothing_coming(agenda: Agenda) -> str:
    return (
        f"Inget i årshjulet pågår eller ska vara klart från {md.date(agenda.today)} till "
        f"och med {md.date(agenda.until)}."
    )


def print_agenda(agenda: Agenda, console: Console) -> None:
    coming, overdue = agenda_rows(agenda)
    title = f"Kommande till och med {md.date(agenda.until)}"
    if coming:
        table = Table(title=title, title_justify="left", header_style="bold", min_width=len(title))
        for column in COMING_HEADER:
            table.add_column(column)
        for row in coming:
            table.add_row(*(escape(c) for c in row))
        wide_enough(console, table).print(table)
    else:
        console.print(title, style="italic", highlight=False)
        console.print(nothing_coming(agenda), highlight=False)
    late = Table(
        title="Försenat och sent inlämnat", title_justify="left", header_style="bold", min_width=26
    )
    for column in OVERDUE_HEADER:
        late.add_column(column)
    for row in overdue:
        style = "bold red" if not row[3].startswith("inlämnad sent") else "yellow"
        late.add_row(*(escape(c) for c in row), style=style)
    if overdue:
        wide_enough(console, late).print(late)
    else:
        console.print("Inget är försenat.", highlight=False)


def agenda_markdown(agenda: Agenda) -> str:
    coming, overdue = agenda_rows(agenda)
    cell = md.cell
    out = [f"### Kommande till och med {md.date(agenda.until)}", ""]
    out.append(
        md.table(COMING_HEADER, [[cell(c) for c in r] for r in coming])
        if coming
        else nothing_coming(agenda)
    )
    out += ["", "### Försenat och sent inlämnat", ""]
    out.append(
        md.table(OVERDUE_HEADER, [[cell(c) for c in r] for r in overdue])
        if overdue
        else "Inget är försenat."
    )
    return "\n".join(out) + "\n"


_JSON_MARK = {
    Mark.OK: "uppfyllt",
    Mark.FAILING: "brister",
    Mark.PENDING: "ej_aktuellt_än",
    Mark.EXCEPTION: "undantag",
    Mark.UNKNOWN: "kunde_inte_bedömas",
    Mark.NOT_APPLICABLE: "gäller_inte",
}
