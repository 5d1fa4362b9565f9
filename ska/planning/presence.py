"""Which units take part in a läsår: what each enhet.yaml says of it, kept in the cache
as a fact of the file (see Repository.facts), so that a change to one unit's documents
does not read every enhet.yaml again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ska.cache.codec import BOOL, DATE, TEXT, enum, list_of, optional, record
from ska.cache.memo import entries
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.curriculum import SchoolForm
from ska.model.gaps import GapReached, present
from ska.model.types import SchoolYear


@dataclass(frozen=True)
class Presence:
    """A unit in a läsår: active or not, or why that cannot be read (`why`); its name,
    skolformer and the day it started (aktiv_från)."""

    active: bool
    why: str
    name: str
    forms: list[SchoolForm]
    since: dt.date | None


_PRESENCE = entries(
    record(
        Presence,
        active=BOOL,
        why=TEXT,
        name=TEXT,
        forms=list_of(enum(SchoolForm)),
        since=optional(DATE),
    )
)


def _presence(repo: Repository, year: SchoolYear, unit_id: str) -> Presence:
    unit = repo.unit(unit_id)
    if unit is None:
        why = f"{K.UNIT.path(unit=unit_id)} kunde inte läsas (se schemafelen)"
        return Presence(False, why, unit_id, [], None)
    try:
        active = unit.active_in(year)
        forms = list(unit.school_forms) if active else []
    except GapReached as reached:
        return Presence(False, reached.gap.describe(), unit_id, [], None)
    return Presence(active, "", str(present(unit.name, unit_id)), forms, unit.active_from)


def presences(repo: Repository, year: SchoolYear) -> dict[str, Presence]:
    """Every unit's presence in the läsår, in folder order (worked out once per run)."""

    def compute() -> dict[str, Presence]:
        wanted = {u: f"enhet\0{u}\0{year}" for u in repo.unit_ids}
        return repo.facts(wanted, _PRESENCE, lambda u: _presence(repo, year, u))

    return repo.reads.derived(repo.derived, ("närvaro", str(year)), compute, [K.UNIT.name])
