"""The huvudman's plan för det systematiska kvalitetsarbetet, as data for `plan.md.j2`.

The plan gathers the huvudman level of the repository: the plan's decision and
validity, vision and verksamhetsidé, kommunfullmäktiges målområden and nämndens mål,
the strategiska fokusområden, who is responsible for what, the insatser grouped by the
verksamhetsformer they concern, the årshjul month by month, the complaints routine,
and the kommunala aktivitetsansvaret. Like `context`, it only reads and arranges; every
plain text is escaped here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ska import markdown as md
from ska.load.documents import Routine
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.control import KaaReport
from ska.model.curriculum import area_heading
from ska.model.initiative import Initiative
from ska.model.organiser import BoardGoals, Organiser, Value
from ska.model.types import Decision, SchoolYear, YearMonth, YearSpan
from ska.model.year_wheel import MONTHS, YearWheel
from ska.planning.resolve import months, span
from ska.render.context import PictureMaker, Prepared, _organiser_facts, plain_picture
from ska.render.goal_map_picture import figures, goal_map_pictures
from ska.render.goals import goal_chain, goal_map_table
from ska.render.provenance import provenance

ALL = "alla"  # verksamhetsformer: [alla]
SCHOOL_YEAR_MONTHS = (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)  # the årshjul: the läsår's months
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})  # å < ä < ö, after z
_PLAIN_URL = re.compile(r"https?://[^\s<>]+")


def _sv_key(text: str) -> str:
    return text.casefold().translate(_SWEDISH_ORDER)


def _lower_first(text: str) -> str:
    """`Rektor` → `rektor` inside a sentence; `BUS …` stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def _decision(decision: Decision) -> dict[str, str]:
    """A decision not yet taken shows its placeholders, so the plan is not published."""
    return {
        "organ": md.escape(decision.organ),
        "datum": md.date(decision.date) if decision.date else "<Beslutsdatum>",
        "paragraf": decision.paragraph or "<Paragraf>",
    }


def _years(years: YearSpan) -> str:
    return str(years.start) if years.start == years.end else f"{years.start}–{years.end}"


def _month(month: YearMonth) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def _value(value: Value | None) -> str:
    """`82,5 (2024/25)`: the value with as many decimals as written (at most two)."""
    if value is None:
        return "–"
    number = value.value
    decimals = len(f"{number:.2f}".rstrip("0").split(".")[1])
    text = md.number(int(number)) if number.is_integer() else md.number(number, decimals)
    return md.cell(f"{text} ({value.period})")


class _Names:
    """Display names (escaped) for the ids other files refer to."""

    def __init__(self, org: Organiser, goals: BoardGoals | None, focus: dict[str, str]) -> None:
        self.roles = {r.id: r.name for r in org.roles}
        forms = [(f.value, f.label, _lower_first(f.label)) for f in org.school_forms]
        forms += [(a.id, a.name, a.name) for a in org.other_activities]
        self.form_rank_of = {form_id: i for i, (form_id, _, _) in enumerate(forms)}
        self.form_heading = {form_id: heading for form_id, heading, _ in forms}
        self.form_inline = {form_id: inline for form_id, _, inline in forms}
        self.goals = {g.id: g.name for g in goals.goals} if goals else {}
        self.focus = focus

    def role(self, role_id: str) -> str:
        return md.escape(self.roles.get(role_id, role_id))

    def roles_of(self, role_ids: Iterable[str]) -> str:
        """`Rektor, utvecklingsledare och chef för elevhälsan`."""
        found = [self.roles.get(r, r) for r in role_ids]
        return md.cell(md.join_sv(found[:1] + [_lower_first(n) for n in found[1:]]))

    def forms_of(self, form_ids: Iterable[str]) -> str:
        return md.cell(md.join_sv(self.form_inline.get(f, f) for f in form_ids))

    def form_rank(self, form_id: str) -> tuple[int, str]:
        """The huvudman's order: its skolformer, then its övriga verksamheter."""
        return self.form_rank_of.get(form_id, len(self.form_rank_of)), form_id

    def group_heading(self, key: Sequence[str]) -> str:
        if list(key) == [ALL]:
            return "Alla verksamheter"
        if len(key) == 1:
            return md.cell(self.form_heading.get(key[0], key[0]))
        text = md.join_sv(self.form_inline.get(f, f) for f in key)
        return md.cell(text[0].upper() + text[1:])


