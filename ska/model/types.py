"""Value types of the domain: läsår, termin, month, ids, skolenhetskod, decisions.

Each type validates the form users write in YAML, normalises it, and carries its own
JSON Schema, so `schemas/` and the validator agree. Errors are raised as
`PydanticCustomError` with a Swedish message and a hint in the context.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from typing import Annotated, Any, ClassVar

from pydantic import (
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ska.model.base import SkaModel
from ska.placeholders import is_placeholder

# A non-empty, trimmed line of text.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_YES_NO = {"ja": True, "nej": False}


def _yes_no(value: Any) -> Any:
    if isinstance(value, str) and value.strip().casefold() in _YES_NO:
        return _YES_NO[value.strip().casefold()]
    return value


# A yes/no value: ja/nej as people write it, or YAML's true/false.
YesNo = Annotated[
    bool,
    BeforeValidator(_yes_no),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nej", "Ja", "Nej"]}]}),
]

SLUG_PATTERN = r"^[a-zåäö0-9][a-zåäö0-9_-]*$"
# An identifier users write and refer to: lower case, digits, - and _.
Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=SLUG_PATTERN),
    Field(examples=["språk-och-läsutveckling"]),
]


def period_text(start: dt.date | None, end: dt.date | None, open_text: str) -> str:
    """A period in Swedish, as every dated thing writes it: 'från 2019-07-01 till
    2022-06-30', one side alone, or `open_text` when neither is set."""
    parts = [f"från {start}"] if start is not None else []
    parts += [f"till {end}"] if end is not None else []
    return " ".join(parts) or open_text


class _StringType(ABC):
    """Base for value types written as one string in YAML."""

    description: ClassVar[str]
    pattern: ClassVar[str]
    examples: ClassVar[list[str]]

    @classmethod
    @abstractmethod
    def parse(cls, value: Any) -> Any:
        """The validated value, or a PydanticCustomError with a Swedish message."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema_: JsonSchemaValue = {"type": "string", "description": cls.description}
        if cls.pattern:
            schema_["pattern"] = cls.pattern
        schema_["examples"] = cls.examples
        return schema_


_SCHOOL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_SCHOOL_YEAR_LOOSE = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")


class SchoolYear(_StringType):
    """A läsår, written `2025/26`: August of the first year to June of the next."""

    description = "Läsår skrivet ÅÅÅÅ/ÅÅ, t.ex. 2025/26 (augusti 2025 till juni 2026)."
    pattern = r"^\d{4}/\d{2}$"
    examples: ClassVar[list[str]] = ["2025/26"]
    __slots__ = ("start",)

    def __init__(self, start: int) -> None:
        self.start = start

    @classmethod
    def parse(cls, value: Any) -> SchoolYear:
        if isinstance(value, SchoolYear):
            return value
        text = str(value).strip() if isinstance(value, str | int) else None
        if text is not None:
            match = _SCHOOL_YEAR.match(text)
            if match and (int(match[1]) + 1) % 100 == int(match[2]):
                return cls(int(match[1]))
            loose = _SCHOOL_YEAR_LOOSE.match(text)
            if loose:
                start = int(loose[1])
                raise PydanticCustomError(
                    "läsår",
                    "'{value}' är inte ett läsår i formen ÅÅÅÅ/ÅÅ",
                    {"value": text, "hint": f"Skriv {cls(start)}."},
                )
        raise PydanticCustomError(
            "läsår",
            "'{value}' är inte ett läsår",
            {"value": value, "hint": "Skriv läsåret som ÅÅÅÅ/ÅÅ, t.ex. 2025/26."},
        )

    @classmethod
    def from_folder(cls, name: str) -> SchoolYear | None:
        """The läsår a folder name like `2025-26` stands for, or None."""
        match = re.fullmatch(r"(\d{4})-(\d{2})", name)
        if match and (int(match[1]) + 1) % 100 == int(match[2]):
            return cls(int(match[1]))
        return None

    @classmethod
    def containing(cls, day: dt.date) -> SchoolYear:
        """The läsår a date belongs to (1 July starts a new one)."""
        return cls(day.year if day.month >= 7 else day.year - 1)

    @property
    def folder(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 7, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start + 1, 6, 30)

    @property
    def autumn(self) -> Term:
        return Term("ht", self.start)

    @property
    def spring(self) -> Term:
        return Term("vt", self.start + 1)

    def previous(self) -> SchoolYear:
        return SchoolYear(self.start - 1)

    def next(self) -> SchoolYear:
        return SchoolYear(self.start + 1)

    def __str__(self) -> str:
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    def __repr__(self) -> str:
        return f"SchoolYear({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SchoolYear) and other.start == self.start

    def __lt__(self, other: SchoolYear) -> bool:
        return self.start < other.start

    def __hash__(self) -> int:
        return hash(("läsår", self.start))


_TERM = re.compile(r"^(ht|vt)(\d{4})$")
_TERM_LOOSE = re.compile(r"^(ht|vt)\s*-?\s*(\d{2}|\d{4})$", re.IGNORECASE)


class Term(_StringType):
    """A termin: `ht2025` (hösttermin) or `vt2026` (vårtermin)."""

    description = "Termin skriven ht eller vt följt av årtalet, t.ex. ht2025 eller vt2026."
    pattern = r"^(ht|vt)\d{4}$"
    examples: ClassVar[list[str]] = ["ht2025", "vt2026"]
    __slots__ = ("_school_year", "season", "year")

    def __init__(self, season: str, year: int) -> None:
        self.season = season
        self.year = year
        self._school_year = SchoolYear(year if season == "ht" else year - 1)

    @classmethod
    def parse(cls, value: Any) -> Term:
        if isinstance(value, Term):
            return value
        if isinstance(value, str):
            known = _TERMS.get(value)  # result tables repeat a few terms on every row
            if known is not None:
                return known
            text = value.strip()
            match = _TERM.match(text)
            if match:
                term = _TERMS[value] = cls(match[1], int(match[2]))
                return term
            loose = _TERM_LOOSE.match(text)
            if loose:
                year = int(loose[2])
                year = year + 2000 if year < 100 else year
                raise PydanticCustomError(
                    "termin",
                    "'{value}' är inte en termin i formen ht2025/vt2026",
                    {"value": text, "hint": f"Skriv {loose[1].lower()}{year}."},
                )
        raise PydanticCustomError(
            "termin",
            "'{value}' är inte en termin",
            {"value": value, "hint": "Skriv terminen som ht2025 eller vt2026."},
        )

    @property
    def school_year(self) -> SchoolYear:
        return self._school_year

    def __str__(self) -> str:
        return f"{self.season}{self.year}"

    def __repr__(self) -> str:
        return f"Term({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and (other.season, other.year) == (self.season, self.year)

    def __hash__(self) -> int:
        return hash((self.season, self.year))


_TERMS: dict[str, Term] = {}  # Term is immutable, so parsed terms are shared

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class YearMonth(_StringType):
    """A calendar month, `2026-01`, for the start and end of an insats."""

    description = "Månad skriven ÅÅÅÅ-MM, t.ex. 2026-01."
    pattern = r"^\d{4}-\d{2}$"
    examples: ClassVar[list[str]] = ["2026-01"]
    __slots__ = ("month", "year")

    def __init__(self, year: int, month: int) -> None:
        self.year = year
        self.month = month

    @classmethod
    def parse(cls, value: Any) -> YearMonth:
        if isinstance(value, YearMonth):
            return value
        if isinstance(value, dt.date):
            return cls(value.year, value.month)
        if isinstance(value, str):
            match = _MONTH.match(value.strip())
            if match and 1 <= int(match[2]) <= 12:
                return cls(int(match[1]), int(match[2]))
        raise PydanticCustomError(
            "månad",
            "'{value}' är inte en månad",
            {"value": value, "hint": "Skriv månaden som ÅÅÅÅ-MM, t.ex. 2026-01."},
        )

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"YearMonth({self})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, YearMonth) and (other.year, other.month) == (
            self.year,
            self.month,
        )

    def __hash__(self) -> int:
        return hash((self.year, self.month))

    def __le__(self, other: YearMonth) -> bool:
        return (self.year, self.month) <= (other.year, other.month)


class _SchoolUnitCodeType(_StringType):
    """Skolverket's skolenhetskod: eight digits."""

    description = "Skolverkets skolenhetskod: åtta siffror, gärna inom citattecken."
    pattern = r"^\d{8}$"
    examples: ClassVar[list[str]] = ["22362814"]

    @classmethod
    def parse(cls, value: Any) -> str:
        text = str(value).strip() if isinstance(value, str | int) else ""
        if isinstance(value, bool) or not re.fullmatch(r"\d{8}", text):
            raise PydanticCustomError(
                "skolenhetskod",
                "'{value}' är inte en skolenhetskod med åtta siffror",
                {
                    "value": value,
                    "hint": 'Skriv koden inom citattecken, t.ex. skolenhetskod: "22362814".',
                },
            )
        return text


