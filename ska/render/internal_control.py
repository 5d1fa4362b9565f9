"""The internkontroll and the KAA figures of a läsår, as data for the huvudman's report.

Internkontroll: for each calendar year the läsår touches that has a plan
(`plans/internkontroll/<år>.yaml`), the risks as a table with their kontrollmoment and
what the controls showed, the risk matrix picture, and the avvikelser found during the
läsår with their åtgärder and their state on the report's date.

KAA: the registers reported to SCB for the half-years of the läsår
(`plans/kaa/<år>.yaml`); a count below the threshold for small groups is shown as `..`,
like every published result. Every plain text is escaped here.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.control import Deviation, InternalControl, KaaReport, Risk
from ska.model.organiser import Organiser
from ska.model.types import SchoolYear
from ska.render.context import ChartFile
from ska.render.risk_matrix import PlacedRisk, band, describe, risk_matrix_svg
from ska.suppression import HIDDEN

# (file name, svg, title, alt) → the picture with its PNG copy for Word
MatrixMaker = Callable[[str, str, str, str], ChartFile]
NAME_LENGTH = 60


def plain_matrix(name: str, svg: str, title: str, alt: str) -> ChartFile:
    """The picture without a PNG: Word's copy is then drawn when Word's file is written
    (see ska.render.convert.for_word)."""
    return ChartFile(name, svg, title, alt)


def risk_name(risk: Risk) -> str:
    """The risk's short name: `namn`, else the start of its description."""
    if risk.name:
        return risk.name
    first = risk.description.split(". ")[0].split(": ")[0].rstrip(".")
    return textwrap.shorten(first, NAME_LENGTH, placeholder=" …")


def _risk_cell(risk: Risk) -> md.Markdown:
    """The risk in the table: its name in bold and its description, or the description."""
    if not risk.name:
        return md.cell(risk.description)
    return md.Markdown(f"**{md.cell(risk.name.rstrip('.'))}.** {md.cell(risk.description)}")


def _years(year: SchoolYear) -> list[int]:
    return sorted({year.first_day.year, year.last_day.year})


def _action(deviation: Deviation, roles: dict[str, str]) -> str:
    """`Vad som görs. Ansvarig: Rektor.`, or `–` without an åtgärd."""
    action = deviation.action
    if action is None:
        return "–"
    who = roles.get(action.responsible, action.responsible)
    return f"{action.description.rstrip('.')}. Ansvarig: {who}."


def _state(deviation: Deviation, on: dt.date) -> str:
    action = deviation.action
    if action is None:
        return "Ingen åtgärd"
    if action.done is not None:
        return f"Genomförd {md.date(action.done)}"
    if action.deadline < on:
        return f"Försenad, skulle vara klar {md.date(action.deadline)}"
    return f"Pågår, klar senast {md.date(action.deadline)}"


def _plan(
    control: InternalControl,
    calendar_year: int,
    year: SchoolYear,
    on: dt.date,
    roles: dict[str, str],
    units: dict[str, str],
    matrix: MatrixMaker,
    organiser_name: str,
) -> tuple[dict[str, Any], ChartFile]:
    deviations = [d for d in control.deviations if year.first_day <= d.date <= year.last_day]
    deviations.sort(key=lambda d: d.date)
    numbers = {r.id: i for i, r in enumerate(control.risks, start=1)}
    rows = []
    for number, risk in enumerate(control.risks, start=1):
        found = sum(1 for d in deviations if d.risk == risk.id)
        outcomes = [c.outcome for c in risk.controls if c.outcome]
        if found:
            outcomes.append(f"{found} {'avvikelse' if found == 1 else 'avvikelser'} under läsåret")
        rows.append(
            [
                str(number),
                _risk_cell(risk),
                str(risk.likelihood),
                str(risk.consequence),
                f"{risk.score} ({band(risk.score)[0]})",
                md.cell(
                    " ".join(f"{c.description.rstrip('.')} ({c.when})." for c in risk.controls)
                ),
                md.cell(" ".join(o.rstrip(".") + "." for o in outcomes) or "–"),
            ]
        )
    table = md.table(
        ["Nr", "Risk", "Sannolikhet", "Konsekvens", "Riskvärde", "Kontrollmoment", "Resultat"],
        rows,
        "lllllll",
        widths=(4, 24, 12, 12, 11, 20, 17),  # the headings of the scores fit
    )
    found_rows = [
        [
            md.date(d.date),
            md.cell(
                f"{risk_name(_risk(control, d.risk))} ({numbers[d.risk]})"
                if d.risk in numbers
                else d.risk
            ),
            md.cell(units.get(d.unit, d.unit) if d.unit else "Huvudman"),
            md.cell(d.description),
            md.cell(_action(d, roles)),
            md.cell(_state(d, on)),
        ]
        for d in deviations
    ]
    title = f"Riskmatris, internkontrollplan {calendar_year}"
    placed = [
        PlacedRisk(numbers[r.id], risk_name(r), r.likelihood, r.consequence) for r in control.risks
    ]
    alt = describe(placed, title)
    name = f"riskmatris-{calendar_year}.svg"
    picture = matrix(name, risk_matrix_svg(placed, f"{title} – {organiser_name}"), title, alt)
    return (
        {
            "år": calendar_year,
            "beslut": _decision(control),
            "antal_risker": len(control.risks),
            "risker": table,
            "avvikelser": (
                md.table(
                    ["Upptäckt", "Risk", "Enhet", "Avvikelse", "Åtgärd", "Läge"],
                    found_rows,
                    "llllll",
                    widths=(11, 15, 12, 24, 24, 14),
                )
                if found_rows
                else ""
            ),
            "antal_avvikelser": len(deviations),
            "bild": {"fil": picture.name, "titel": md.escape(title), "alt": alt},
        },
        picture,
    )


