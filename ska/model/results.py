"""Resultat: aggregated results as CSV, one row per measure, term, group and gender.

Files: `units/<enhet>/<läsår>/resultat/<namn>.csv` for the units' own results, and
`plans/jämförelser/<namn>.csv` for reference values (riket, the kommun, similar
kommuner). Rows are aggregates with the size of the group they describe, never
individual pupils. A share is `antal` of `totalt`, in per cent; a mean or an index is
`värde`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.types import Term, Text, _StringType


class Gender(StrEnum):
    GIRLS = "flickor"
    BOYS = "pojkar"
    ALL = "alla"


class Direction(StrEnum):
    HIGHER = "högre är bättre"
    LOWER = "lägre är bättre"
    NEUTRAL = "varken bättre eller sämre"


class MeasureKind(StrEnum):
    """What a measure is, so that a drop can be told from an improvement."""

    GRADES = "betyg"
    MERIT = "meritvärde"
    PASSED = "godkända"
    NATIONAL_TEST = "nationella prov"
    SCREENING = "screening"
    ATTENDANCE = "närvaro"
    ABSENCE = "frånvaro"
    SURVEY = "enkät"
    EXTRA_ADAPTATIONS = "extra anpassningar"
    ACTION_PROGRAMMES = "åtgärdsprogram"
    OTHER = "annat"

    @property
    def direction(self) -> Direction:
        if self is MeasureKind.ABSENCE:
            return Direction.LOWER
        if self in (MeasureKind.EXTRA_ADAPTATIONS, MeasureKind.ACTION_PROGRAMMES):
            return Direction.NEUTRAL
        return Direction.HIGHER


_GRADE = re.compile(r"^(?:åk\.?\s*)?(f|fk|förskoleklass|[1-9])$", re.IGNORECASE)


class _GradeType(_StringType):
    """An årskurs: F (förskoleklass) or 1–9; stored as 0–9 so that cohorts can count."""

    description = "Årskurs: F för förskoleklass eller 1–9, t.ex. 6 eller åk 6."
    pattern = ""
    examples: ClassVar[list[str]] = ["F", "6", "åk 6"]

    @classmethod
    def parse(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
            return value
        grade = grade_of(value) if isinstance(value, str) else None
        if grade is None:
            raise PydanticCustomError(
                "årskurs",
                "'{value}' är inte en årskurs",
                {"value": value, "hint": "Skriv F för förskoleklass eller en siffra 1–9."},
            )
        return grade


Grade = Annotated[int, _GradeType]


@lru_cache(maxsize=4096)  # the same few group names come back on every row
def grade_of(text: str) -> int | None:
    """The årskurs a text such as `åk 6`, `6` or `F` names, else None (e.g. `åk 4–6`)."""
    match = _GRADE.match(text.strip())
    if match is None:
        return None
    return int(match[1]) if match[1].isdigit() else 0


def grade_label(grade: int) -> str:
    return "F" if grade == 0 else f"åk {grade}"


class _Described(SkaModel):
    """The columns that say what a result describes, shared by results and references."""

    measure: Text = Field(alias="mått", description="Vad som mäts, t.ex. Betyg A–E i alla ämnen.")
    term: Term = Field(alias="termin", description="Terminen resultatet avser, t.ex. vt2026.")
    occasion: Text | None = Field(
        None,
        alias="tillfälle",
        description="Mättillfället inom terminen, när måttet mäts flera gånger, "
        "t.ex. september eller mars.",
    )
    subject: Text | None = Field(None, alias="ämne", description="Ämnet, t.ex. svenska.")
    grade: Grade | None = Field(
        None,
        alias="årskurs",
        description="Årskursen, F eller 1–9. Utan den läses årskursen ur grupp (t.ex. åk 6).",
    )
    kind: MeasureKind | None = Field(
        None,
        alias="typ",
        description="Vad måttet är: betyg, meritvärde, godkända, nationella prov, screening, "
        "närvaro, frånvaro, enkät, extra anpassningar, åtgärdsprogram eller annat "
        "(standard annat: högre är bättre).",
    )

    @property
    def measure_kind(self) -> MeasureKind:
        return self.kind or MeasureKind.OTHER


class ResultRow(_Described):
    """One aggregated result of a unit."""

    group: Text = Field(alias="grupp", description="Gruppen, t.ex. åk 9, avdelning Ekorren, alla.")
    gender: Gender = Field(alias="kön", description="flickor, pojkar eller alla.")
    count: int | None = Field(
        None, alias="antal", ge=0, description="Hur många i gruppen som når måttet."
    )
    total: int = Field(alias="totalt", ge=0, description="Hur många gruppen består av.")
    value: float | None = Field(
        None, alias="värde", description="Medelvärde eller index, när måttet inte är ett antal."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ResultRow:
        if self.count is None and self.value is None:
            raise PydanticCustomError(
                "resultat",
                "raden har varken antal eller värde",
                {
                    "hint": "Fyll i antal (hur många som når måttet) eller värde "
                    "(t.ex. ett medelvärde)."
                },
            )
        if self.count is not None and self.count > self.total:
            raise PydanticCustomError(
                "resultat",
                "antal ({count}) är större än totalt ({total})",
                {"count": self.count, "total": self.total, "hint": "Kontrollera siffrorna."},
            )
        return self

    @property
    def effective_grade(self) -> int | None:
        return self.grade if self.grade is not None else grade_of(self.group)

    @property
    def figure(self) -> float | None:
        """The number the row stands for: a share in per cent, or the value."""
        if self.count is not None:
            return 100 * self.count / self.total if self.total else None
        return self.value


class ReferenceRow(_Described):
    """A reference value to compare units with: riket, the kommun, similar kommuner."""

    reference: Text = Field(
        alias="jämförelse",
        description="Vad värdet är, t.ex. riket, kommunen eller liknande kommuner.",
    )
    group: Text = Field("alla", alias="grupp", description="Gruppen, t.ex. åk 9 (standard alla).")
    gender: Gender = Field(Gender.ALL, alias="kön", description="flickor, pojkar eller alla.")
    value: float = Field(
        alias="värde", description="Andelen i procent, eller medelvärdet eller indexet."
    )
    total: int | None = Field(
        None, alias="totalt", ge=0, description="Hur många värdet bygger på, om det är känt."
    )

    @property
    def effective_grade(self) -> int | None:
        return self.grade if self.grade is not None else grade_of(self.group)


def _columns(model: type[SkaModel], required: bool = False) -> tuple[str, ...]:
    return tuple(
        info.alias
        for info in model.model_fields.values()
        if info.alias is not None and (info.is_required() or not required)
    )


COLUMNS = _columns(ResultRow)
REQUIRED_COLUMNS = _columns(ResultRow, required=True)
REFERENCE_COLUMNS = _columns(ReferenceRow)
REFERENCE_REQUIRED = _columns(ReferenceRow, required=True)
