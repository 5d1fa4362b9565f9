"""Swedish headings for the help screens Typer draws with rich."""

from __future__ import annotations

from typer import rich_utils

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