SchoolUnitCode = Annotated[str, _SchoolUnitCodeType]

Paragraph = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^§\s?\d+[a-z]?$"),
    Field(examples=["§ 142"]),
]


class Decision(SkaModel):
    """A decision reference: which organ decided, when, and under which paragraph.

    A decision not yet taken is written with placeholders for its date and paragraph
    (`datum: "<ÅÅÅÅ-MM-DD>"`), which are read as None; the placeholder itself is an error
    (MALL-platshållare), so such a decision never passes as taken.
    """

    organ: Text = Field(description="Organet som beslutade, t.ex. Barn- och utbildningsnämnden.")
    # The editor's schema asks for the decision as taken; a placeholder shows as wrong there.
    date: Annotated[
        dt.date | None, WithJsonSchema({"type": "string", "format": "date", "title": "Datum"})
    ] = Field(alias="datum", description="Beslutsdatum, ÅÅÅÅ-MM-DD.")
    paragraph: Annotated[
        Paragraph | None,
        WithJsonSchema({"type": "string", "pattern": r"^§\s?\d+[a-z]?$", "examples": ["§ 142"]}),
    ] = Field(alias="paragraf", description="Paragraf i protokollet, t.ex. § 142.")

    @field_validator("date", "paragraph", mode="before")
    @classmethod
    def _not_yet_decided(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(
                "beslut", "värdet saknas", {"hint": "Skriv det som står i protokollet."}
            )
        return None if is_placeholder(value) else value

    @property
    def taken(self) -> bool:
        """Whether the decision has its date and paragraph, not placeholders."""
        return self.date is not None and self.paragraph is not None

    def after(self, year: SchoolYear) -> bool:
        """Whether the decision was taken after the läsår ended, so that it does not count
        for that läsår."""
        return self.date is not None and self.date > year.last_day


class YearSpan(SkaModel):
    """A span of calendar years, e.g. a verksamhetsplan for 2026–2028."""

    start: int = Field(alias="från", ge=2000, le=2100, description="Första året, t.ex. 2026.")
    end: int = Field(alias="till", ge=2000, le=2100, description="Sista året, t.ex. 2028.")

    @model_validator(mode="after")
    def _ordered(self) -> YearSpan:
        if self.end < self.start:
            raise PydanticCustomError(
                "period",
                "perioden slutar ({end}) före den börjar ({start})",
                {"end": self.end, "start": self.start, "hint": "Byt plats på från och till."},
            )
        return self