def _goals(org: Organiser, goals: BoardGoals) -> dict[str, Any]:
    council = {a.id: a.name for a in org.council_goal_areas}
    return {
        "period": _years(goals.period),
        "mål": [
            {
                "id": goal.id,
                "namn": md.cell(goal.name),
                "kf_målområde": md.escape(council.get(goal.council_area, goal.council_area)),
                "beskrivning": [md.cell(text) for text in goal.descriptions],
                "läroplansområden": [area_heading(a, ()) for a in goal.goal_areas],  # generic
                "indikatorer": [
                    {
                        "namn": md.cell(i.name),
                        "enhet": md.cell(i.unit),
                        "källa": md.cell(i.source or "–"),
                        "utgångsvärde": _value(i.baseline),
                        "målvärde": _value(i.target),
                    }
                    for i in goal.indicators
                ],
            }
            for goal in goals.goals
        ],
    }


def _governance(org: Organiser, names: _Names) -> dict[str, Any]:
    resp = org.responsibilities_on(None)  # the plan shows today's: the latest written
    levels = [
        ("Huvudman", resp.organiser if resp else []),
        ("Rektor", resp.principal if resp else []),
        ("Pedagog", resp.teacher if resp else []),
        ("Barn och elever", resp.pupil if resp else []),
        ("Vårdnadshavare", resp.guardian if resp else []),
    ]
    return {
        "skolchefer": [
            {
                "roll": names.role(chief.role),
                "omfattning": "alla skolformer"
                if ALL in chief.scope
                else names.forms_of(chief.scope),
                "beslut": _decision(chief.decision),
            }
            for chief in org.school_chiefs
        ],
        "roller": [
            {
                "namn": md.cell(role.name),
                "nivå": role.level.capitalize(),
                "beskrivning": md.cell(role.description or "–"),
            }
            for role in org.roles
        ],
        "ansvarsfördelning": [
            {"nivå": level, "punkter": [md.cell(p) for p in points]}
            for level, points in levels
            if points
        ],
        "forum": [
            {
                "namn": md.cell(forum.name),
                "deltagare": names.roles_of(forum.participants),
                "frekvens": md.escape(forum.frequency or ""),
                "syfte": md.escape(forum.purpose),
            }
            for forum in org.forums
        ],
    }


def _initiative(ins_id: str, ins: Initiative, names: _Names) -> dict[str, Any]:
    end = f" – {_month(ins.period.end)}" if ins.period.end else " och tills vidare"
    follow_up = ins.follow_up
    return {
        "id": ins_id,
        "titel": md.cell(ins.title),
        "syfte": md.escape(ins.purpose),
        "mål": [md.cell(g) for g in ins.goals],
        "åtgärder": [md.cell(a) for a in ins.actions],
        "ansvarig": names.role(ins.responsible),
        "verksamhetsformer": names.forms_of(ins.forms),
        "period": _month(ins.period.start) + end,
        "status": ins.status.value,
        "fokusområden": [md.cell(names.focus.get(f, f)) for f in ins.focus_areas],
        "nämndmål": [md.cell(names.goals.get(g, g)) for g in ins.board_goals],
        "grundas_på": [md.cell(b) for b in ins.based_on],
        "uppföljning": (
            {
                "metod": md.escape(follow_up.method),
                "planerad": [md.date(d) for d in follow_up.planned],
            }
            if follow_up
            else None
        ),
    }


