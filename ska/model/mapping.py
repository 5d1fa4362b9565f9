"""Import mappings: how a CSV export from a school system or Skolverket's statistics
becomes ska's result or reference layout, as data rather than code per source.

File: `plans/import/<namn>.yaml`. It names, for each of ska's columns, the source column
it comes from (`kolumner`) or a value every row gets (`fasta`), and how source values
are translated (`värden`, e.g. `Flickor` → `flickor`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.results import COLUMNS, REFERENCE_COLUMNS
from ska.model.types import Slug, Text

UNIT_COLUMN = "enhet"


class Target(StrEnum):
    RESULTS = "resultat"
    REFERENCES = "jämförelse"


class ImportMapping(SkaModel):
    """`plans/import/<namn>.yaml`: one source's columns mapped onto ska's."""

    name: Text = Field(
        alias="namn", description="Vad källan är, t.ex. Skolverkets betygsstatistik."
    )
    target: Target = Field(
        Target.RESULTS,
        alias="till",
        description="resultat (enheternas resultat) eller jämförelse (t.ex. rikets värden).",
    )
    file_name: Slug = Field(
        alias="filnamn",
        description="Namnet på filen som skrivs, utan .csv, t.ex. betyg: "
        "units/<enhet>/<läsår>/resultat/betyg.csv eller plans/jämförelser/betyg.csv.",
    )
    delimiter: str | None = Field(
        None,
        alias="avgränsare",
        min_length=1,
        max_length=1,
        description="Källans avgränsare, t.ex. ; (standard: gissas från rubrikraden).",
    )
    skip_header_lines: int = Field(
        0,
        alias="hoppa_över_rader",
        ge=0,
        description="Rader före rubrikraden som ska hoppas över, t.ex. en titelrad.",
    )
    columns: dict[str, Text] = Field(
        default_factory=dict,
        alias="kolumner",
        description="För varje kolumn i ska: källans kolumnrubrik. Kolumnen enhet får "
        "innehålla enhetens id, namn eller skolenhetskod.",
    )
    fixed: dict[str, Text] = Field(
        default_factory=dict,
        alias="fasta",
        description="För varje kolumn i ska: ett värde som alla rader får, t.ex. typ: betyg.",
    )
    values: dict[str, dict[str, Text]] = Field(
        default_factory=dict,
        alias="värden",
        description="För varje kolumn i ska: hur källans värden översätts, t.ex. "
        "kön: {Flickor: flickor}.",
    )
    missing: list[str] = Field(
        default_factory=lambda: [".", "..", "-", "–", "~"],
        alias="saknas",
        description="Värden som betyder att uppgift saknas eller är skyddad; raden hoppas "
        "över (standard . .. - – ~).",
    )

    @property
    def known_columns(self) -> tuple[str, ...]:
        if self.target is Target.REFERENCES:
            return REFERENCE_COLUMNS
        return (UNIT_COLUMN, *COLUMNS)

    @model_validator(mode="after")
    def _known(self) -> ImportMapping:
        known = self.known_columns
        for key, mapping in (
            ("kolumner", self.columns),
            ("fasta", self.fixed),
            ("värden", self.values),
        ):
            for column in mapping:
                if column not in known:
                    raise PydanticCustomError(
                        "kolumn",
                        "'{column}' under {key} är inte en kolumn i ska",
                        {
                            "column": column,
                            "key": key,
                            "hint": f"Kolumnerna är: {', '.join(known)}.",
                        },
                    )
        both = sorted(set(self.columns) & set(self.fixed))
        if both:
            raise PydanticCustomError(
                "kolumn",
                "'{column}' står både under kolumner och fasta",
                {"column": both[0], "hint": "Ta bort den ena."},
            )
        if self.target is Target.RESULTS and UNIT_COLUMN not in self.columns | self.fixed:
            raise PydanticCustomError(
                "kolumn",
                "importen säger inte vilken enhet raderna gäller",
                {
                    "hint": "Lägg till enhet under kolumner (källans kolumn med enhetens "
                    "namn eller skolenhetskod) eller under fasta (enhetens id)."
                },
            )
        return self
