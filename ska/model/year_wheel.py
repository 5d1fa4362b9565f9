"""The årshjul: recurring events of the läsår, and the forms of "när" they use.

File: `plans/arshjul.yaml`. A `när` is written as people write it in the seeds: a date
(`2026-03-05`), a day of a month (`30 juni`), a month (`september`), a range of months
(`november–februari`), ISO weeks (`v. 45–47`) or a term (`ht`, `vt`). Resolving it to
concrete dates for a läsår belongs to the planning module; here it is parsed and checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.types import Slug, Text, _StringType

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
_DASH = r"\s*[-–—]\s*"
_MONTH_RE = "|".join(MONTHS)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_RE})$")
_MONTH_RANGE = re.compile(rf"^({_MONTH_RE})(?:{_DASH}({_MONTH_RE}))?$")
_WEEKS = re.compile(rf"^(?:v\.?|vecka|veckorna)\s*(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?$")
_TERM = re.compile(r"^(ht|vt)\s?(\d{4})?$")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

WhenKind = Literal["datum", "dag", "månader", "veckor", "termin"]


@dataclass(frozen=True, slots=True)
class When:
    """A parsed `när`: its kind and the numbers that define it."""

    kind: WhenKind
    text: str
    date: dt.date | None = None
    day: int | None = None
    first: int | None = None  # first month or week (a term's calendar year, if written)
    last: int | None = None  # last month or week (equal to first for a single one)
    term: str | None = None

    def __str__(self) -> str:
        return self.text


def _bad_when(value: Any, hint: str) -> PydanticCustomError:
    return PydanticCustomError(
        "när",
        "'{value}' går inte att läsa som en tidpunkt i årshjulet",
        {"value": value, "hint": hint},
    )


_WHEN_HINT = (
    "Skriv t.ex. 2026-03-05, 30 juni, september, november–februari, v. 45–47, ht eller vt2026."
)


_ABBREVIATIONS = {
    **{name[:3]: name for name in MONTHS},
    "sept": "september",
    "okt": "oktober",
    "dec": "december",
}
_SEASONS = {
    "hösten": "ht",
    "höst": "ht",
    "höstterminen": "ht",
    "höstterm": "ht",
    "våren": "vt",
    "vår": "vt",
    "vårterminen": "vt",
    "vårterm": "vt",
}
_SLASH_DATE = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})(?:\s*[-/]\s*(\d{2}|\d{4}))?$")
_WORD = re.compile(r"[a-zåäö]+\.?")
_SHORT_TERM = re.compile(r"^(ht|vt)\s*[-/]?\s*(\d{2}|\d{4})$")
_LIST = re.compile(r"\s*(?:,|\boch\b)\s*")


def _guess_one(text: str) -> str | None:
    """What a `när` that cannot be read was most likely meant as, or None."""
    lower = " ".join(text.casefold().split())
    if lower in _SEASONS:
        return _SEASONS[lower]
    if match := _SHORT_TERM.match(lower):
        year = int(match[2])
        return f"{match[1]}{year + 2000 if year < 100 else year}"
    if match := _SLASH_DATE.match(lower):
        day, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= _MONTH_DAYS[month - 1]:
            return f"{day} {MONTHS[month - 1]}"
        return None
    if match := _DAY_MONTH_LOOSE.match(lower):
        word = match[2].rstrip(".")
        day, month_word = int(match[1]), _ABBREVIATIONS.get(word, _MONTH_FULL.get(word))
        if month_word is not None:
            last = _MONTH_DAYS[_MONTH_NUMBER[month_word] - 1]
            return f"{min(max(day, 1), last)} {month_word}"
        return None
    words = _WORD.findall(lower)
    rest = _WORD.sub("", lower)
    if words and not re.sub(_DASH, "", rest).strip():
        full = [_ABBREVIATIONS.get(w.rstrip("."), w if w in _MONTH_NUMBER else "") for w in words]
        if all(full) and len(full) <= 2:
            guess = "–".join(full)
            return guess if guess != lower else None
    return None


_MONTH_FULL = {name: name for name in MONTHS}
_DAY_MONTH_LOOSE = re.compile(r"^(\d{1,2})\s*([a-zåäö]+\.?)$")


def correction(text: str) -> str | None:
    """The nearest `när` that can be read, when `text` cannot be read but was clearly
    meant as a time: `15/6` → `15 juni`, `jan-mars` → `januari–mars`, `hösten` → `ht`,
    `31 november` → `30 november`. A list (`15/6 och 20/6`) is corrected part by part.
    None for free text (`löpande`, `varannan vecka`) and for what can already be read."""
    if _readable(text):
        return None
    parts = [p for p in _LIST.split(text.strip()) if p]
    if not parts:
        return None
    guessed = []
    changed = False
    for part in parts:
        if _readable(part):
            guessed.append(part)
            continue
        guess = _guess_one(part)
        if guess is None:
            return None
        guessed.append(guess)
        changed = True
    if not changed:
        return None
    if len(guessed) == 1:
        return guessed[0]
    return ", ".join(guessed[:-1]) + " och " + guessed[-1]


def _readable(text: str) -> bool:
    try:
        _parse(text, guess=False)
    except PydanticCustomError:
        return False
    return True


def parse_when(value: Any) -> When:
    """A `när` as written, or an error whose hint has the corrected value where it can be
    guessed."""
    return _parse(value, guess=True)


def _parse(value: Any, guess: bool) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return When("datum", value.isoformat(), date=value)
    if not isinstance(value, str):
        raise _bad_when(value, _WHEN_HINT)
    text = " ".join(value.strip().split())
    lower = text.casefold()
    if match := _DAY_MONTH.match(lower):
        day, month = int(match[1]), _MONTH_NUMBER[match[2]]
        if not 1 <= day <= _MONTH_DAYS[month - 1]:
            last = _MONTH_DAYS[month - 1]
            raise _bad_when(
                value,
                f"{match[2].capitalize()} har inte {day} dagar. "
                f"Menade du '{min(max(day, 1), last)} {match[2]}'?",
            )
        return When("dag", text, day=day, first=month, last=month)
    if match := _MONTH_RANGE.match(lower):
        first = _MONTH_NUMBER[match[1]]
        last = _MONTH_NUMBER[match[2]] if match[2] else first
        return When("månader", text, first=first, last=last)
    if match := _WEEKS.match(lower):
        first = int(match[1])
        last = int(match[2]) if match[2] else first
        if not (1 <= first <= 53 and 1 <= last <= 53):
            raise _bad_when(value, "Veckonummer går från 1 till 53.")
        return When("veckor", text, first=first, last=last)
    if match := _TERM.match(lower):
        year = int(match[2]) if match[2] else None
        return When("termin", text, term=match[1], first=year, last=year)
    corrected = correction(text) if guess else None
    raise _bad_when(value, (f"Menade du '{corrected}'? " if corrected else "") + _WHEN_HINT)


class _WhenType(_StringType):
    """Pydantic adapter for `When`."""

    description = "När i läsåret: " + _WHEN_HINT
    pattern = ""
    examples: ClassVar[list[str]] = ["september", "november–februari", "v. 45–47", "30 juni"]

    @classmethod
    def parse(cls, value: Any) -> When:
        return parse_when(value)


WhenValue = Annotated[When, _WhenType]


class EventKind(StrEnum):
    DIALOG = "dialog"
    MEASUREMENT = "mätning"
    REPORT = "rapport"
    DECISION = "beslut"
    FOLLOW_UP = "uppföljning"
    MEETING = "möte"


class DocumentKind(StrEnum):
    """A document an event requires to exist by its date."""

    UNIT_REPORT = "kvalitetsrapport"
    DEVELOPMENT_PLAN = "utvecklingsplan"
    ORGANISER_REPORT = "huvudmannens_kvalitetsrapport"


class Event(SkaModel):
    id: Slug = Field(description="Kort id, stabilt mellan åren.")
    name: Text = Field(alias="namn", description="Vad som händer.")
    kind: EventKind = Field(
        alias="typ", description="dialog, mätning, rapport, beslut, uppföljning eller möte."
    )
    when: list[WhenValue] = Field(
        alias="när", min_length=1, description="En eller flera tidpunkter i läsåret."
    )
    level: Literal["huvudman", "enhet"] = Field(
        alias="nivå", description="huvudman eller enhet (varje enhet gör det)."
    )
    responsible: list[Slug] = Field(
        alias="ansvarig", min_length=1, description="Roller (id) som ansvarar."
    )
    document: DocumentKind | None = Field(
        None, alias="dokument", description="Dokument som ska finnas klart vid tidpunkten."
    )
    description: Text | None = Field(None, alias="beskrivning", description="Mer om händelsen.")

    @field_validator("when", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return value if isinstance(value, list) else [value]


class YearWheel(SkaModel):
    """`plans/arshjul.yaml`: the recurring events of every läsår."""

    events: list[Event] = Field(
        alias="händelser", min_length=1, description="Årshjulets händelser."
    )
