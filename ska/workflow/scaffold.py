"""`ska ny`: new documents from templates, pre-filled from what the repository knows.

A new utvecklingsplan gets the unit's rektor; a new kvalitetsrapport asks for a follow-up
of every utvecklingsområde in last year's report. Nothing is ever overwritten: a file
that exists is left alone and the command says so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ska.errors import UsageError
from ska.files import write_atomic
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.report import Report
from ska.model.types import SLUG_PATTERN, SchoolYear
from ska.render.templating import Target, environment, render
from ska.results.analysis import analyse, inputs_from
from ska.rules.config import resolve
from ska.suggest import did_you_mean, listing

_SLUG = re.compile(SLUG_PATTERN)


def create(root: Path, rel: str, template: str, context: dict[str, Any]) -> Path:
    """Render `ny/<template>` to `rel`; refuse if the file exists."""
    target = root / rel
    if target.exists():
        raise UsageError(f"{rel} finns redan och skrivs inte över.")
    write_atomic(target, render(environment(root, Target.TEXT), f"ny/{template}", context))
    if (root / K.ORGANISER.pattern).is_file():
        from ska.workflow.fmt import format_repository

        format_repository(root, [target])  # in the same shape `ska fmt` keeps
    return target


def _slug(value: str, what: str) -> str:
    if not _SLUG.match(value):
        raise UsageError(
            f"'{value}' går inte att använda som id för {what}: använd små bokstäver, "
            "siffror, - och _, t.ex. åsenskolan."
        )
    return value


def _principal(unit: Any, today: dt.date) -> str:
    """The rektor in office today, for a new plan's or report's ansvarig (at a handover,
    the one enhet.yaml lists last)."""
    names: list[str] = unit.principals_on(today)
    return names[-1] if names else str(unit.current_principal)


def _unit(repo: Repository, unit_id: str) -> Any:
    unit = repo.unit(unit_id)
    if unit is None:
        hint = did_you_mean(unit_id, repo.unit_ids) or f"Enheter: {listing(repo.unit_ids)}."
        raise UsageError(f"Enheten '{unit_id}' finns inte eller har fel i enhet.yaml. {hint}")
    return unit


def new_unit(
    root: Path, unit_id: str, name: str, forms: list[str], principal: str, code: str = ""
) -> Path:
    known = [f.value for f in SchoolForm]
    unknown = [f for f in forms if f not in known]
    if unknown or not forms:
        raise UsageError(
            f"Okänd skolform: {', '.join(unknown) or '–'}. Välj bland {listing(known)}."
        )
    kind = "förskoleenhet" if "förskola" in forms else "skolenhet"
    context = {
        "namn": name,
        "typ": kind,
        "skolformer": ", ".join(forms),
        "rektor": principal,
        "skolenhetskod": code.strip(),
    }
    rel = K.UNIT.path(unit=_slug(unit_id, "enheten"))
    return create(root, rel, "enhet.yaml.j2", context)


def new_plan(root: Path, unit_id: str, year: SchoolYear, today: dt.date) -> Path:
    unit = _unit(Repository(root), unit_id)
    context = {
        "enhet": unit.name,
        "rektor": _principal(unit, today),
        "läsår": str(year),
        "start": year.start,
        "idag": today.isoformat(),
    }
    rel = K.DEVELOPMENT_PLAN.path(unit=unit_id, year=year)
    return create(root, rel, "utvecklingsplan.yaml.j2", context)


# The routines a rektor checks each läsår when the huvudman gives no list of its own:
# the duties of skollagen and diskrimineringslagen that an inspection asks for first.
SELF_CHECK_POINTS = (
    (
        "Elevhälsa",
        "Utreds behov av särskilt stöd skyndsamt, och har åtgärdsprogrammen datum för utvärdering?",
    ),
    (
        "Trygghet och studiero",
        "Anmäls kränkande behandling till huvudmannen och utreds den skyndsamt?",
    ),
    (
        "Trygghet och studiero",
        "Är årets plan mot kränkande behandling upprättad och känd av personalen?",
    ),
    ("Närvaro", "Följs frånvaron upp och anmäls upprepad frånvaro till huvudmannen?"),
    ("Personal", "Har alla som började arbeta visat utdrag ur belastningsregistret?"),
    ("Personal", "Undervisar legitimerade och behöriga lärare, eller är undantagen dokumenterade?"),
    ("Klagomål", "Registreras och besvaras klagomål enligt huvudmannens rutin?"),
    ("Säkerhet", "Är krisplanen aktuell och har utrymningsövningen genomförts?"),
)


def new_self_check(root: Path, unit_id: str, year: SchoolYear, today: dt.date) -> Path:
    """The unit's egenkontroll for the läsår, with the default kontrollpunkter to answer."""
    unit = _unit(Repository(root), unit_id)
    context = {
        "enhet": unit.name,
        "läsår": str(year),
        "punkter": [{"område": a, "fråga": q} for a, q in SELF_CHECK_POINTS],
    }
    rel = K.SELF_CHECK.path(unit=unit_id, year=year)
    return create(root, rel, "egenkontroll.yaml.j2", context)


