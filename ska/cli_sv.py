"""Swedish headings and help-option text for the help screens Typer draws.

Typer has no translations of its own; the headings are module constants and the
`--help` text a default argument, both replaced here. Each replacement is guarded, so a
Typer release that moves them leaves English text rather than breaking the CLI.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from typer import rich_utils

from ska import translate

HELP_TEXT = "Visa den här hjälpen och avsluta."

_SWEDISH = {
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "ERRORS_PANEL_TITLE": "Fel",
    "ABORTED_TEXT": "Avbrutet.",
    "RICH_HELP": "Skriv [blue]'{command_path} {help_option}'[/] för hjälp.",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "DEPRECATED_STRING": "(föråldrad) ",
}


def install() -> None:
    for name, text in _SWEDISH.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    _swedish_usage_errors()
    for module_name in ("typer._click.decorators", "click.decorators"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        original = getattr(module, "help_option", None)
        if original is None or getattr(original, "_ska_swedish", False):
            continue

        @functools.wraps(original)
        def help_option(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            decorate = _original(*args, **kwargs)

            def apply(command: Any) -> Any:
                result = decorate(command)
                params = getattr(command, "params", None)
                if params and getattr(params[-1], "help", None):
                    params[-1].help = HELP_TEXT
                return result

            return apply

        help_option._ska_swedish = True  # type: ignore[attr-defined]
        setattr(module, "help_option", help_option)  # noqa: B010 - a module, not a class


def _swedish_usage_errors() -> None:
    """The command-line library's usage errors ("No such command", "Missing argument",
    pydantic's "Input should be …") are English f-strings; the one function that prints
    them gets them in Swedish, with "Usage:" as "Användning:"."""
    original = getattr(rich_utils, "rich_format_error", None)
    if original is None or getattr(original, "_ska_swedish", False):
        return

    def rich_format_error(error: Any) -> None:
        try:
            message = translate.usage(error.format_message())
        except Exception:  # an error class with a message of another shape: as it is
            original(error)
            return
        error.format_message = lambda: message
        original(error)

    rich_format_error._ska_swedish = True  # type: ignore[attr-defined]
    setattr(rich_utils, "rich_format_error", rich_format_error)  # noqa: B010 - a module
    for module_name in ("typer._click.core", "click.core"):
        try:
            command = importlib.import_module(module_name).Command
        except (ImportError, AttributeError):
            continue
        usage = command.get_usage
        if getattr(usage, "_ska_swedish", False):
            continue

        @functools.wraps(usage)
        def get_usage(self: Any, ctx: Any, _usage: Any = usage) -> str:
            return _usage_line(str(_usage(self, ctx)))

        get_usage._ska_swedish = True  # type: ignore[attr-defined]
        command.get_usage = get_usage


def _usage_line(text: str) -> str:
    for english, swedish in (
        ("Usage:", "Användning:"),
        ("[OPTIONS]", "[FLAGGOR]"),
        ("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]..."),
    ):
        text = text.replace(english, swedish, 1)
    return text
