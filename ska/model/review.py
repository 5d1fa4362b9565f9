"""External reviews: Skolinspektionen's decisions and the auditors' reports, with their brister.

One file per review (`plans/granskningar/<id>.yaml`); the file name is its id. Each brist
names the insatser (åtgärder) that answer it and its state: öppen, or åtgärdad with the
date and the evidence. A brist found again in a later review names the earlier one
(`tidigare: <granskning>/<brist>`), so the history of a persistent brist is kept.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ska.model.base import SkaModel
from ska.model.types import Slug, Text


class Reviewer(StrEnum):
    SCHOOLS_INSPECTORATE = "skolinspektionen"
    AUDITORS = "revisorerna"
    OTHER = "annan"


class ReviewKind(StrEnum):
    DECISION = "beslut"
    INJUNCTION = "föreläggande"
    INJUNCTION_FINE = "föreläggande_med_vite"
    FOLLOW_UP_DECISION = "beslut_efter_uppföljning"
    AUDIT_REPORT = "revisionsrapport"
    REMARK = "anmärkning"
    QUALITY_REVIEW = "kvalitetsgranskning"


class DeficiencyState(StrEnum):
    OPEN = "öppen"
    REMEDIED = "åtgärdad"


class Deficiency(SkaModel):
    """A brist the reviewer found, and what the huvudman did about it."""

    id: Slug = Field(description="Kort id, unikt i granskningen.")
    description: Text = Field(alias="beskrivning", description="Bristen som granskaren angav.")
    school_form: Slug | None = Field(
        None, alias="skolform", description="Skolformen bristen gäller, om en."
    )
    unit: Slug | None = Field(None, alias="enhet", description="Enheten (id), om en.")
    deadline: dt.date | None = Field(
        None,
        alias="sista_dag",
        description="När bristen senast ska vara åtgärdad; tomt: granskningens sista_dag.",
    )
    actions: list[Slug] = Field(
        default_factory=list,
        alias="åtgärder",
        description="Insatser (id) som svarar mot bristen.",
    )
    state: DeficiencyState = Field(alias="status", description="öppen eller åtgärdad.")
    remedied: dt.date | None = Field(
        None, alias="åtgärdad", description="När bristen åtgärdades (status: åtgärdad)."
    )
    evidence: Text | None = Field(
        None,
        alias="belägg",
        description="Vad som visar att bristen är åtgärdad, t.ex. protokoll eller redovisning.",
    )
    earlier: str | None = Field(
        None,
        alias="tidigare",
        description="Samma brist i en tidigare granskning: <granskning>/<brist>.",
    )


class Review(SkaModel):
    """`plans/granskningar/<id>.yaml`: an external review and its brister."""

    reviewer: Reviewer = Field(
        alias="granskare", description="skolinspektionen, revisorerna eller annan."
    )
    kind: ReviewKind = Field(alias="typ", description="Vilket slags beslut eller rapport.")
    title: Text = Field(alias="titel", description="Beslutets eller rapportens rubrik.")
    date: dt.date = Field(alias="datum", description="Beslutets eller rapportens datum.")
    reference: Text | None = Field(
        None, alias="diarienummer", description="Granskarens diarienummer."
    )
    fine: int | None = Field(None, alias="vite", ge=0, description="Vitets belopp i kronor.")
    deadline: dt.date | None = Field(
        None, alias="sista_dag", description="När bristerna senast ska vara åtgärdade."
    )
    deficiencies: list[Deficiency] = Field(
        alias="brister", min_length=1, description="Bristerna eller anmärkningarna."
    )
