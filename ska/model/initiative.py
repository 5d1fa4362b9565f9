"""An insats: a development measure with purpose, goal, actions and follow-up.

One file per insats (`plans/insatser/<id>.yaml` at huvudman level,
`units/<enhet>/insatser/<id>.yaml` at unit level); the file name is its id. Kept for
years as the organisation's "kollektiva minne" of what was tried and what it led to.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.control import Action
from ska.model.curriculum import GoalArea
from ska.model.types import Decision, SchoolYear, Slug, Text, YearMonth, YesNo


class Status(StrEnum):
    """Where an insats is in its cycle (Vaggeryd's template)."""

    INITIATION = "initiering"
    PLANNING = "planering"
    IMPLEMENTATION = "genomförande"
    FOLLOW_UP = "uppföljning"
    COMPLETED = "avslutad"
    CANCELLED = "avbruten"


class DecidedBy(StrEnum):
    """Who decided an insats: the nämnd, the förvaltning (skolchef, förvaltningschef) or
    the unit (rektor)."""

    BOARD = "nämnd"
    ADMINISTRATION = "förvaltning"
    UNIT = "enhet"


class SuccessFactor(StrEnum):
    """Skolverket's seven success factors for school improvement."""

    TRUST = "förtroendefullt_klimat"
    HEALTH = "hälsofrämjande_skolmiljö"
    COMPENSATORY = "kompensatoriska_insatser"
    LEADERSHIP = "kompetent_ledarskap"
    PROFESSIONAL = "professionell_utveckling"
    TEACHING_FOCUS = "ska_undervisning_i_fokus"
    ROLES = "tydlig_roll_och_ansvarsfördelning"


class Period(SkaModel):
    start: YearMonth = Field(description="Första månaden, ÅÅÅÅ-MM.")
    end: YearMonth | None = Field(
        None,
        alias="slut",
        description="Sista månaden, ÅÅÅÅ-MM; tom om insatsen löper tills vidare.",
    )

    def overlaps(self, year: SchoolYear) -> bool:
        """Whether the period touches the läsår (an open end: still running)."""
        first = YearMonth(year.first_day.year, year.first_day.month)
        last = YearMonth(year.last_day.year, year.last_day.month)
        return self.start <= last and (self.end is None or first <= self.end)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and not self.start <= self.end:
            raise PydanticCustomError(
                "period",
                "insatsen slutar ({end}) före den börjar ({start})",
                {"end": str(self.end), "start": str(self.start), "hint": "Rätta start eller slut."},
            )
        return self


class FollowUpEntry(SkaModel):
    """One dated follow-up of the insats."""

    date: dt.date = Field(alias="datum", description="När uppföljningen gjordes.")
    text: Text = Field(description="Vad uppföljningen visade.")
    status: Status | None = Field(None, description="Insatsens status efter uppföljningen.")
    deficiency: YesNo = Field(
        False, alias="brist", description="Om uppföljningen visar en brist (skollagen 4 kap. 7 §)."
    )
    action: Action | None = Field(
        None, alias="åtgärd", description="Åtgärden mot bristen, med ansvarig och datum."
    )


class FollowUp(SkaModel):
    method: Text = Field(alias="metod", description="Hur insatsen följs upp.")
    planned: list[dt.date] = Field(
        default_factory=list, alias="planerad", description="Datum då uppföljning planeras."
    )
    entries: list[FollowUpEntry] = Field(
        default_factory=list, alias="genomförd", description="Genomförda uppföljningar."
    )


class ChildImpact(SkaModel):
    """A barnkonsekvensanalys (BKA) for a decision that concerns children."""

    done: YesNo = Field(alias="gjord", description="Om en barnkonsekvensanalys är gjord.")
    reference: Text | None = Field(
        None, alias="referens", description="Var analysen finns, t.ex. diarienummer."
    )


class Initiative(SkaModel):
    """An insats (Syfte / Mål / Åtgärder, seed 000; a template for all levels, seed 004)."""

    title: Text = Field(alias="titel", description="Insatsens namn.")
    purpose: Text = Field(alias="syfte", description="Varför insatsen görs.")
    goals: list[Text] = Field(alias="mål", min_length=1, description="Vad insatsen ska uppnå.")
    actions: list[Text] = Field(alias="åtgärder", min_length=1, description="Vad som görs.")
    responsible: Slug = Field(alias="ansvarig", description="Roll (id) som ansvarar.")
    forms: list[Slug] = Field(
        alias="verksamhetsformer",
        min_length=1,
        description="Skolformer, fritidshem eller övriga verksamheter (id) som insatsen gäller, "
        "eller [alla].",
    )
    focus_areas: list[Slug] = Field(
        default_factory=list, alias="fokusområden", description="Strategiska fokusområden (id)."
    )
    board_goals: list[Slug] = Field(
        default_factory=list,
        alias="nämndmål",
        description="Nämndens mål (id) som insatsen stödjer.",
    )
    goal_areas: list[GoalArea] = Field(
        default_factory=list,
        alias="läroplansområden",
        description="Läroplanens övergripande målområden som insatsen avser.",
    )
    success_factors: list[SuccessFactor] = Field(
        default_factory=list,
        alias="framgångsfaktorer",
        description="Skolverkets framgångsfaktorer.",
    )
    based_on: list[Text] = Field(
        default_factory=list,
        alias="grundas_på",
        description="Analysen eller utvecklingsbehovet insatsen bygger på.",
    )
    period: Period = Field(description="När insatsen pågår.")
    status: Status = Field(description="initiering, planering, genomförande, uppföljning, …")
    follow_up: FollowUp | None = Field(None, alias="uppföljning", description="Uppföljningen.")
    effect: Text | None = Field(None, alias="effekt", description="Vad insatsen ledde till.")
    concerns_children: YesNo = Field(
        False, alias="berör_barn", description="Om insatsen ändrar något som direkt berör barn."
    )
    child_impact: ChildImpact | None = Field(
        None, alias="barnkonsekvensanalys", description="Barnkonsekvensanalys, där den behövs."
    )
    decided_by: DecidedBy | None = Field(
        None,
        alias="beslutad_av",
        description="Vem som beslutade insatsen: nämnd, förvaltning eller enhet.",
    )
    decision: Decision | None = Field(
        None,
        alias="beslut",
        description="Beslutet (organ, datum, paragraf), där det finns ett, t.ex. nämndens.",
    )