def new_report(root: Path, unit_id: str, year: SchoolYear, today: dt.date) -> Path:
    repo = Repository(root)
    unit = _unit(repo, unit_id)
    previous = repo.model(K.UNIT_REPORT.path(unit=unit_id, year=year.previous()), Report)
    earlier = [
        {"id": a.id, "beskrivning": a.description.rstrip(".").lower()}
        for a in (previous.meta.development_areas if previous else [])
    ]
    forms = unit.school_forms
    context = {
        "enhet": unit.name,
        "rektor": _principal(unit, today),
        # a report per calendar year is named after the year the läsår ends in
        "läsår": str(year.start + 1) if repo.by_calendar_year else str(year),
        "idag": today.isoformat(),
        "elever": any(f.has_pupils for f in forms),
        "barn": SchoolForm.PRESCHOOL in forms,
        "vårdnadshavare": any(f.has_guardians for f in forms),
        "tidigare": earlier,
        "flaggor": _flags(repo, unit_id, year, today),
        "huvudman": False,
    }
    rel = K.UNIT_REPORT.path(unit=unit_id, year=year)
    return create(root, rel, "kvalitetsrapport.md.j2", context)


def new_organiser_report(root: Path, year: SchoolYear, today: dt.date) -> Path:
    """The huvudman's kvalitetsrapport, plans/<läsår>/kvalitetsrapport.md (or the
    calendar year's, plans/<år>/kvalitetsrapport.md, where the huvudman reports so)."""
    repo = Repository(root)
    organiser = repo.organiser
    if organiser is None:
        raise UsageError(f"{K.ORGANISER.pattern} saknas eller har fel; rätta den först.")
    written = repo.organiser_reports(year.previous())
    previous = repo.model(written[0], Report) if written else None
    earlier = [
        {"id": a.id, "beskrivning": a.description.rstrip(".").lower()}
        for a in (previous.meta.development_areas if previous else [])
    ]
    roles = {r.id: r.name for r in organiser.roles}
    forms = organiser.school_forms
    context = {
        "enhet": organiser.name,
        "rektor": roles.get(organiser.plan.owner, organiser.plan.owner),
        # a report per calendar year is named after the year the läsår ends in
        "läsår": str(year.start + 1) if repo.by_calendar_year else str(year),
        "idag": today.isoformat(),
        "elever": any(f.has_pupils for f in forms),
        "barn": SchoolForm.PRESCHOOL in forms,
        "vårdnadshavare": any(f.has_guardians for f in forms),
        "tidigare": earlier,
        "flaggor": [],
        "huvudman": True,
    }
    rel = repo.expected_organiser_report(year)
    return create(root, rel, "kvalitetsrapport.md.j2", context)


def _flags(repo: Repository, unit_id: str, year: SchoolYear, today: dt.date) -> list[Any]:
    """The unit's flagged results for the läsår, with their analysis questions."""
    config, _ = resolve(repo, today)
    analysis = analyse(inputs_from(repo), config.settings, year)
    return [
        {"text": f.text.replace("--", "–"), "frågor": [q.replace("--", "–") for q in f.questions]}
        for f in analysis.flags
        if f.unit == unit_id
    ]


def new_initiative(
    root: Path, initiative_id: str, title: str, unit_id: str | None, today: dt.date
) -> Path:
    repo = Repository(root)
    _slug(initiative_id, "insatsen")
    if initiative_id in repo.initiative_files:
        raise UsageError(
            f"Insatsen '{initiative_id}' finns redan: {repo.initiative_files[initiative_id][0]}."
        )
    if unit_id is not None:
        forms = ", ".join(f.value for f in _unit(repo, unit_id).school_forms)
        kind, responsible = K.UNIT_INITIATIVE, "rektor"
    else:
        kind, responsible = K.INITIATIVE, "utvecklingsledare"
        organiser = repo.organiser
        forms = ", ".join(f.value for f in organiser.school_forms) if organiser else "alla"
    year = SchoolYear.containing(today)
    context = {
        "id": initiative_id,
        "titel": title,
        "ansvarig": responsible,
        "verksamhetsformer": forms,
        "start": f"{today.year}-{today.month:02d}",
        "slut": f"{year.last_day.year}-06",
        "uppföljning": year.last_day.replace(day=1).isoformat(),
    }
    rel = kind.path(unit=unit_id, name=initiative_id)
    return create(root, rel, "insats.yaml.j2", context)
