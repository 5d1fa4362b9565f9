"""The årshjul of a läsår as a document: a table by month, a wheel and a calendar file.

The Markdown goes through the same pipeline as the reports (PDF, web, Word); beside it
the build writes `arshjul.ics` for Outlook and Google Calendar and `arshjul.svg`, the
wheel to pin on the wall (also shown in the document).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ska import gitinfo
from ska import markdown as md
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.model.year_wheel import MONTHS
from ska.planning.ical import to_ical
from ska.planning.occurrences import KIND_LABELS, Occurrence, occurrences
from ska.render.context import Prepared
from ska.render.provenance import provenance
from ska.render.year_wheel_picture import numbers, year_wheel_svg

# The läsår's months in date order, July to June (SchoolYear runs 1 July–30 June).
SCHOOL_MONTHS = (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)


def _month_of(year: SchoolYear, month: int) -> tuple[int, int]:
    return (year.start if month >= 7 else year.start + 1, month)


def _row(item: Occurrence, number: int) -> dict[str, str]:
    name = f"{item.unit_name}: {item.name}" if item.unit_name else item.name
    return {
        "nr": str(number),
        "när": md.cell(md.period(item.start, item.end)),
        "vad": md.cell(name),
        "typ": KIND_LABELS.get(item.kind, item.kind),
        "ansvarig": md.cell(", ".join(item.responsible)),
    }


def year_wheel_document(repo: Repository, year: SchoolYear, today: dt.date) -> Prepared | None:
    """The årshjul document for `year`, or None when there is no readable årshjul."""
    if repo.model(K.YEAR_WHEEL.pattern, K.YEAR_WHEEL.model) is None:
        return None
    items = occurrences(repo, year)
    numbered = dict(zip(map(id, items), numbers(items), strict=True))
    organiser = repo.organiser
    name = organiser.name if organiser else "Huvudmannen"
    sources = sorted({K.YEAR_WHEEL.pattern, K.ORGANISER.pattern} | {o.source for o in items})
    months: list[dict[str, Any]] = []
    for month in SCHOOL_MONTHS:
        calendar_year, number = _month_of(year, month)
        first = dt.date(calendar_year, number, 1)
        starting = [o for o in items if (o.start.year, o.start.month) == (calendar_year, number)]
        months.append(
            {
                "namn": f"{MONTHS[number - 1].capitalize()} {calendar_year}",
                "händelser": [_row(o, numbered[id(o)]) for o in starting],
                "tom": not starting,
                "första": first.isoformat(),
            }
        )
    commits = gitinfo.last_commits(repo.root)
    dates = [commits[s].date for s in sources if s in commits]
    changed = max(dates, default=year.first_day)
    stamp = dt.datetime.combine(changed, dt.time(), tzinfo=dt.UTC)
    title = f"Årshjul {year}"
    marked = today if year.first_day <= today <= year.last_day else None
    context = {
        "dokument": {
            "titel": title,
            "undertitel": name,
            "läsår": str(year),
            "datum": md.date(changed),
        },
        "huvudman": {"namn": md.escape(name)},
        "antal": len(items),
        "enheternas": sum(1 for o in items if o.unit),
        "månader": months,
        "hjul": {
            "fil": "arshjul-hjul.svg",
            "alt": f"Årshjulet för läsåret {year} som ett hjul med augusti överst och "
            f"{len(items)} händelser i ringar efter typ"
            + (f"; dagens datum, {md.date(marked)}, är markerat." if marked else "."),
        },
        "underlag": provenance(repo, sources, organiser),
    }
    assets: dict[str, str | bytes] = {
        "arshjul.svg": year_wheel_svg(items, year, marked, f"{title} – {name}"),
        "arshjul-hjul.svg": year_wheel_svg(items, year, marked, f"{title} – {name}", legend=False),
        "arshjul.ics": to_ical(items, f"{title} – {name}", name, stamp),
    }
    return Prepared(context, sources, assets)