def _initiative_groups(
    repo: Repository, org: Organiser, names: _Names, sources: list[str]
) -> list[dict[str, Any]]:
    """Insatser not ended when the plan starts, grouped by the forms they concern."""
    start = YearMonth(org.plan.valid_from.year, org.plan.valid_from.month)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for path, located in sorted(repo.files.items()):
        ins = repo.model(path, Initiative) if located.kind is K.INITIATIVE else None
        if ins is None:
            continue
        sources.append(path)
        if ins.period.end is not None and not start <= ins.period.end:
            continue
        forms = dict.fromkeys(ins.forms)
        key = (ALL,) if ALL in forms else tuple(sorted(forms, key=names.form_rank))
        groups.setdefault(key, []).append(_initiative(located.stem, ins, names))

    def order(key: tuple[str, ...]) -> tuple[bool, int, int, list[tuple[int, str]]]:
        ranks = [names.form_rank(f) for f in key]
        return key != (ALL,), ranks[0][0], len(key), ranks

    described = {a.id: a.description for a in org.other_activities if a.description}
    return [
        {
            "verksamhetsformer": list(key),
            "rubrik": names.group_heading(key),
            "beskrivning": md.escape(described[key[0]])
            if len(key) == 1 and key[0] in described
            else "",
            "insatser": sorted(groups[key], key=lambda i: _sv_key(i["titel"])),
        }
        for key in sorted(groups, key=order)
    ]


def _year_wheel(wheel: YearWheel, year: SchoolYear, names: _Names) -> dict[str, Any]:
    """The årshjul July → June, each event under every month it touches in `year`."""
    rows: dict[int, list[tuple[dt.date, int, dict[str, str]]]] = {m: [] for m in SCHOOL_YEAR_MONTHS}
    for index, event in enumerate(wheel.events):
        for when in event.when:
            first, _ = span(when, year)
            if when.kind == "datum" and not year.first_day <= first <= year.last_day:
                continue
            whole_month = when.kind == "månader" and when.first == when.last
            row = {
                "namn": md.cell(event.name),
                "när": "" if whole_month else md.cell(str(when)),
                "typ": event.kind.value.capitalize(),
                "nivå": event.level.capitalize(),
                "ansvarig": names.roles_of(event.responsible),
            }
            for month in months(when, year):
                if all(other[1] != index for other in rows[month]):
                    rows[month].append((first, index, row))
    return {
        "läsår": str(year),
        "månader": [
            {
                "namn": MONTHS[m - 1].capitalize(),
                "händelser": [row for *_, row in sorted(rows[m], key=lambda r: r[:2])],
            }
            for m in SCHOOL_YEAR_MONTHS
        ],
        "beskrivningar": [
            {"namn": md.escape(e.name), "text": md.escape(e.description)}
            for e in wheel.events
            if e.description
        ],
    }


def _plan_year(valid_from: dt.date, today: dt.date | None) -> SchoolYear:
    """The läsår the plan's årshjul is shown for: the one going on when the document is
    built, once the plan is in force; before that, the one it comes into force in."""
    if today is not None and today >= valid_from:
        return SchoolYear.containing(today)
    return SchoolYear.containing(valid_from)


def _complaints(routine: Routine, names: _Names) -> dict[str, Any]:
    meta = routine.meta
    url = str(meta.published.url or "")
    return {
        "titel": md.escape(meta.title),
        "beslut": _decision(meta.decision),
        "ansvarig": names.role(meta.responsible),
        "datum": md.date(meta.date),
        "webb": md.Markdown(f"<{url}>") if _PLAIN_URL.fullmatch(url) else url,
        "kanaler": [md.cell(c) for c in meta.published.channels],
    }


def _kaa(year: str, kaa: KaaReport, names: _Names) -> dict[str, Any]:
    return {
        "år": year,
        "ansvarig": names.role(kaa.responsible),
        "register": md.escape(kaa.register_keeping),
        "kontaktarbete": md.escape(kaa.contact_work),
        "åtgärder": [md.cell(m) for m in kaa.measures],
        "scb": [
            {
                "halvår": "Första halvåret" if s.half_year == 1 else "Andra halvåret",
                "inskickad": md.date(s.submitted) if s.submitted else "Inte inskickad",
                "antal": "–" if s.count is None else md.number(s.count),
            }
            for s in kaa.scb
        ],
    }


