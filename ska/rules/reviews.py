"""External reviews: a brist that Skolinspektionen or the auditors found must be remedied.

Skolinspektionen's föreläggande sets a date by which the huvudman must remedy each brist
(skollagen 26 kap. 10 §), possibly with a vite; the auditors' anmärkningar are answered in
the same way. A brist still open after its date, or a brist a later review finds again,
is the persistent failure reviewers criticise most.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ska.checks.base import Example, RuleClass
from ska.checks.minimal import REVIEW, REVIEW_TEXT, edited
from ska.model import kinds as K
from ska.model.review import Deficiency, DeficiencyState, Review
from ska.rules.context import Context
from ska.rules.engine import Group, Outcome, Pending, RuleSpec, row_of
from ska.rules.text import is_blank

SL26_10 = "SL 26:10 (lydelse 2011-07-01)"

_OPEN = (
    ("status: åtgärdad\n", "status: öppen\n"),
    ("    åtgärdad: 2025-10-20\n", ""),
    ('    belägg: "Nämndens protokoll 2025-10-20 § 91: redovisning till Skolinspektionen."\n', ""),
)
_LATER = K.REVIEW.path(name="revisorerna-2026")
_LATER_TEXT = """\
granskare: revisorerna
typ: revisionsrapport
titel: Granskning av nämndens styrning av kvalitetsarbetet
datum: 2026-04-02
sista_dag: 2026-10-31
brister:
  - id: fritidshem-analys
    beskrivning: Fritidshemmets resultat analyseras fortfarande inte.
    skolform: fritidshem
    tidigare: skolinspektionen-2025/analys-per-skolform
    status: öppen
"""
_LATER_REMEDIED = (
    (
        "    status: öppen\n",
        "    status: åtgärdad\n    åtgärdad: 2026-06-10\n"
        "    belägg: Kvalitetsrapporten 2025/26 har en analys av fritidshemmet.\n",
    ),
)


@dataclass(frozen=True, slots=True)
class _Found:
    path: str
    review_id: str
    review: Review
    index: int
    brist: Deficiency

    @property
    def deadline(self) -> dt.date | None:
        return self.brist.deadline or self.review.deadline


def reviews(ctx: Context) -> list[tuple[str, str, Review]]:
    """(path, id, review) of every external review in the repository, oldest first."""
    found = []
    for path, located in ctx.repo.files.items():
        if located.kind is K.REVIEW:
            review = ctx.model(path, Review)
            if review is not None:
                found.append((path, located.stem, review))
    return sorted(found, key=lambda item: item[2].date)


def _deficiencies(ctx: Context) -> Iterator[_Found]:
    for path, review_id, review in reviews(ctx):
        for index, brist in enumerate(review.deficiencies):
            yield _Found(path, review_id, review, index, brist)


@RuleSpec(
    "GR-brist-kvarstar",
    RuleClass.LAW,
    Group.INITIATIVES,
    "Brister från externa granskningar åtgärdas i tid",
    "Skollagen 26 kap. 10 och 27 §§; 4 kap. 7 §",
    SL26_10,
    "Skolinspektionens föreläggande (ibland med vite) och revisorernas anmärkningar anger "
    "brister som huvudmannen ska åtgärda. Varje brist i plans/granskningar/<id>.yaml ska "
    "hänvisa till de insatser som svarar mot den (åtgärder) och, när den är åtgärdad, ange "
    "datum och belägg. En brist som fortfarande är öppen efter sista_dag (bristens eller "
    "granskningens) är ett fel; före sista dag väntar regeln.",
    """
# plans/granskningar/skolinspektionen-2025.yaml
granskare: skolinspektionen
typ: föreläggande
datum: 2025-05-12
sista_dag: 2025-11-30
brister:
  - id: analys-per-skolform
    beskrivning: Huvudmannen analyserar inte resultaten för fritidshemmet.
    åtgärder: [läslyftet]
    status: åtgärdad
    åtgärdad: 2025-10-20
    belägg: "Nämndens protokoll 2025-10-20 § 91"
