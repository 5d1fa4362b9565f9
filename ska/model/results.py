"""Resultat: aggregated results as CSV, one row per measure, term, group and gender.

File: `units/<enhet>/<läsår>/resultat/<namn>.csv`. Rows are aggregates with the size
of the group they describe, never individual pupils.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.types import Term, Text


class Gender(StrEnum):
    GIRLS = "flickor"
    BOYS = "pojkar"
    ALL = "alla"


class ResultRow(SkaModel):
    """One aggregated result."""

    measure: Text = Field(alias="mått", description="Vad som mäts, t.ex. Betyg A–E i alla ämnen.")
    term: Term = Field(alias="termin", description="Terminen resultatet avser, t.ex. vt2026.")
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


COLUMNS = tuple(info.alias for info in ResultRow.model_fields.values() if info.alias is not None)
REQUIRED_COLUMNS = tuple(
    info.alias for info in ResultRow.model_fields.values() if info.alias and info.is_required()
)
