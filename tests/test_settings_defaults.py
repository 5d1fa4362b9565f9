"""A setting's default is written once, in the resolved settings the rules read
(`ska.model.settings.Settings`); ska.yaml's model (`ska.model.config.Settings`) names the
same settings and says their defaults in its descriptions, taken from there."""

from __future__ import annotations

import dataclasses

import pytest

from ska.model import config, settings

NAMES = sorted(config.Settings.model_fields)


def test_there_are_settings_to_compare() -> None:
    assert len(NAMES) >= 10


def test_every_setting_of_ska_yaml_is_a_resolved_setting() -> None:
    """resolve() copies ska.yaml's settings onto the defaults by name."""
    resolved = {f.name for f in dataclasses.fields(settings.Settings)}
    assert set(NAMES) <= resolved


@pytest.mark.parametrize("name", NAMES)
def test_the_default_a_setting_describes_is_the_resolved_default(name: str) -> None:
    field = config.Settings.model_fields[name]
    assert field.description is not None
    assert field.description.endswith(f"(standard {config.default_text(name)}).")
    if getattr(settings.Settings(), name) == "":  # none by default: the key is left out
        assert config.default_text(name) == "ingen"
        return
    # Written in ska.yaml as the description says, the default reads back as itself.
    written = config.Settings.model_validate({field.alias: config.default_text(name)})
    assert getattr(written, name) == getattr(settings.Settings(), name)


def test_defaults_are_written_as_ska_yaml_writes_them() -> None:
    assert config.default_text("count_includes_knowledge") == "ja"
    assert config.default_text("flag_drop") == "10"
    assert config.default_text("report_deadline") == "30 juni"
    assert config.default_text("min_group_size") == "10"
