"""Periods: who held a role from when to when, and when an appointment applied.

A rektor (`rektorer:` in enhet.yaml), the holder of a role (`innehavare:` in
huvudman.yaml), a skolchef's appointment, an ansvarsfördelning and the klagomålsrutin
each carry a period from `från` to `till`, both days included and either left open. A
document is compared with what applied on its own date, and a läsår is judged by what
applied during it. What a decision puts in force (a skolchef, the routine) also counts
only for a läsår by whose end it was decided: `beslut` is the latest decision and
`tidigare_beslut` those of earlier versions (`Decided`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.types import Decision, SchoolYear, Text, period_text


class Period(SkaModel):
    """From and to (both included), either open: the part of a model that is dated."""

    start: dt.date | None = Field(
        None, alias="från", description="Första dagen, ÅÅÅÅ-MM-DD (tomt: gällde redan tidigare)."
    )
    end: dt.date | None = Field(
        None, alias="till", description="Sista dagen, ÅÅÅÅ-MM-DD (tomt: gäller fortfarande)."
    )

    def covers(self, day: dt.date) -> bool:
        """Whether the period includes the day."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, year: SchoolYear) -> bool:
        """Whether the period includes some day of the läsår."""
        if self.start is not None and self.start > year.last_day:
            return False
        return self.end is None or self.end >= year.first_day

    def describe(self) -> str:
        """The period in Swedish: 'från 2024-01-01 till 2025-06-30', or 'utan datum'."""
        return period_text(self.start, self.end, "utan datum")

    @model_validator(mode="after")
    def _in_order(self) -> Any:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "period",
                "perioden slutar ({end}) före den börjar ({start})",
                {
                    "end": self.end.isoformat(),
                    "start": self.start.isoformat(),
                    "hint": "Byt plats på från och till, eller rätta datumet.",
                },
            )
        return self


class Decided(Period):
    """A period put in force by a decision: the latest, and those of earlier versions."""

    decision: Decision = Field(alias="beslut", description="Det senaste beslutet.")
    earlier_decisions: list[Decision] = Field(
        default_factory=list,
        alias="tidigare_beslut",
        description="Beslut om tidigare versioner, så att läsår före det senaste beslutet "
        "också räknas.",
    )

    def late(self, year: SchoolYear) -> bool:
        """Whether every decision came after the läsår ended, so none counts for it."""
        return all(d.after(year) for d in (self.decision, *self.earlier_decisions))

    def applies_in(self, year: SchoolYear) -> bool:
        """Whether it applied during the läsår: its period overlaps it and it had been
        decided by the läsår's end."""
        return self.overlaps(year) and not self.late(year)


class Tenure(Period):
    """A person's time in a role: name, from and to."""

    name: Text = Field(alias="namn", description="Personens namn.")


def holders_on(tenures: list[Tenure], day: dt.date) -> list[str]:
    """The names of those whose period covers the day."""
    return [t.name for t in tenures if t.covers(day)]
