"""Cross-references: every id a document uses must exist where it points.

Roles, kommunfullmäktiges målområden, nämndens mål, fokusområden, skolformer and
övriga verksamheter, insatser, enheter, the curricula's goal areas, åtaganden, risks and
the previous läsår's utvecklingsområden. A reference to a register that itself is
broken is not checked here: the broken register has its own findings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable
from typing import Any

from ska.checks.structure import (
    REF_DUBBLETT_ID,
    REF_MALOMRADE,
    REF_OKAND,
    REF_TIDIGARE_SAKNAS,
    RESULTAT_TERMIN,
)
from ska.findings import Finding
from ska.load.csvtable import Table
from ska.load.documents import Document, Routine
from ska.load.repository import Repository
from ska.load.yamlfast import Loc
from ska.model import kinds as K
from ska.model.control import InternalControl, KaaReport
from ska.model.curriculum import SchoolForm, areas_for, judged_on
from ska.model.dialog import Dialog
from ska.model.gaps import GapReached, rendering
from ska.model.initiative import Initiative
from ska.model.organiser import BoardGoals, FocusAreas, Organiser
from ska.model.report import Report
from ska.model.unit import DevelopmentPlan, Unit
from ska.model.year_wheel import YearWheel
from ska.suggest import did_you_mean, listing

ALL = "alla"
# Where a reference should have been found, as a finding says it.
_UNITS = f"{K.UNITS}/"
_INITIATIVES = f"{K.INITIATIVE.folder()}/ eller enhetens insatser/"
_WHEEL_EVENTS = f"{K.YEAR_WHEEL.pattern} (händelser)"


def _known(ids: Callable[[], set[str]]) -> set[str] | None:
    """A register's ids; None (not checked) when the register has a gap (see gaps)."""
    try:
        return ids()
    except GapReached:
        return None


class _Checker:
    def __init__(self, doc: Document, repo: Repository) -> None:
        self.doc = doc
        self.repo = repo
        self.findings: list[Finding] = []
        organiser = repo.organiser
        self.roles = _known(lambda: {r.id for r in organiser.roles}) if organiser else None

    def ref(
        self, loc: Loc, value: str, known: Collection[str] | None, what: str, where: str
    ) -> None:
        """`value` must be among `known`; None means the register could not be read."""
        if known is None or value in known:
            return
        line, column = self.doc.at(loc)
        hint = did_you_mean(value, known) or (
            f"Kända id: {listing(known)}." if known else f"Lägg först till det i {where}."
        )
        self.findings.append(
            REF_OKAND.error(
                self.doc.path,
                f"{what} '{value}' finns inte i {where}.",
                hint,
                line,
                column,
            )
        )

    def role(self, loc: Loc, value: str) -> None:
        self.ref(loc, value, self.roles, "Rollen", f"{K.ORGANISER.pattern} (roller)")

    def unique(self, items: Iterable[tuple[Loc, str]], what: str) -> None:
        seen: dict[str, Loc] = {}
        for loc, value in items:
            if value not in seen:
                seen[value] = loc  # where it stands is only looked up for a duplicate
                continue
            line, column = self.doc.at(loc)
            self.findings.append(
                REF_DUBBLETT_ID.error(
                    self.doc.path,
                    f"{what} '{value}' förekommer redan på rad {self.doc.at(seen[value])[0]}.",
                    "Ge varje id ett eget namn.",
                    line,
                    column,
                )
            )


def _organiser(c: _Checker, org: Organiser) -> None:
    c.unique(((("roller", i, "id"), r.id) for i, r in enumerate(org.roles)), "Rollen")
    c.unique(
        ((("kf_målområden", i, "id"), a.id) for i, a in enumerate(org.council_goal_areas)),
        "Målområdet",
    )
    c.unique(((("forum", i, "id"), f.id) for i, f in enumerate(org.forums)), "Forumet")
    c.unique(
        ((("övriga_verksamheter", i, "id"), a.id) for i, a in enumerate(org.other_activities)),
        "Verksamheten",
    )
    forms = {f.value for f in SchoolForm}
    for i, activity in enumerate(org.other_activities):
        if activity.id in forms:
            line, column = c.doc.at(("övriga_verksamheter", i, "id"))
            c.findings.append(
                REF_DUBBLETT_ID.error(
                    c.doc.path,
                    f"'{activity.id}' är en skolform och kan inte vara en övrig verksamhet.",
                    "Ta bort den ur övriga_verksamheter och lägg den i skolformer.",
                    line,
                    column,
                )
            )
    own_forms = {f.value for f in org.school_forms} | {ALL}
    for i, chief in enumerate(org.school_chiefs):
        c.role(("skolchefer", i, "roll"), chief.role)
        for j, form in enumerate(chief.scope):
            c.ref(
                ("skolchefer", i, "omfattning", j),
                form,
                own_forms,
                "Skolformen",
                "huvudmannens skolformer",
            )
    c.role(("plan", "dokumentansvarig"), org.plan.owner)
    for i, forum in enumerate(org.forums):
        for j, participant in enumerate(forum.participants):
            c.role(("forum", i, "deltagare", j), participant)


