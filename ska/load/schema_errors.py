"""Pydantic's validation errors as Swedish findings with a position and a hint.

The error's `loc` is a path of Swedish keys and list indexes; the YAML positions give
it a line and column, and the model gives the field's description for the hint.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ska import translate
from ska.checks.structure import (
    SCHEMA_FORM,
    SCHEMA_OKAND_NYCKEL,
    SCHEMA_SAKNAS,
    SCHEMA_TYP,
    SCHEMA_VARDE,
)
from ska.findings import Finding
from ska.load.yamlfast import Loc
from ska.suggest import closest, did_you_mean, listing

_FORMAT_HINTS = {
    "date": "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-30.",
    "int": "Skriv ett heltal, t.ex. 12.",
    "float": "Skriv ett tal med punkt som decimaltecken, t.ex. 82.5.",
    "bool": "Skriv true eller false.",
    "list": "Skriv varje del på en egen rad som börjar med '- '.",
    "dict": "Skriv nycklar med kolon på egna rader under, indragna med mellanslag.",
    "str": "Skriv texten efter kolonet; sätt den inom citattecken om den börjar med ett "
    "specialtecken.",
}

_MESSAGES: dict[str, tuple[str, str]] = {
    # error type: (message, hint key or literal hint)
    "string_type": ("ska vara text", "str"),
    "int_type": ("ska vara ett heltal", "int"),
    "int_parsing": ("ska vara ett heltal", "int"),
    "int_from_float": ("ska vara ett heltal, inte ett decimaltal", "int"),
    "float_type": ("ska vara ett tal", "float"),
    "float_parsing": ("ska vara ett tal", "float"),
    "bool_type": ("ska vara true eller false", "bool"),
    "bool_parsing": ("ska vara true eller false", "bool"),
    "date_type": ("ska vara ett datum", "date"),
    "date_parsing": ("ska vara ett datum", "date"),
    "date_from_datetime_parsing": ("ska vara ett datum", "date"),
    "date_from_datetime_inexact": ("ska vara ett datum utan klockslag", "date"),
    "list_type": ("ska vara en lista", "list"),
    "model_type": ("ska vara en samling nycklar", "dict"),
    "model_attributes_type": ("ska vara en samling nycklar", "dict"),
    "dict_type": ("ska vara en samling nycklar", "dict"),
    "string_too_short": ("får inte vara tom", "Skriv en text efter kolonet."),
    "too_short": ("får inte vara tom", "Lägg till minst en rad som börjar med '- '."),
    "url_parsing": ("är inte en giltig webbadress", "Skriv hela adressen, t.ex. https://…"),
    "url_scheme": ("är inte en giltig webbadress", "Adressen ska börja med https://"),
    "url_type": ("är inte en giltig webbadress", "Skriv hela adressen, t.ex. https://…"),
}

_PATTERN_HINTS = {
    "[a-zåäö0-9]": "Skriv id med små bokstäver, siffror, - och _, t.ex. språk-och-läsutveckling.",
    "§": "Skriv paragrafen som § följt av numret, t.ex. § 142.",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional, Annotated, list and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


def _aliases(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _walk(model: type[BaseModel], loc: Loc) -> tuple[FieldInfo | None, type[BaseModel] | None]:
    """Follow the keys of `loc` through the models: the last key's field, and the model
    of the mapping `loc` points at (None where it points at a plain value)."""
    owner: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if owner is None:
            return None, None
        info = _aliases(owner).get(part)
        if info is None:
            return None, None
        models = [
            t for t in _unwrap(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        owner = models[0] if models else None
    return info, owner


def field_at(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The field of the last key of `loc`."""
    return _walk(model, loc)[0]


def _enum_values(info: FieldInfo | None) -> list[str]:
    if info is None:
        return []
    values: list[str] = []
    for t in _unwrap(info.annotation):
        if isinstance(t, type) and issubclass(t, Enum):
            values += [str(m.value) for m in t]
        elif typing.get_origin(t) is typing.Literal:
            values += [str(v) for v in typing.get_args(t)]
    return values


