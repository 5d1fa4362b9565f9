"""Terminal output fits the window: unit names are whole at 80 columns, and words in
tables are never broken in the middle."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from ska.model.types import SchoolYear
from ska.output import console as new_console
from ska.status.matrix import build_status
from ska.status.render import print_status
from ska.validate.run import validate_repository
from tests.conftest import replace_in

LONG = "Kullaskolans anpassade grundskola och fritidshem"


def _printed(root: Path, width: int) -> str:
    status = build_status(validate_repository(root, None, SchoolYear(2025), dt.date(2026, 8, 15)))
    out = io.StringIO()
    console = new_console(width=width, force_terminal=True, file=out, color_system=None)
    print_status(status, console)
    return out.getvalue()


@pytest.mark.parametrize("width", [60, 80, 100])
def test_every_name_is_whole_in_a_narrow_terminal(repo: Path, width: int) -> None:
    replace_in(repo, "units/testskolan/enhet.yaml", "namn: Testskolan", f"namn: {LONG}")
    text = _printed(repo, width)
    lines = text.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    assert any(LONG in line for line in lines)  # on one line, not cut or folded
    organiser = next(line for line in lines if line.startswith("Testkommun"))
    assert "fel" in organiser


def test_a_wide_terminal_keeps_the_table(repo: Path) -> None:
    text = _printed(repo, 200)
    assert "┃ Enhet" in text
    assert "Kolumner: " in text


def test_results_tables_break_between_words() -> None:
    from rich.table import Table

    from ska.output import longest_word

    cells = ["Andel med lägst betyget E", "Läsflyt över gränsvärdet"]
    table = Table()
    table.add_column("Mått", min_width=longest_word(cells), overflow="fold")
    for cell in cells:
        table.add_row(cell)
    out = io.StringIO()
    new_console(width=13, file=out, color_system=None).print(table)
    words = {w for line in out.getvalue().splitlines() for w in line.strip("│ ").split()}
    assert {"gränsvärdet", "Andel", "betyget"} <= words