def _board_goals(c: _Checker, goals: BoardGoals) -> None:
    org = c.repo.organiser
    areas = _known(lambda: {a.id for a in org.council_goal_areas}) if org else None
    c.unique(((("mål", i, "id"), g.id) for i, g in enumerate(goals.goals)), "Målet")
    for i, goal in enumerate(goals.goals):
        c.ref(
            ("mål", i, "kf_målområde"),
            goal.council_area,
            areas,
            "Kommunfullmäktiges målområde",
            f"{K.ORGANISER.pattern} (kf_målområden)",
        )
        c.unique(
            ((("mål", i, "indikatorer", j, "id"), ind.id) for j, ind in enumerate(goal.indicators)),
            "Indikatorn",
        )
    events = (
        _events(c)
        if goals.follow_up_event
        or any(ind.follow_up_event for g in goals.goals for ind in g.indicators)
        else None
    )
    where = _WHEEL_EVENTS
    if goals.follow_up_event is not None:
        c.ref(("följs_upp_vid",), goals.follow_up_event, events, "Händelsen", where)
    for i, goal in enumerate(goals.goals):
        for j, ind in enumerate(goal.indicators):
            if ind.follow_up_event is not None:
                loc = ("mål", i, "indikatorer", j, "följs_upp_vid")
                c.ref(loc, ind.follow_up_event, events, "Händelsen", where)


def _focus_areas(c: _Checker, focus: FocusAreas) -> None:
    c.unique(
        ((("fokusområden", i, "id"), f.id) for i, f in enumerate(focus.focus_areas)),
        "Fokusområdet",
    )


def _calendar(c: _Checker, calendar: YearWheel) -> None:
    c.unique(((("händelser", i, "id"), e.id) for i, e in enumerate(calendar.events)), "Händelsen")
    for i, event in enumerate(calendar.events):
        for j, role in enumerate(event.responsible):
            c.role(("händelser", i, "ansvarig", j), role)


def _known_ids(c: _Checker) -> tuple[set[str] | None, set[str] | None]:
    goals, focus = c.repo.board_goals, c.repo.focus_areas
    return (
        {g.id for g in goals.goals} if goals else None,
        {f.id for f in focus.focus_areas} if focus else None,
    )


def _initiative(c: _Checker, ins: Initiative) -> None:
    located = c.doc.located
    others = [p for p in c.repo.initiative_files[located.stem] if p != located.path]
    if others:
        c.findings.append(
            REF_DUBBLETT_ID.error(
                located.path,
                f"Insatsen '{located.stem}' finns också i {', '.join(others)}.",
                "Insatsens id är filnamnet; ge en av filerna ett annat namn.",
            )
        )
    c.role(("ansvarig",), ins.responsible)
    org = c.repo.organiser
    forms: set[str] | None = None
    where = "huvudmannens skolformer och övriga verksamheter"
    if located.unit is not None:
        unit = c.repo.unit(located.unit)
        forms = _known(lambda: {f.value for f in unit.school_forms} | {ALL}) if unit else None
        where = f"enhetens skolformer (units/{located.unit}/enhet.yaml)"
    elif org is not None:
        forms = _known(
            lambda: {f.value for f in org.school_forms} | {a.id for a in org.other_activities}
        )
        forms = forms | {ALL} if forms is not None else None
    for i, form in enumerate(ins.forms):
        c.ref(("verksamhetsformer", i), form, forms, "Verksamhetsformen", where)
    goal_ids, focus_ids = _known_ids(c)
    for i, focus in enumerate(ins.focus_areas):
        c.ref(("fokusområden", i), focus, focus_ids, "Fokusområdet", K.FOCUS_AREAS.pattern)
    for i, goal in enumerate(ins.board_goals):
        c.ref(("nämndmål", i), goal, goal_ids, "Nämndmålet", K.BOARD_GOALS.pattern)
    for i, entry in enumerate(ins.follow_up.entries if ins.follow_up else []):
        if entry.action is not None:
            c.role(("uppföljning", "genomförd", i, "åtgärd", "ansvarig"), entry.action.responsible)


def _unit(c: _Checker, unit: Unit) -> None:
    own_id = c.doc.located.unit
    units = [u for u in c.repo.unit_ids if u != own_id]
    for i, other in enumerate(unit.pupils_from):
        c.ref(("elever_från", i), other, units, "Enheten", _UNITS)
    org = c.repo.organiser
    if org is None:
        return
    own = _known(lambda: {f.value for f in org.school_forms})
    for i, form in enumerate(unit.school_forms):
        c.ref(("skolformer", i), form.value, own, "Skolformen", "huvudmannens skolformer")


