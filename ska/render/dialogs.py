"""The dialog records of a läsår, as data for the reports: the dialogs a unit (or a
verksamhetsform's units) took part in, the agreements made and how earlier agreements
were followed up. Every plain text is escaped here."""

from __future__ import annotations

from typing import Any

from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.dialog import Dialog
from ska.model.types import SchoolYear
from ska.model.year_wheel import YearWheel

_STATE = {"genomförd": "Genomförd", "pågår": "Pågår", "inte_genomförd": "Inte genomförd"}


def _lower_first(text: str) -> str:
    """`Utvecklingsledare` → `utvecklingsledare` inside a list; `BUN` stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def dialog_records(
    repo: Repository, year: SchoolYear, units: set[str], sources: list[str]
) -> dict[str, Any]:
    """The läsår's dialogs with any of `units`: a table of the dialogs, one of the
    agreements that concern those units, and one of earlier agreements followed up."""
    wheel = repo.model(K.YEAR_WHEEL.pattern, YearWheel)
    events = {e.id: e.name for e in wheel.events} if wheel else {}
    org = repo.organiser
    roles = {r.id: r.name for r in org.roles} if org else {}
    names = {u: (m.name if (m := repo.unit(u)) else u) for u in repo.unit_ids}
    held: list[tuple[str, str, Dialog]] = []
    for path, located in sorted(repo.files.items()):
        if located.kind is not K.DIALOG or located.school_year != year:
            continue
        dialog = repo.model(path, Dialog)
        if dialog is None or not units & set(dialog.units):
            continue
        sources.append(path)
        held.append((located.stem, path, dialog))
    held.sort(key=lambda h: (h[2].date, h[0]))
    dialogs, agreements, followed = [], [], []
    for _, _, dialog in held:
        event = events.get(dialog.event, dialog.event)
        found = list(dict.fromkeys(roles.get(p.role, p.role) for p in dialog.participants))
        who = md.join_sv(found[:1] + [_lower_first(n) for n in found[1:]])
        dialogs.append(
            [
                md.date(dialog.date),
                md.cell(event),
                md.cell(md.join_sv(names.get(u, u) for u in dialog.units)),
                md.cell(who),
                md.cell(" ".join(dialog.questions) or "–"),
            ]
        )
        for agreement in dialog.agreements:
            concerns = agreement.units or dialog.units
            if not units & set(concerns):
                continue
            agreements.append(
                [
                    md.cell(event),
                    md.cell(agreement.text),
                    md.cell(roles.get(agreement.responsible or "", agreement.responsible or "–")),
                    md.date(agreement.deadline) if agreement.deadline else "–",
                ]
            )
        for item in dialog.follow_ups:
            followed.append(
                [
                    md.date(dialog.date),
                    md.cell(f"{item.dialog}: {item.agreement}"),
                    _STATE.get(item.state.value, item.state.value),
                    md.cell(item.text or "–"),
                ]
            )
    return {
        "dialoger": md.table(
            ["Datum", "Dialog", "Enheter", "Deltagare", "Frågor"],
            dialogs,
            "lllll",
            (14, 24, 18, 22, 30),
        )
        if dialogs
        else "",
        "överenskommelser": md.table(
            ["Dialog", "Överenskommelse", "Ansvarig", "Klart"], agreements, "llll", (24, 46, 18, 12)
        )
        if agreements
        else "",
        "uppföljda": md.table(
            ["Datum", "Överenskommelse", "Status", "Kommentar"], followed, "llll", (14, 30, 14, 40)
        )
        if followed
        else "",
    }
