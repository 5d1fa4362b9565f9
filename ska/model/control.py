"""Internkontroll, klagomålsrutin and KAA: the huvudman's duties beside the cycle.

Files: `plans/internkontroll/<år>.yaml` (InternalControl),
`plans/klagomalsrutin.md` (front matter ComplaintsRoutine, the routine as text) and
`plans/kaa/<år>.yaml` (KaaReport).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, HttpUrl, field_validator

from ska.model.base import SkaModel
from ska.model.tenure import Decided
from ska.model.types import Decision, Slug, Text
from ska.placeholders import is_placeholder

Score = Literal[1, 2, 3, 4]


class Control(SkaModel):
    """A kontrollmoment: how a risk is checked."""

    description: Text = Field(alias="beskrivning", description="Vad som kontrolleras.")
    method: Text = Field(alias="metod", description="Hur, t.ex. stickprov eller enkät.")
    responsible: Slug = Field(alias="ansvarig", description="Roll (id) som gör kontrollen.")
    when: Text = Field(alias="när", description="När kontrollen görs, t.ex. mars.")
    outcome: Text | None = Field(
        None,
        alias="utfall",
        description="Vad kontrollen visade, t.ex. Inga avvikelser i stickprovet.",
    )


class Risk(SkaModel):
    id: Slug = Field(description="Kort id som avvikelser hänvisar till.")
    name: Text | None = Field(
        None,
        alias="namn",
        description="Kort namn i tabeller och riskmatrisen; standard beskrivningens början.",
    )
    description: Text = Field(alias="beskrivning", description="Vad som kan gå fel.")
    area: Text | None = Field(None, alias="område", description="Område, t.ex. Särskilt stöd.")
    likelihood: Score = Field(alias="sannolikhet", description="Sannolikhet 1–4.")
    consequence: Score = Field(alias="konsekvens", description="Konsekvens 1–4.")
    controls: list[Control] = Field(
        alias="kontrollmoment", min_length=1, description="Hur risken kontrolleras."
    )

    @property
    def score(self) -> int:
        """Riskvärde: sannolikhet × konsekvens (1–16)."""
        return self.likelihood * self.consequence


class Action(SkaModel):
    description: Text = Field(alias="beskrivning", description="Vad som görs.")
    responsible: Slug = Field(alias="ansvarig", description="Roll (id) som ansvarar.")
    deadline: dt.date = Field(alias="klart", description="När åtgärden ska vara klar.")


class DeviationAction(Action):
    """The åtgärd against an avvikelse, and when it was carried out."""

    done: dt.date | None = Field(
        None, alias="genomförd", description="När åtgärden genomfördes, om den är klar."
    )


class Deviation(SkaModel):
    """An avvikelse found by a control, and what is done about it."""

    date: dt.date = Field(alias="datum", description="När avvikelsen upptäcktes.")
    risk: Slug = Field(description="Risken (id) avvikelsen hör till.")
    description: Text = Field(alias="beskrivning", description="Vad som upptäcktes.")
    unit: Slug | None = Field(None, alias="enhet", description="Enheten (id) det gäller, om någon.")
    action: DeviationAction | None = Field(
        None, alias="åtgärd", description="Åtgärden, med ansvarig, datum och när den genomfördes."
    )


class InternalControl(SkaModel):
    """`plans/internkontroll/<år>.yaml`: the internkontrollplan and its outcome."""

    decision: Decision | None = Field(None, alias="beslut", description="Beslutet om planen.")
    risks: list[Risk] = Field(alias="risker", min_length=1, description="Identifierade risker.")
    deviations: list[Deviation] = Field(
        default_factory=list, alias="avvikelser", description="Avvikelser under året."
    )


class Publication(SkaModel):
    """How the public is told about the complaints routine (skollagen 4 kap. 8 §)."""

    url: HttpUrl | None = Field(None, description="Var rutinen finns på webben.")
    channels: list[Text] = Field(
        default_factory=list, alias="kanaler", description="Andra sätt, t.ex. informationsbrev."
    )

    @field_validator("url", mode="before")
    @classmethod
    def _not_yet_published(cls, value: Any) -> Any:
        return None if is_placeholder(value) else value


class ComplaintsRoutine(Decided):
    """Front matter of `plans/klagomalsrutin.md`: the routine, its decisions and, when it
    has stopped applying or applies from a later day, its period (från, till)."""

    title: Text = Field(alias="titel", description="Rutinens titel.")
    decision: Decision = Field(alias="beslut", description="Beslutet om rutinen.")
    earlier_decisions: list[Decision] = Field(
        default_factory=list,
        alias="tidigare_beslut",
        description="Beslut om tidigare versioner av rutinen, så att ett läsår före det "
        "senaste beslutet också har en rutin.",
    )
    responsible: Slug = Field(alias="ansvarig", description="Roll (id) som äger rutinen.")
    date: dt.date = Field(alias="datum", description="När rutinen senast ändrades.")
    published: Publication = Field(alias="publicerad", description="Hur allmänheten informeras.")


class ScbSubmission(SkaModel):
    half_year: Literal[1, 2] = Field(alias="halvår", description="1 (jan–jun) eller 2 (jul–dec).")
    submitted: dt.date | None = Field(
        None, alias="inskickad", description="När registret rapporterades till SCB."
    )
    count: int | None = Field(
        None, alias="antal_ungdomar", ge=0, description="Antal ungdomar i registret."
    )


class KaaReport(SkaModel):
    """`plans/kaa/<år>.yaml`: the kommunala aktivitetsansvaret for a calendar year."""

    responsible: Slug = Field(alias="ansvarig", description="Roll (id) som ansvarar för KAA.")
    register_keeping: Text = Field(
        alias="register", description="Hur registret över ungdomarna förs."
    )
    contact_work: Text = Field(
        alias="kontaktarbete", description="Hur kommunen löpande håller sig informerad."
    )
    measures: list[Text] = Field(
        alias="åtgärder", min_length=1, description="Individuella åtgärder som erbjuds."
    )
    scb: list[ScbSubmission] = Field(
        default_factory=list, alias="scb_rapportering", description="Halvårsrapporter till SCB."
    )