def _goal_area(c: _Checker, loc: Loc, area: str, unit: Unit | None) -> None:
    if unit is None:
        return
    year = c.doc.located.school_year
    day = judged_on(year) if year is not None else None
    allowed = {a.value for a in areas_for(unit.school_forms, day)}
    if area in allowed:
        return
    curricula = ", ".join(sorted({f.curriculum_on(day).name for f in unit.school_forms}))
    line, column = c.doc.at(loc)
    c.findings.append(
        REF_MALOMRADE.error(
            c.doc.path,
            f"Målområdet '{area}' finns inte i läroplanen för enhetens skolformer ({curricula}).",
            f"Välj bland: {listing(allowed)}.",
            line,
            column,
        )
    )


def _development_plan(c: _Checker, plan: DevelopmentPlan) -> None:
    unit = c.repo.unit(c.doc.located.unit or "")
    goal_ids, _ = _known_ids(c)
    initiatives = set(c.repo.initiative_files)
    commitments = [
        (("prioriterade_målområden", i, "åtaganden", j, "id"), com.id)
        for i, area in enumerate(plan.priorities)
        for j, com in enumerate(area.commitments)
    ]
    c.unique(commitments, "Åtagandet")
    for i, area in enumerate(plan.priorities):
        base: Loc = ("prioriterade_målområden", i)
        _goal_area(c, (*base, "målområde"), area.goal_area.value, unit)
        for j, goal in enumerate(area.board_goals):
            c.ref((*base, "nämndmål", j), goal, goal_ids, "Nämndmålet", K.BOARD_GOALS.pattern)
        for j, com in enumerate(area.commitments):
            for k, ins in enumerate(com.initiatives):
                c.ref(
                    (*base, "åtaganden", j, "insatser", k),
                    ins,
                    initiatives,
                    "Insatsen",
                    _INITIATIVES,
                )
    ids = {value for _, value in commitments}
    for i, follow_up in enumerate(plan.follow_ups):
        if follow_up.action is not None:
            c.role(("uppföljningar", i, "åtgärd", "ansvarig"), follow_up.action.responsible)
        c.ref(
            ("uppföljningar", i, "åtagande"),
            follow_up.commitment,
            ids,
            "Åtagandet",
            "utvecklingsplanens åtaganden",
        )
    for i, team in enumerate(plan.team_assignments):
        for j, commitment in enumerate(team.commitments):
            c.ref(
                ("teamuppdrag", i, "åtaganden", j),
                commitment,
                ids,
                "Åtagandet",
                "utvecklingsplanens åtaganden",
            )


def _report(c: _Checker, report: Report) -> None:
    located = c.doc.located
    unit = c.repo.unit(located.unit) if located.unit else None
    initiatives = set(c.repo.initiative_files)
    meta = report.meta
    c.unique(
        ((("utvecklingsområden", i, "id"), a.id) for i, a in enumerate(meta.development_areas)),
        "Utvecklingsområdet",
    )
    for i, area in enumerate(meta.development_areas):
        for j, goal_area in enumerate(area.goal_areas):
            _goal_area(c, ("utvecklingsområden", i, "läroplansområden", j), goal_area.value, unit)
        for j, ins in enumerate(area.initiatives):
            c.ref(
                ("utvecklingsområden", i, "insatser", j),
                ins,
                initiatives,
                "Insatsen",
                _INITIATIVES,
            )
    if not meta.earlier_areas or located.school_year is None:
        return
    previous_year = located.school_year.previous()
    previous_paths = (
        [K.UNIT_REPORT.path(unit=located.unit, year=previous_year)]
        if located.unit
        else c.repo.organiser_reports(previous_year)
        or [c.repo.expected_organiser_report(previous_year)]
    )
    previous_path = previous_paths[0]
    if previous_path not in c.repo.files:
        line, column = c.doc.at(("tidigare_utvecklingsområden",))
        c.findings.append(
            REF_TIDIGARE_SAKNAS.warning(
                located.path,
                f"Förra läsårets rapport ({previous_path}) finns inte, så de tidigare "
                "utvecklingsområdena kan inte kontrolleras.",
                "Lägg in förra läsårets rapport, eller ta bort tidigare_utvecklingsområden.",
                line,
                column,
            )
        )
        return
    reports = [c.repo.model(p, Report) for p in previous_paths]
    known = {a.id for r in reports if r for a in r.meta.development_areas} or None
    for i, earlier in enumerate(meta.earlier_areas):
        c.ref(
            ("tidigare_utvecklingsområden", i, "id"),
            earlier.id,
            known,
            "Utvecklingsområdet",
            previous_path,
        )


