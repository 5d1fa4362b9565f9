"""The base of every model: Swedish keys in, unknown keys refused."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema


class SkaModel(BaseModel):
    """A part of a document users write.

    Fields have English names in code and Swedish aliases in files; only the aliases
    are accepted, and unknown keys are errors (a misspelt key would otherwise lose text).
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        str_strip_whitespace=True,
        use_attribute_docstrings=False,
        frozen=True,
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Class docstrings are English notes for developers; users read the Swedish
        # field descriptions, so the docstring is kept out of the exported schema.
        json_schema: dict[str, Any] = handler(schema)
        target = handler.resolve_ref_schema(json_schema)
        target.pop("description", None)
        return json_schema
