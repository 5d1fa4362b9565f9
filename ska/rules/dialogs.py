"""Each unit took part in the dialogs its preset requires, with a record of each one.

The dialogs asked for are the årshjul's events of kind dialog that match the preset's
required dialog events (vetlanda: förutsättnings-, process- och resultatdialog). Once an
event's last occurrence in the läsår is over, every unit active in the läsår should be
named under `enheter` in a record in `plans/<läsår>/dialoger/` whose `händelse` is that
event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ska import markdown as md
from ska.checks.base import Example, RuleClass
from ska.checks.minimal import CONFIG, CONFIG_TEXT, DIALOG_RECORD, DIALOG_RECORD_TEXT
from ska.model import kinds as K
from ska.model.dialog import Dialog
from ska.model.settings import RequiredEvent
from ska.model.year_wheel import Event, EventKind
from ska.planning.resolve import span
from ska.rules.context import Context, UnitInfo
from ska.rules.engine import Group, Outcome, RuleSpec

_ENABLED = CONFIG_TEXT + "förinställningar: [vetlanda]\n"


def dialogs_of(ctx: Context) -> list[tuple[str, Dialog]]:
    """(path, record) of every readable dialog record of the läsår, in file order."""
    found = []
    for path, located in sorted(ctx.repo.files.items()):
        if located.kind is K.DIALOG and located.school_year == ctx.year:
            dialog = ctx.model(path, Dialog)
            if dialog is not None:
                found.append((path, dialog))
    return found


def _required(event: Event, required: tuple[RequiredEvent, ...]) -> bool:
    name = event.name.casefold()
    return event.kind is EventKind.DIALOG and any(
        r.kind is EventKind.DIALOG and any(w.casefold() in name for w in r.words) for r in required
    )


def _period(spans: list[tuple[dt.date, dt.date]]) -> str:
    return ", ".join(f"{md.date(first)}–{md.date(last)}" for first, last in spans)


@RuleSpec(
    "LOK-dialoger-genomforda",
    RuleClass.LOCAL,
    Group.FOLLOW_UP,
    "Varje enhet deltog i dialogerna som förinställningen kräver, och de är dokumenterade",
    "Vetlanda kommun, riktlinjer för SKA (BUN 2024-06-04 § 55, reviderad 2026-06-09 § 57)",
    "Lokal förinställning (vetlanda)",
    "Huvudmannen och rektorerna möts i dialoger under läsåret (i Vetlanda förutsättnings-, "
    "process- och resultatdialog). När årshjulets dialog har passerats för läsåret ska det "
    "finnas en anteckning i plans/<läsår>/dialoger/ med händelse: dialogens id som har "
    "enheten under enheter, med datum, deltagare per roll, frågor och överenskommelser. "
    "En anteckning vars datum ligger utanför dialogens tid i årshjulet (i Vetlanda "
    "förutsättningsdialog i september, processdialog november–februari, resultatdialog "
    "maj–juni) är också ett fynd.",
    DIALOG_RECORD_TEXT,
    failing=Example({CONFIG: _ENABLED, DIALOG_RECORD: None}),
    passing=Example({CONFIG: _ENABLED, DIALOG_RECORD: DIALOG_RECORD_TEXT}),
).unit
def dialogs_held(ctx: Context, unit: UnitInfo) -> Iterator[Outcome]:
    wheel = ctx.calendar
    if wheel is None:
        return
    required = ctx.settings.required_events
    records = dialogs_of(ctx)
    held = {(d.event, u) for _, d in records for u in d.units}
    for event in wheel.events:
        if not _required(event, required) or not event.when:
            continue
        spans = [span(when, ctx.year) for when in event.when]
        for path, dialog in records:
            if dialog.event != event.id or unit.id not in dialog.units:
                continue
            if not any(first <= dialog.date <= last for first, last in spans):
                yield ctx.hit(
                    path,
                    f"{event.name} med {unit.name} hölls {md.date(dialog.date)}, utanför "
                    f"årshjulets tid för den ({_period(spans)}).",
                    "Håll dialogen när årshjulet säger, eller skriv rätt datum i anteckningen.",
                    at=("datum",),
                )
        ends = max(last for _, last in spans)
        if ends >= ctx.today or (event.id, unit.id) in held:
            continue
        record = K.DIALOG.path(year=ctx.year, name=f"{event.id}-{unit.id}")
        yield ctx.hit(
            f"{K.DIALOG.folder(year=ctx.year)}/",
            f"{unit.name} saknar anteckning från {event.name.lower()} ({event.id}) läsåret "
            f"{ctx.year}, som skulle vara hållen senast {md.date(ends)}.",
            f"Skriv {record} med händelse: "
            f"{event.id}, datum, enheter: [{unit.id}], deltagare och överenskommelser.",
        )