def _decision(control: InternalControl) -> str:
    """`Barn- och utbildningsnämnden 27 januari 2026, § 9`, or nothing."""
    decision = control.decision
    if decision is None:
        return ""
    parts = [decision.organ]
    if decision.date is not None:
        parts.append(md.date(decision.date))
    text = " ".join(parts) + (f", {decision.paragraph}" if decision.paragraph else "")
    return md.escape(text)


def _risk(control: InternalControl, risk_id: str) -> Risk:
    return next(r for r in control.risks if r.id == risk_id)


def internal_control(
    repo: Repository,
    organiser: Organiser,
    year: SchoolYear,
    on: dt.date,
    sources: list[str],
    matrix: MatrixMaker = plain_matrix,
) -> tuple[list[dict[str, Any]], list[ChartFile]]:
    """The internkontrollplaner of the calendar years the läsår touches, with their risk
    matrix pictures; the state of each åtgärd is judged on `on` (the report's date)."""
    roles = {r.id: r.name for r in organiser.roles}
    units = {u: (m.name if (m := repo.unit(u)) else u) for u in repo.unit_ids}
    plans, pictures = [], []
    for calendar_year in _years(year):
        path = K.INTERNAL_CONTROL.path(calendar_year=calendar_year)
        control = repo.model(path, InternalControl)
        if control is None:
            continue
        sources.append(path)
        plan, picture = _plan(
            control, calendar_year, year, on, roles, units, matrix, organiser.name
        )
        plans.append(plan)
        pictures.append(picture)
    return plans, pictures


def kaa_figures(
    repo: Repository, organiser: Organiser, year: SchoolYear, threshold: int, sources: list[str]
) -> dict[str, Any]:
    """The half-years of the läsår (autumn, then spring) with the number of young people
    in the KAA register reported to SCB; a count from 1 to threshold − 1 is hidden."""
    roles = {r.id: r.name for r in organiser.roles}
    rows = []
    responsible: list[str] = []
    hidden = 0
    for calendar_year, half in ((year.first_day.year, 2), (year.last_day.year, 1)):
        path = K.KAA.path(calendar_year=calendar_year)
        kaa = repo.model(path, KaaReport)
        if kaa is None:
            continue
        sources.append(path)
        responsible.append(roles.get(kaa.responsible, kaa.responsible))
        sent = [s for s in kaa.scb if s.half_year == half]
        submission = sent[0] if sent else None
        count = submission.count if submission else None
        small = count is not None and 0 < count < threshold
        hidden += small
        rows.append(
            [
                f"{'juli–december' if half == 2 else 'januari–juni'} {calendar_year}",
                HIDDEN if small else md.number(count),
                md.date(submission.submitted)
                if submission and submission.submitted
                else "Inte rapporterat",
            ]
        )
    if not rows:
        return {}
    return {
        "ansvarig": md.escape(md.join_sv(dict.fromkeys(responsible))),
        "tabell": md.table(
            ["Halvår", "Ungdomar i registret", "Rapporterat till SCB"], rows, "lrl", (40, 30, 30)
        ),
        "dolda": hidden,
    }