def _results(c: _Checker, table: Table[Any]) -> None:
    year = c.doc.located.school_year
    if year is None or c.doc.located.kind is not K.RESULTS:
        return
    allowed = {year.autumn, year.spring}
    for row, line in zip(table.rows, table.lines, strict=True):
        if row.term not in allowed:
            c.findings.append(
                RESULTAT_TERMIN.error(
                    c.doc.path,
                    f"Terminen {row.term} hör inte till läsåret {year}.",
                    f"Skriv {year.autumn} eller {year.spring}, eller flytta raden till "
                    f"läsårsmappen {row.term.school_year.folder}.",
                    line,
                    None,
                )
            )


def _internal_control(c: _Checker, control: InternalControl) -> None:
    c.unique(((("risker", i, "id"), r.id) for i, r in enumerate(control.risks)), "Risken")
    risks = {r.id for r in control.risks}
    units = set(c.repo.unit_ids)
    for i, risk in enumerate(control.risks):
        for j, check in enumerate(risk.controls):
            c.role(("risker", i, "kontrollmoment", j, "ansvarig"), check.responsible)
    for i, deviation in enumerate(control.deviations):
        c.ref(("avvikelser", i, "risk"), deviation.risk, risks, "Risken", "risker")
        if deviation.unit is not None:
            c.ref(("avvikelser", i, "enhet"), deviation.unit, units, "Enheten", _UNITS)
        if deviation.action is not None:
            c.role(("avvikelser", i, "åtgärd", "ansvarig"), deviation.action.responsible)


def _kaa(c: _Checker, kaa: KaaReport) -> None:
    c.role(("ansvarig",), kaa.responsible)
    c.unique(
        ((("scb_rapportering", i, "halvår"), str(s.half_year)) for i, s in enumerate(kaa.scb)),
        "Halvåret",
    )


def _routine(c: _Checker, routine: Routine) -> None:
    c.role(("ansvarig",), routine.meta.responsible)


def _events(c: _Checker) -> set[str] | None:
    wheel = c.repo.model(K.YEAR_WHEEL.pattern, YearWheel)
    return _known(lambda: {e.id for e in wheel.events}) if wheel is not None else None


def _dialog(c: _Checker, dialog: Dialog) -> None:
    wheel_where = _WHEEL_EVENTS
    c.ref(("händelse",), dialog.event, _events(c), "Händelsen", wheel_where)
    units = set(c.repo.unit_ids)
    for i, unit in enumerate(dialog.units):
        c.ref(("enheter", i), unit, units, "Enheten", _UNITS)
    for i, person in enumerate(dialog.participants):
        c.role(("deltagare", i, "roll"), person.role)
        if person.unit is not None:
            c.ref(("deltagare", i, "enhet"), person.unit, units, "Enheten", _UNITS)
    c.unique(
        ((("överenskommelser", i, "id"), a.id) for i, a in enumerate(dialog.agreements)),
        "Överenskommelsen",
    )
    for i, agreement in enumerate(dialog.agreements):
        if agreement.responsible is not None:
            c.role(("överenskommelser", i, "ansvarig"), agreement.responsible)
        for j, unit in enumerate(agreement.units):
            c.ref(("överenskommelser", i, "enheter", j), unit, units, "Enheten", _UNITS)
    earlier = {loc.stem for loc in c.repo.files.values() if loc.kind is K.DIALOG}
    for i, item in enumerate(dialog.follow_ups):
        c.ref(
            ("uppföljning_av_tidigare", i, "dialog"),
            item.dialog,
            earlier,
            "Dialogen",
            f"{K.DIALOG.folder_pattern}/",
        )


_CHECKS: tuple[tuple[type[Any], Callable[[_Checker, Any], None]], ...] = (
    (Dialog, _dialog),
    (Organiser, _organiser),
    (BoardGoals, _board_goals),
    (FocusAreas, _focus_areas),
    (YearWheel, _calendar),
    (Initiative, _initiative),
    (Unit, _unit),
    (DevelopmentPlan, _development_plan),
    (Report, _report),
    (Table, _results),
    (InternalControl, _internal_control),
    (KaaReport, _kaa),
    (Routine, _routine),
)


def check_references(doc: Document, repo: Repository) -> list[Finding]:
    """Findings for every reference in `doc` that does not resolve."""
    for cls, check in _CHECKS:
        if isinstance(doc.model, cls):
            checker = _Checker(doc, repo)
            # A part that failed its schema is reported there; what follows it is unchecked.
            with rendering(False), contextlib.suppress(GapReached):
                check(checker, doc.model)
            return checker.findings
    return []