def _newest(repo: Repository, kind: K.Kind) -> tuple[str, str]:
    """(year, path) of the newest file of a yearly kind, e.g. plans/kaa/2026.yaml."""
    found = sorted((loc.stem, path) for path, loc in repo.files.items() if loc.kind is kind)
    return found[-1] if found else ("", "")


def plan_document(
    repo: Repository, today: dt.date | None = None, picture: PictureMaker = plain_picture
) -> Prepared | None:
    """The plan för det systematiska kvalitetsarbetet, or None without a valid huvudman;
    `picture` adds the målkarta pictures' PNG copies for Word."""
    org = repo.organiser
    if org is None:
        return None
    plan = org.plan
    goals, focus_file = repo.board_goals, repo.focus_areas
    wheel = repo.model(K.YEAR_WHEEL.pattern, YearWheel)
    routine = repo.model(K.COMPLAINTS.pattern, Routine)
    kaa_year, kaa_path = _newest(repo, K.KAA)
    kaa = repo.model(kaa_path, KaaReport)
    read = [
        (K.BOARD_GOALS.pattern, goals),
        (K.FOCUS_AREAS.pattern, focus_file),
        (K.YEAR_WHEEL.pattern, wheel),
        (K.COMPLAINTS.pattern, routine),
        (kaa_path, kaa),
    ]
    sources = [K.ORGANISER.pattern] + [path for path, model in read if model is not None]
    focus = focus_file.focus_areas if focus_file else []
    names = _Names(org, goals, {f.id: f.name for f in focus})
    mission = org.mission
    initiatives = _initiative_groups(repo, org, names, sources)  # adds its files to sources
    chain = (
        goal_chain(
            repo,
            org,
            goals,
            _plan_year(plan.valid_from, today),
            sources,
            YearMonth(plan.valid_from.year, plan.valid_from.month),
        )
        if goals
        else None
    )
    pictures = goal_map_pictures(chain, picture) if chain else []

    context = {
        "dokument": {
            "titel": plan.title,
            "undertitel": org.name,
            "datum": md.date(plan.decision.date),
        },
        "huvudman": {**_organiser_facts(repo), "verksamheter": names.forms_of(names.form_rank_of)},
        "plan": {
            "beslut": _decision(plan.decision),
            "dokumentansvarig": names.role(plan.owner),
            "giltig_från": md.date(plan.valid_from),
            "revideras": md.escape(plan.revision),
            "följs_upp": md.escape(plan.follow_up),
            "senast_granskad": md.date(plan.last_reviewed) if plan.last_reviewed else "",
        },
        "vision": {
            "text": md.escape(org.vision.text),
            "beslutad_av": md.escape(org.vision.decided_by or ""),
            "punkter": [md.cell(p) for p in org.vision.points],
        },
        "verksamhetsidé": (
            {
                "text": md.escape(mission.text),
                "delar": [
                    {"namn": md.escape(p.name), "punkter": [md.cell(x) for x in p.points]}
                    for p in mission.parts
                ],
            }
            if mission
            else None
        ),
        "kf_målområden": [{"id": a.id, "namn": md.cell(a.name)} for a in org.council_goal_areas],
        "mål": _goals(org, goals) if goals else None,
        "målkarta": goal_map_table(chain) if chain else "",
        "målkarta_bilder": figures(pictures),
        "fokusområden": [
            {
                "id": f.id,
                "namn": md.escape(f.name),
                "beskrivning": md.escape(f.description),
                "period": _years(f.period),
            }
            for f in focus
        ],
        "styrning": _governance(org, names),
        "insatser": initiatives,
        "årshjul": (
            _year_wheel(wheel, _plan_year(plan.valid_from, today), names) if wheel else None
        ),
        "klagomål": _complaints(routine, names) if routine else None,
        "kaa": _kaa(kaa_year, kaa, names) if kaa else None,
        "underlag": provenance(repo, sources, org),
    }
    assets: dict[str, str | bytes] = {k: v for p in pictures for k, v in p.files().items()}
    return Prepared(context, sorted(set(sources)), assets)
