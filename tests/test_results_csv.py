"""Result tables in CSV: Excel's dialect, row-level findings, terms of the right läsår."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ska.load.csvtable import parse_results
from tests.conftest import brief, findings, write

CSV = "units/testskolan/2025-26/resultat/screening.csv"
HEADER = "mått,termin,grupp,kön,antal,totalt,värde\n"


def test_excel_semicolon_and_decimal_comma(repo: Path) -> None:
    write(
        repo,
        CSV,
        "Mått;Termin;Grupp;Kön;Antal;Totalt;Värde\nMeritvärde;vt2026;åk 9;alla;;45;228,5\n",
    )
    assert findings(repo, CSV) == []
    table, _ = parse_results((repo / CSV).read_text(encoding="utf-8"), CSV)
    assert table is not None
    assert table.rows[0].value == 228.5


def test_unknown_and_missing_columns(repo: Path) -> None:
    write(repo, CSV, "mått,termin,grupp,kon,antal,summa\nx,ht2025,a,alla,1,2\n")
    result = findings(repo, CSV)
    assert [(f.rule, f.hint) for f in result] == [
        ("CSV-kolumn", "Menade du 'kön'?"),
        (
            "CSV-kolumn",
            "Kolumnerna är: mått, termin, tillfälle, ämne, årskurs, typ, grupp, kön, antal, "
            "totalt, värde.",
        ),
        (
            "CSV-kolumn",
            "Rubrikraden ska innehålla mått, termin, grupp, kön, totalt. Frivilliga kolumner: "
            "tillfälle, ämne, årskurs, typ, antal, värde.",
        ),
    ]


def test_a_table_without_header_row(repo: Path) -> None:
    """A first row of data is a missing header row, not six unknown columns."""
    write(repo, CSV, "Läsflyt,ht2025,åk 2,alla,26,40\nLäsflyt,vt2026,åk 2,alla,29,40\n")
    found = findings(repo, CSV)
    assert brief(found) == [(CSV, 1, 1, "CSV-rubrik")]
    assert found[0].hint.endswith("t.ex. mått,termin,grupp,kön,antal,totalt.")
    write(repo, CSV, "measure;term;group;gender;count;total\nLäsflyt;ht2025;åk 2;alla;26;40\n")
    assert {f.rule for f in findings(repo, CSV)} == {"CSV-kolumn"}


def test_row_errors_carry_their_line(repo: Path) -> None:
    write(
        repo,
        CSV,
        HEADER
        + "Läsflyt,ht2025,åk 2,alla,26,40,\n"
        + "Läsflyt,ht2025,åk 2,flickor,30,19,\n"
        + "Läsflyt,ht2025,åk 2,båda,1,19,\n"
        + "Läsflyt,ht2025,åk 2,alla,,19,\n",
    )
    assert [(f.line, f.rule) for f in findings(repo, CSV)] == [
        (3, "SCHEMA-värde"),
        (4, "SCHEMA-värde"),
        (5, "SCHEMA-värde"),
    ]


def test_term_outside_the_school_year(repo: Path) -> None:
    write(repo, CSV, HEADER + "Läsflyt,ht2024,åk 2,alla,26,40,\n")
    result = findings(repo, CSV)
    assert brief(result) == [(CSV, 2, None, "RESULTAT-termin")]
    assert (
        result[0].hint == "Skriv ht2025 eller vt2026, eller flytta raden till läsårsmappen 2024-25."
    )


def test_ragged_row(repo: Path) -> None:
    write(repo, CSV, HEADER + "Läsflyt,ht2025,åk 2,alla,26\n")
    assert brief(findings(repo, CSV)) == [(CSV, 2, None, "CSV-rad")]


counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=80)
@given(st.lists(st.tuples(counts, counts), min_size=1, max_size=20))
def test_generated_tables_validate_exactly_when_counts_fit(pairs: list[tuple[int, int]]) -> None:
    text = HEADER + "".join(f"M,ht2025,alla,alla,{a},{t},\n" for a, t in pairs)
    table, problems = parse_results(text, "x.csv")
    bad_lines = [i + 2 for i, (a, t) in enumerate(pairs) if a > t]
    assert [f.line for f in problems] == bad_lines
    assert (table is None) == bool(bad_lines)
