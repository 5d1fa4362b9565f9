"""A unit's egenkontroll for the läsår, as data for its report: how many kontrollpunkter
were answered and how, and the answers that need action (nej or delvis) with their
åtgärder. Every plain text is escaped here."""

from __future__ import annotations

from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.self_check import Answer, SelfCheck
from ska.model.types import SchoolYear

_ANSWER = {Answer.YES: "Ja", Answer.NO: "Nej", Answer.PARTLY: "Delvis"}


def self_check_summary(
    repo: Repository, unit_id: str, year: SchoolYear, sources: list[str]
) -> dict[str, Any]:
    """The egenkontroll's counts and the table of answers that need action; {} without one."""
    path = K.SELF_CHECK.path(unit=unit_id, year=year)
    check = repo.model(path, SelfCheck)
    if check is None:
        return {}
    sources.append(path)
    points = check.points
    answered = [p for p in points if p.answer is not None]
    action = [p for p in answered if p.needs_action]
    rows = [
        [
            md.cell(p.area),
            md.cell(p.question),
            _ANSWER[p.answer] if p.answer else "–",
            md.cell(p.comment or "–"),
            md.cell(p.action or "Ingen åtgärd angiven"),
            md.date(p.date),
        ]
        for p in action
    ]
    dates = [p.date for p in answered if p.date is not None]
    return {
        "antal": len(points),
        "besvarade": len(answered),
        "ja": sum(1 for p in answered if p.answer is Answer.YES),
        "delvis": sum(1 for p in answered if p.answer is Answer.PARTLY),
        "nej": sum(1 for p in answered if p.answer is Answer.NO),
        "senast": md.date(max(dates)) if dates else "",
        "att_åtgärda": (
            md.table(
                ["Område", "Fråga", "Svar", "Kommentar", "Åtgärd", "Besvarad"],
                rows,
                "llllll",
                widths=(14, 26, 8, 20, 22, 10),
            )
            if rows
            else ""
        ),
    }


def self_check_overview(
    repo: Repository, units: list[tuple[str, str]], year: SchoolYear, sources: list[str]
) -> str:
    """The units' egenkontroller side by side for the huvudman's report, a row per unit
    (id, name) that has one: answered of all, ja, delvis, nej and the last answer; ""
    when no unit has one."""
    rows = []
    for unit_id, name in units:
        found = self_check_summary(repo, unit_id, year, sources)
        if not found:
            continue
        rows.append(
            [
                md.cell(name),
                f"{found['besvarade']} av {found['antal']}",
                str(found["ja"]),
                str(found["delvis"]),
                str(found["nej"]),
                found["senast"] or "–",
            ]
        )
    if not rows:
        return ""
    header = ["Enhet", "Besvarade", "Ja", "Delvis", "Nej", "Senast besvarad"]
    return md.table(header, rows, "lrrrrl", widths=(28, 12, 6, 8, 6, 16))
