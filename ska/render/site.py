"""The static site: an index page linking every built document, per läsår and unit, and
for the läsår going on the state of things: what is late and coming, completeness, and
how nämndens mål are reached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ska import markdown as md
from ska.files import write_atomic
from ska.load.repository import Repository
from ska.model.gaps import is_gap
from ska.model.types import SchoolYear
from ska.planning.obligations import judged_years
from ska.render.goals import goal_attainment
from ska.render.templating import Target, environment, render
from ska.status.agenda import build_agenda
from ska.status.matrix import Status
from ska.status.render import agenda_rows

if TYPE_CHECKING:
    from ska.render.documents import Job

FORMAT_NAMES = {
    "pdf": "PDF",
    "html": "webbsida",
    "docx": "Word",
    "ics": "kalenderfil",
    "svg": "hjulet som bild",
}


COMING = 10  # events listed as coming; the årshjul has the rest
NO_EXTRAS: dict[str, Any] = {
    "hjul": "",
    "status": None,
    "läge": None,
    "pågår": False,
    "mål": [],
}


def _status(status: Status) -> dict[str, Any]:
    """The completeness matrix for the page: areas as columns, units as rows."""
    return {
        "rubriker": [g.label for g in status.groups],
        "rader": [
            {"namn": r.name, "celler": [str(r.cells[g]) for g in status.groups]}
            for r in status.rows
        ],
    }


def _agenda(repo: Repository, year: SchoolYear, today: dt.date) -> dict[str, Any]:
    """What is late and what is coming in the next six weeks: for the läsår going on and,
    while anything of it is still owed, the one before (the autumn's chase)."""
    agenda = build_agenda(repo, sorted({*judged_years(repo, today), year}), today, 6)
    coming, _ = agenda_rows(agenda)
    return {
        "sena": [
            {
                "vad": d.document.value.replace("_", " ").capitalize(),
                "enhet": d.row_name,
                "sista": md.date(d.due),
                "läge": d.state.value,
            }
            for d in agenda.overdue
        ],
        "kommande": [{"när": r[0], "vad": r[1], "enhet": r[2]} for r in coming[:COMING]],
        "fler": max(len(coming) - COMING, 0),
    }


def _order(heading: str, extras: Mapping[str, Mapping[str, Any]]) -> tuple[int, str]:
    """The läsår going on first, then the others from the latest, then the plans."""
    if heading not in extras:
        return (2, heading)
    rank = 0 if extras[heading]["pågår"] else 1
    return (rank, "".join(chr(0x10FFFF - ord(c)) for c in heading))  # later first


def write_site(
    folder: Path,
    repo: Repository,
    jobs: list[Job],
    outputs: dict[str, list[Path]],
    statuses: Mapping[SchoolYear, Status] | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write index.html in the build folder; documents not built are left out. Each
    läsår shows its completeness matrix (from `statuses`), its årshjul as a picture,
    and the läsår going on `today` what is late and what is coming."""
    groups: dict[str, list[dict[str, object]]] = {}
    for job in jobs:
        files = [p for p in outputs.get(job.id, []) if p.exists()]
        if not files:
            continue
        heading = f"Läsåret {job.year}" if job.year else "Planer"
        groups.setdefault(heading, []).append(
            {
                "titel": job.title,
                "länkar": [
                    {"href": p.relative_to(folder).as_posix(), "format": FORMAT_NAMES[p.suffix[1:]]}
                    for p in files
                ],
            }
        )
    years = {f"Läsåret {job.year}": job.year for job in jobs if job.year}
    goals = repo.board_goals
    attainment: list[dict[str, str | int]] = []
    if goals is not None and (  # once the goals' period is over they are history
        is_gap(goals.period) or today is None or today.year <= goals.period.end
    ):
        attainment = goal_attainment(goals)
    extras: dict[str, dict[str, Any]] = {}
    for heading, year in years.items():
        wheel = folder / year.folder / "arshjul" / "arshjul-hjul.svg"
        status = (statuses or {}).get(year)
        current = today is not None and year.first_day <= today <= year.last_day
        extras[heading] = {
            "hjul": wheel.relative_to(folder).as_posix() if wheel.is_file() else "",
            "status": _status(status) if status else None,
            "läge": _agenda(repo, year, today) if current and today else None,
            "pågår": current,
            "mål": attainment if current else [],
        }
    organiser = repo.organiser
    context = {
        "huvudman": organiser.name if organiser else "Systematiskt kvalitetsarbete",
        "grupper": [
            {"rubrik": h, "dokument": d, **extras.get(h, NO_EXTRAS)}
            for h, d in sorted(groups.items(), key=lambda hd: _order(hd[0], extras))
        ],
        "förklaring": "✓ uppfyllt, ✗ brister (antal öppna fynd), ◌ inte aktuellt ännu, "
        "U godtaget undantag, – gäller inte",
    }
    page = render(environment(repo.root, Target.HTML), "webb/index.html.j2", context)
    target = folder / "index.html"
    write_atomic(target, page)
    return target
