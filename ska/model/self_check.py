"""`units/<enhet>/<läsår>/egenkontroll.yaml`: the rektor's recurring self-check of the
routines at "hygiene level" (Vaggeryd's SKA 2.0): each kontrollpunkt a question with a
yes, no or partly answer, when it was answered, and what is done where the answer is
not yes."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ska.model.base import SkaModel
from ska.model.types import Slug, Text


class Answer(StrEnum):
    YES = "ja"
    NO = "nej"
    PARTLY = "delvis"


class CheckPoint(SkaModel):
    """One kontrollpunkt: a question the rektor answers each läsår."""

    area: Text = Field(alias="område", description="Område, t.ex. Elevhälsa.")
    question: Text = Field(alias="fråga", description="Vad som kontrolleras, som en fråga.")
    answer: Answer | None = Field(
        None, alias="svar", description="ja, nej eller delvis; tomt tills punkten är besvarad."
    )
    comment: Text | None = Field(None, alias="kommentar", description="Vad svaret bygger på.")
    date: dt.date | None = Field(None, alias="datum", description="När punkten besvarades.")
    action: Text | None = Field(
        None, alias="åtgärd", description="Vad som görs när svaret är nej eller delvis."
    )

    @property
    def needs_action(self) -> bool:
        """Whether the answer asks for an åtgärd: nej or delvis."""
        return self.answer in (Answer.NO, Answer.PARTLY)


class SelfCheck(SkaModel):
    """The unit's egenkontroll for one läsår."""

    responsible: Slug = Field(
        "rektor", alias="ansvarig", description="Roll (id) som besvarar egenkontrollen."
    )
    points: list[CheckPoint] = Field(
        alias="kontrollpunkter", min_length=1, description="Frågorna och svaren."
    )