""",
    failing=Example({REVIEW: edited(REVIEW_TEXT, *_OPEN)}),
    passing=Example({REVIEW: REVIEW_TEXT}),
).organiser
def deficiency_remedied(ctx: Context) -> Iterator[Outcome]:
    known = {info.id for info in ctx.initiatives}
    for found in _deficiencies(ctx):
        brist = found.brist
        at = ("brister", found.index)
        for number, action in enumerate(brist.actions):
            if action not in known:
                yield ctx.hit(
                    found.path,
                    f"Bristen '{brist.id}' hänvisar till insatsen '{action}', som inte finns.",
                    "Skriv id för en insats i plans/insatser/ eller units/<enhet>/insatser/.",
                    at=(*at, "åtgärder", number),
                )
        if brist.state is DeficiencyState.REMEDIED:
            if brist.remedied is None or is_blank(brist.evidence):
                yield ctx.hit(
                    found.path,
                    f"Bristen '{brist.id}' är markerad åtgärdad men saknar datum eller belägg.",
                    "Fyll i åtgärdad (datum) och belägg (t.ex. protokoll eller redovisning).",
                    at=(*at, "status"),
                )
            continue
        deadline = found.deadline
        if deadline is None:
            continue
        if ctx.today <= deadline:
            yield Pending(row_of(found.path), deadline, f"åtgärd mot bristen '{brist.id}'")
            continue
        reviewer = found.review.reviewer.value.capitalize()
        yield ctx.hit(
            found.path,
            f"Bristen '{brist.id}' ({reviewer} {found.review.date}) är fortfarande öppen; "
            f"sista dag var {deadline}."
            + ("" if brist.actions else " Ingen insats svarar mot den."),
            "Genomför åtgärderna och ange status: åtgärdad med datum och belägg, "
            "och hänvisa till insatserna under åtgärder.",
            at=(*at, "status"),
        )


@RuleSpec(
    "GR-brist-aterkommer",
    RuleClass.LAW,
    Group.INITIATIVES,
    "En brist som återkommer i en senare granskning",
    "Skollagen 4 kap. 7 §; 26 kap. 10 §",
    SL26_10,
    "När en senare granskning finner samma brist igen (tidigare: <granskning>/<brist>) har "
    "huvudmannens åtgärder inte räckt. Det är ett fel så länge den återkommande bristen är "
    "öppen, oavsett sista dag; den tidigare bristen visas i historiken. Hänvisningen ska "
    "peka på en brist i en äldre granskning.",
    """
brister:
  - id: fritidshem-analys
    beskrivning: Fritidshemmets resultat analyseras fortfarande inte.
    tidigare: skolinspektionen-2025/analys-per-skolform
    status: åtgärdad
    åtgärdad: 2026-06-10
    belägg: Kvalitetsrapporten 2025/26 har en analys av fritidshemmet.
""",
    failing=Example({_LATER: _LATER_TEXT}),
    passing=Example({_LATER: edited(_LATER_TEXT, *_LATER_REMEDIED)}),
).organiser
def deficiency_recurs(ctx: Context) -> Iterator[Outcome]:
    all_reviews = reviews(ctx)
    index = {
        f"{review_id}/{brist.id}": (review, brist)
        for _, review_id, review in all_reviews
        for brist in review.deficiencies
    }
    for found in _deficiencies(ctx):
        earlier = found.brist.earlier
        if earlier is None:
            continue
        at = ("brister", found.index, "tidigare")
        if earlier not in index or index[earlier][0].date >= found.review.date:
            yield ctx.hit(
                found.path,
                f"tidigare: '{earlier}' är ingen brist i en äldre granskning.",
                "Skriv <granskning>/<brist>, t.ex. skolinspektionen-2023/analys.",
                at=at,
            )
            continue
        if found.brist.state is DeficiencyState.OPEN:
            first, _ = index[earlier]
            yield ctx.hit(
                found.path,
                f"Bristen '{found.brist.id}' återkommer: den fanns redan i granskningen "
                f"{earlier.split('/')[0]} ({first.date}).",
                "De tidigare åtgärderna räckte inte. Besluta nya insatser, hänvisa till dem "
                "under åtgärder och ange status: åtgärdad med datum och belägg när de verkat.",
                at=at,
            )