def _container(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class of the mapping at `loc`."""
    return _walk(model, loc)[1]


# pydantic's own loc parts (validators and union branches), never keys users wrote.
_INTERNAL = re.compile(
    r"^(function-(after|before|wrap|plain)|tagged-union|union|nullable|chain|"
    r"json-or-python|lax-or-strict|default|model|is-instance|definition-ref)\["
)


def _clean(loc: tuple[Any, ...]) -> Loc:
    """Drop pydantic's own loc parts (e.g. function-after[...]) that are not in the data."""
    return tuple(p for p in loc if isinstance(p, int) or not _INTERNAL.match(str(p)))


_ORDINALS = (
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
)
# A list key's item, in the definite singular a sentence names it with.
_ITEMS = {
    "åtaganden": "åtagandet",
    "aktiviteter": "aktiviteten",
    "uppföljningar": "uppföljningen",
    "utvecklingsområden": "utvecklingsområdet",
    "prioriterade_målområden": "målområdet",
    "mål": "målet",
    "indikatorer": "indikatorn",
    "händelser": "händelsen",
    "roller": "rollen",
    "skolchefer": "skolchefen",
    "kf_målområden": "målområdet",
    "fokusområden": "fokusområdet",
    "risker": "risken",
    "kontrollmoment": "kontrollmomentet",
    "avvikelser": "avvikelsen",
    "åtgärder": "åtgärden",
    "insatser": "insatsen",
    "forum": "forumet",
    "undantag": "undantaget",
    "scb_rapportering": "rapporteringen",
    "när": "tidpunkten",
}
_NAMING_KEYS = ("id", "namn", "titel", "målområde", "roll", "vad", "mått")


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"nr {index + 1} av"


def _item(key: str | None, index: int, item: Any) -> str:
    """A list position as a reader names it: "första åtagandet (lasning)"."""
    noun = _ITEMS.get(key or "")
    text = f"{_ordinal(index)} {noun}" if noun else f"{_ordinal(index)} punkten i {key or 'listan'}"
    if isinstance(item, dict):
        name = next((item[k] for k in _NAMING_KEYS if isinstance(item.get(k), str | int)), None)
        if name is not None and str(name).strip():
            text += f" ({str(name).strip()})"
    return text


def _where(loc: Loc, data: Any = None, start: int = 0) -> str:
    """A path of keys and list items in words; `data` (the document) names the items."""
    parts: list[str] = []
    node = data
    for position, part in enumerate(loc):
        child = None
        if isinstance(node, dict):
            child = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            child = node[part]
        if position >= start:
            if isinstance(part, str):
                parts.append(part)
            else:
                previous = loc[position - 1] if position else None
                key = previous if isinstance(previous, str) else None
                if parts and key is not None and parts[-1] == key:
                    parts.pop()  # "åtaganden → första åtagandet" says the same twice
                parts.append(_item(key, part, child))
        node = child
    return " → ".join(parts)


Locate = Callable[[Loc, bool], tuple[int | None, int | None]]


def findings_from(
    exc: ValidationError,
    model: type[BaseModel],
    path: str,
    locate: Locate,
    rows: bool = False,
    data: Any = None,
) -> list[Finding]:
    """One finding per validation error, positioned by `locate` and explained in Swedish.

    With `rows`, the data is a table whose first loc part is the row; the position
    already names the row, so messages leave it out.
    """
    return findings_for(exc.errors(include_url=False), model, path, locate, rows, data)


def findings_for(
    errors: list[ErrorDetails],
    model: type[BaseModel],
    path: str,
    locate: Locate,
    rows: bool = False,
    data: Any = None,
) -> list[Finding]:
    """As `findings_from`, for a chosen part of a validation error's details."""
    skip = 1 if rows else 0
    return [
        _finding(err, model, path, locate, skip, data)
        for err in errors
        if not _misspelt(err, errors, model)
    ]


def _misspelt(err: ErrorDetails, errors: list[ErrorDetails], model: type[BaseModel]) -> bool:
    """A missing key that an unknown key beside it misspells: the unknown key's "Menade
    du …?" says it all, so one typo gives one message."""
    if err["type"] != "missing":
        return False
    loc = _clean(err["loc"])
    owner = _container(model, loc[:-1])
    allowed = list(_aliases(owner)) if owner is not None else []
    for other in errors:
        there = _clean(other["loc"])
        if (
            other["type"] == "extra_forbidden"
            and there[:-1] == loc[:-1]
            and closest(str(there[-1]), allowed) == loc[-1]
        ):
            return True
    return False


def _finding(
    err: ErrorDetails,
    model: type[BaseModel],
    path: str,
    position: Locate,
    skip: int,
    data: Any = None,
) -> Finding:
    loc = _clean(err["loc"])
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    where = _where(loc, data, skip)

    if kind == "missing":
        info = field_at(model, loc)
        line, column = position(loc[:-1], False)
        described = f" ({info.description})" if info is not None and info.description else ""
        parent = f" under {_where(loc[:-1], data)}" if loc[:-1] else ""
        return SCHEMA_SAKNAS.error(
            path,
            f"Nyckeln '{loc[-1]}' saknas{parent}.",
            f"Lägg till {loc[-1]}: …{described}",
            line,
            column,
        )
    if kind == "extra_forbidden":
        line, column = position(loc, True)
        owner = _container(model, loc[:-1])
        allowed = list(_aliases(owner)) if owner is not None else []
        hint = did_you_mean(str(loc[-1]), allowed) or (
            f"Tillåtna nycklar här: {listing(allowed)}." if allowed else ""
        )
        return SCHEMA_OKAND_NYCKEL.error(
            path,
            f"Okänd nyckel '{loc[-1]}'"
            + (f" under {_where(loc[:-1], data)}" if loc[:-1] else "")
            + ".",
            hint,
            line,
            column,
        )
    line, column = position(loc, False)
    if kind in ("enum", "literal_error"):
        info = field_at(model, loc)
        allowed = _enum_values(info)
        hint = did_you_mean(str(value), allowed)
        hint = (hint + " " if hint else "") + f"Tillåtna värden: {listing(allowed)}."
        return SCHEMA_VARDE.error(
            path,
            f"'{value}' är inte ett tillåtet värde för {where}.",
            hint,
            line,
            column,
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        hint = next((h for key, h in _PATTERN_HINTS.items() if key in pattern), "")
        return SCHEMA_FORM.error(path, f"'{value}' har fel form för {where}.", hint, line, column)
    if kind in _MESSAGES:
        message, hint_key = _MESSAGES[kind]
        shown = "" if isinstance(value, dict | list) or value is None else f" (nu: '{value}')"
        if kind in ("model_type", "dict_type") and not loc:
            return SCHEMA_TYP.error(
                path,
                "Filen ska bestå av nycklar med värden, t.ex. namn: …",
                _FORMAT_HINTS["dict"],
                line,
                column,
            )
        return SCHEMA_TYP.error(
            path,
            f"{where or 'Värdet'} {message}{shown}.",
            _FORMAT_HINTS.get(hint_key, hint_key),
            line,
            column,
        )
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        word = "minst" if kind.startswith("greater") else "högst"
        return SCHEMA_VARDE.error(
            path,
            f"{where} ska vara {word} {bound} (nu: {value}).",
            "",
            line,
            column,
        )
    # Our own value types raise PydanticCustomError with a Swedish message and a hint.
    hint = str(ctx.get("hint", ""))
    message = translate.value(err["msg"])  # pydantic's own English, if it is that
    prefix = f"{where}: " if where else ""
    return SCHEMA_VARDE.error(path, f"{prefix}{message}.", hint, line, column)
