"""`ska resultat importera`: a CSV export becomes ska's result files through a mapping."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska.findings import Finding, Severity
from ska.load.csvtable import parse_references, parse_results
from ska.model.results import ResultRow
from ska.results.importing import ImportResult, import_results
from ska.validate.run import validate_repository
from tests.conftest import PROJECT, RESOURCES, brief, write

MAPPING = "plans/import/prov.yaml"
SOURCE = "export.csv"
TARGET = "units/testskolan/2025-26/resultat/prov.csv"
EXISTING = "units/testskolan/2025-26/resultat/screening.csv"

PROV = """\
namn: Läsprov ur elevsystemet
till: resultat
filnamn: prov
avgränsare: ";"
kolumner:
  enhet: Skolenhet
  termin: Termin
  grupp: Årskurs
  kön: Kön
  antal: Över gränsvärdet
  totalt: Antal elever
fasta:
  mått: Läsprov över gränsvärdet
  typ: nationella prov
"""

HEADER = "Skolenhet;Termin;Årskurs;Kön;Över gränsvärdet;Antal elever\n"


def run(root: Path, source: str | bytes, mapping: str = PROV, **kw: bool) -> ImportResult:
    write(root, MAPPING, mapping)
    path = write(root.parent, SOURCE, source)
    return import_results(root, MAPPING, path, **kw)


def places(items: list[Finding]) -> list[tuple[str, int | None, int | None, str]]:
    """brief(), naming the source outside the repository by its file name."""
    return [
        (Path(path).name if path.endswith(SOURCE) else path, line, column, rule)
        for path, line, column, rule in brief(items)
    ]


def errors(result: ImportResult) -> list[tuple[str, int | None, int | None, str]]:
    return places([f for f in result.findings if f.severity is Severity.ERROR])


def clean(root: Path, rel: str) -> list[str]:
    found = validate_repository(root, [root / rel], rules=False).findings
    return [f"{f.location} {f.rule} {f.message}" for f in found]


def test_import_by_skolenhetskod_writes_ska_layout(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "39671234;vt2026;åk 3;Totalt;30;41\n"
        "39671234;vt2026;åk 3;Flickor;16;20\n"
        "39671234;vt2026;åk 3;Pojkar;14;21\n",
    )
    assert result.findings == []
    assert (result.written, result.rows, result.skipped) == ([TARGET], 3, 0)
    assert (repo / TARGET).read_bytes() == (
        "mått,termin,typ,grupp,kön,antal,totalt\n"
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,flickor,16,20\n"
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,pojkar,14,21\n"
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,alla,30,41\n"
    ).encode()
    assert clean(repo, TARGET) == []


def test_import_by_unit_name_or_id_in_any_case(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "TESTSKOLAN;vt2026;åk 3;alla;30;41\n testskolan ;ht2025;åk 3;alla;28;41\n",
    )
    assert result.findings == []
    assert result.written == [TARGET]
    assert (repo / TARGET).read_text(encoding="utf-8").splitlines()[1:] == [
        "Läsprov över gränsvärdet,ht2025,nationella prov,åk 3,alla,28,41",
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,alla,30,41",
    ]


def test_rows_go_to_the_läsår_folder_of_their_term(repo: Path) -> None:
    result = run(repo, HEADER + "Testskolan;vt2025;åk 3;alla;30;41\n")
    assert result.written == ["units/testskolan/2024-25/resultat/prov.csv"]


def test_semicolon_decimal_comma_and_windows_1252(repo: Path) -> None:
    mapping = """\
namn: Trygghetsenkät
filnamn: enkät
kolumner:
  enhet: Skola
  termin: Termin
  kön: Kön
  totalt: Svarande
  värde: Medelvärde (1–5)
fasta:
  mått: Trygghetsindex
  grupp: åk 5
  typ: enkät
"""
    source = "Skola;Termin;Kön;Svarande;Medelvärde (1–5)\r\nTestskolan;vt2026;Flickor;19;4,25\r\n"
    result = run(repo, source.encode("cp1252"), mapping)
    assert places(result.findings) == [(SOURCE, None, None, "IMPORT-kodning")]
    assert result.findings[0].severity is Severity.INFO
    target = "units/testskolan/2025-26/resultat/enkät.csv"
    assert (repo / target).read_text(encoding="utf-8") == (
        "mått,termin,typ,grupp,kön,totalt,värde\nTrygghetsindex,vt2026,enkät,åk 5,flickor,19,4.25\n"
    )
    assert clean(repo, target) == []


def test_utf8_bom_and_crlf_from_excel_are_read(repo: Path) -> None:
    source = ("\ufeff" + HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n").replace("\n", "\r\n")
    result = run(repo, source.encode("utf-8"))
    assert result.findings == []
    assert result.rows == 1


def test_utf16_tab_separated_unicode_text_is_read(repo: Path) -> None:
    mapping = PROV.replace('avgränsare: ";"\n', "")
    source = (HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n").replace(";", "\t")
    result = run(repo, source.encode("utf-16"), mapping)
    assert result.findings == []
    assert result.rows == 1


def test_empty_source_is_a_finding(repo: Path) -> None:
    result = run(repo, b"\xef\xbb\xbf\r\n")
    assert errors(result) == [(SOURCE, 1, None, "IMPORT-källa")]
    result = run(repo, HEADER)
    assert places(result.findings) == [(SOURCE, None, None, "IMPORT-rad")]
    assert result.findings[0].severity is Severity.WARNING
    assert result.written == []


def test_header_skip_lines_keep_source_line_numbers(repo: Path) -> None:
    mapping = PROV.replace("avgränsare", "hoppa_över_rader: 2\navgränsare")
    source = (
        "Läsprov våren 2026\n"
        "Utdrag ur elevsystemet;;;;;\n" + HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n"
        "Norrskolan;vt2026;åk 3;alla;12;20\n"
    )
    result = run(repo, source, mapping)
    assert errors(result) == [(SOURCE, 5, None, "IMPORT-enhet")]
    assert not (repo / TARGET).exists()


def test_values_translate_source_words(repo: Path) -> None:
    mapping = (
        PROV
        + """\
värden:
  termin:
    "2025/26": vt2026
  kön:
    F: flickor
    P: pojkar
    Båda: alla
"""
    )
    result = run(
        repo,
        HEADER + "Testskolan;2025/26;åk 3;F;16;20\nTestskolan;2025/26;åk 3;P;14;21\n"
        "Testskolan;2025/26;åk 3;båda;30;41\n",
        mapping,
    )
    assert result.findings == []
    rows = (repo / TARGET).read_text(encoding="utf-8").splitlines()[1:]
    assert [r.split(",")[1] + "," + r.split(",")[4] for r in rows] == [
        "vt2026,flickor",
        "vt2026,pojkar",
        "vt2026,alla",
    ]


def test_loose_terms_and_gender_words_are_understood(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "Testskolan;VT 2026;åk 3;FLICKOR;16;20\nTestskolan;vt-26;åk 3;Samtliga;30;41\n",
    )
    assert result.findings == []
    text = (repo / TARGET).read_text(encoding="utf-8")
    assert ",vt2026,nationella prov,åk 3,flickor,16,20\n" in text
    assert ",vt2026,nationella prov,åk 3,alla,30,41\n" in text


def test_untranslated_value_is_reported_with_the_allowed_ones(repo: Path) -> None:
    result = run(repo, HEADER + "Testskolan;vt2026;åk 3;Flicka;16;20\n")
    assert errors(result) == [(SOURCE, 2, None, "IMPORT-rad")]
    finding = result.findings[0]
    assert finding.message == "'Flicka' är inte ett tillåtet värde för kön."
    assert "Menade du 'flickor'?" in finding.hint
    assert f"värden i {MAPPING}" in finding.hint


def test_missing_source_column_is_named_with_a_suggestion(repo: Path) -> None:
    before = (repo / EXISTING).read_bytes()
    source = HEADER.replace("Antal elever", "Antal elev") + "Testskolan;vt2026;åk 3;alla;30;41\n"
    result = run(repo, source)
    assert errors(result) == [(SOURCE, 1, None, "IMPORT-kolumn")]
    finding = result.findings[0]
    assert finding.message == (
        f"Kolumnen 'Antal elever' (för totalt i {MAPPING}) finns inte i källfilen."
    )
    assert finding.hint.startswith("Menade du 'Antal elev'? Källans kolumner är: Skolenhet, ")
    assert result.written == []
    assert not (repo / TARGET).exists()
    assert (repo / EXISTING).read_bytes() == before


def test_headers_match_without_case_and_spaces(repo: Path) -> None:
    source = (
        " skolenhet ;TERMIN;årskurs;KÖN;över  gränsvärdet;Antal elever\n"
        "Testskolan;vt2026;3;alla;1;2\n"
    )
    result = run(repo, source)
    assert result.findings == []
    assert ",vt2026,nationella prov,3,alla,1,2\n" in (repo / TARGET).read_text(encoding="utf-8")


def test_unknown_unit_is_reported_once_with_its_line_and_a_suggestion(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n"
        "Testskola;vt2026;åk 3;flickor;16;20\n"
        "Testskola;vt2026;åk 3;pojkar;14;21\n",
    )
    assert errors(result) == [(SOURCE, 3, None, "IMPORT-enhet")]
    finding = result.findings[0]
    assert finding.message == "Enheten 'Testskola' finns inte i repositoriet (2 rader)."
    assert finding.hint.startswith("Menade du 'Testskolan'? Ange enhetens id, namn eller ")
    assert "Testskolan (39671234)" in finding.hint
    assert result.written == []
    assert not (repo / TARGET).exists()


def test_suppressed_rows_are_skipped_and_counted_once(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "Testskolan;vt2026;åk 3;flickor;..;6\n"
        "Testskolan;vt2026;åk 3;pojkar;..;..\n"
        "Testskolan;vt2026;åk 3;alla;9;11\n",
    )
    assert (result.rows, result.skipped) == (1, 2)
    assert places(result.findings) == [(SOURCE, None, None, "IMPORT-skyddad")]
    assert result.findings[0].severity is Severity.INFO
    assert result.findings[0].message == (
        "2 rader hoppades över eftersom uppgiften saknas eller är skyddad i källan ('..')."
    )
    assert result.written == [TARGET]


def test_invalid_row_is_reported_at_the_source_line(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "Testskolan;vt2026;åk 3;alla;30;41\nTestskolan;vt2026;åk 3;flickor;25;20\n",
    )
    assert errors(result) == [(SOURCE, 3, None, "IMPORT-rad")]
    assert result.findings[0].message == "antal (25) är större än totalt (20)."
    assert result.written == []
    assert not (repo / TARGET).exists()


def test_empty_required_cell_names_the_column(repo: Path) -> None:
    result = run(repo, HEADER + "Testskolan;vt2026;åk 3;alla;30;\n")
    assert errors(result) == [(SOURCE, 2, None, "IMPORT-rad")]
    assert result.findings[0].message == "Värdet för totalt saknas på raden."


def test_bad_number_and_short_row_are_reported(repo: Path) -> None:
    result = run(repo, HEADER + "Testskolan;vt2026;åk 3;alla;trettio;41\nKälla: elevsystemet\n")
    assert errors(result) == [
        (SOURCE, 2, None, "IMPORT-rad"),
        (SOURCE, 3, None, "IMPORT-rad"),
    ]
    assert result.findings[0].message == "antal ska vara ett heltal (nu: 'trettio')."
    assert result.findings[1].message == "Raden har 1 värden men rubrikraden 6 kolumner."


def test_duplicate_rows_are_an_error(repo: Path) -> None:
    result = run(
        repo, HEADER + "Testskolan;vt2026;åk 3;alla;30;41\nTestskolan;vt2026;åk 3;Totalt;31;41\n"
    )
    assert errors(result) == [(SOURCE, 3, None, "IMPORT-rad")]
    assert result.findings[0].message.startswith("Raden ger samma resultat som rad 2 ")


def test_merge_replaces_imported_terms_and_keeps_the_others(repo: Path) -> None:
    mapping = PROV.replace("filnamn: prov", "filnamn: screening").replace(
        "Läsprov över gränsvärdet", "Läsflyt över gränsvärdet"
    )
    result = run(
        repo,
        HEADER + "Testskolan;vt2026;åk 2;flickor;15;19\nTestskolan;vt2026;åk 2;alla;29;40\n",
        mapping,
    )
    assert result.findings == []
    assert result.written == [EXISTING]
    lines = (repo / EXISTING).read_text(encoding="utf-8").splitlines()
    assert lines == [
        "mått,termin,typ,grupp,kön,antal,totalt,värde",
        "Läsflyt över gränsvärdet,ht2025,,åk 2,flickor,14,19,",
        "Läsflyt över gränsvärdet,ht2025,,åk 2,pojkar,12,21,",
        "Läsflyt över gränsvärdet,ht2025,,åk 2,alla,26,40,",
        "Läsflyt över gränsvärdet,vt2026,nationella prov,åk 2,flickor,15,19,",
        "Läsflyt över gränsvärdet,vt2026,nationella prov,åk 2,alla,29,40,",
        "Trygghetsindex,vt2026,,alla,flickor,,19,4.3",
        "Trygghetsindex,vt2026,,alla,pojkar,,21,4.1",
        "Trygghetsindex,vt2026,,alla,alla,,40,4.2",
    ]
    # Importing ht2025 again replaces the old ht2025 rows of that measure only.
    result = run(repo, HEADER + "Testskolan;ht2025;åk 2;alla;27;40\n", mapping)
    lines = (repo / EXISTING).read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if ",ht2025," in line] == [
        "Läsflyt över gränsvärdet,ht2025,nationella prov,åk 2,alla,27,40,"
    ]
    assert len(lines) == 1 + 1 + 2 + 3
    assert clean(repo, EXISTING) == []


def test_invalid_existing_file_is_not_overwritten(repo: Path) -> None:
    write(repo, TARGET, "mått,termin,grupp,kön,antal\nx,vt2026,alla,alla,1\n")
    result = run(repo, HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n")
    assert sorted(f.rule for f in result.findings) == ["CSV-kolumn", "IMPORT-fil"]
    assert result.written == []
    assert (repo / TARGET).read_text(encoding="utf-8").startswith("mått,termin,grupp,kön,antal\n")


def test_reimport_is_byte_identical_whatever_the_source_order(repo: Path) -> None:
    rows = [
        "Testskolan;vt2026;åk 3;alla;30;41",
        "Testskolan;vt2026;åk 1;pojkar;10;20",
        "39671234;ht2025;åk 3;flickor;14;20",
        "Testskolan;vt2026;åk 3;flickor;16;20",
        "Testskolan;ht2025;åk 1;alla;18;40",
    ]
    first = run(repo, HEADER + "\n".join(rows) + "\n")
    content = (repo / TARGET).read_bytes()
    second = run(repo, HEADER + "\n".join(rows) + "\n")
    assert (repo / TARGET).read_bytes() == content
    third = run(repo, HEADER + "\n".join(reversed(rows)) + "\n")
    assert (repo / TARGET).read_bytes() == content
    assert first.written == second.written == third.written == [TARGET]
    assert content.decode().splitlines()[1:] == [
        "Läsprov över gränsvärdet,ht2025,nationella prov,åk 1,alla,18,40",
        "Läsprov över gränsvärdet,ht2025,nationella prov,åk 3,flickor,14,20",
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 1,pojkar,10,20",
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,flickor,16,20",
        "Läsprov över gränsvärdet,vt2026,nationella prov,åk 3,alla,30,41",
    ]


REFERENCE_MAPPING = """\
namn: Rikets värden ur Skolverkets statistik
till: jämförelse
filnamn: skolverket
avgränsare: ";"
hoppa_över_rader: 1
kolumner:
  termin: Läsår
  ämne: Ämne
  kön: Kön
  värde: Andel (%) med A-E
  totalt: Antal elever
fasta:
  jämförelse: riket
  mått: Andel med lägst E
  grupp: åk 9
  typ: betyg
värden:
  termin:
    2025/26: vt2026
"""


def test_reference_target_writes_plans_jämförelser(repo: Path) -> None:
    source = (
        "Slutbetyg årskurs 9 – riket\n"
        "Läsår;Ämne;Kön;Antal elever;Andel (%) med A-E\n"
        "2025/26;Matematik;Samtliga;118 352;89,6\n"
        "2025/26;Matematik;Flickor;57 104;90,1\n"
        "2025/26;Svenska;Pojkar;..;..\n"
    )
    result = run(repo, source, REFERENCE_MAPPING)
    assert places(result.findings) == [(SOURCE, None, None, "IMPORT-skyddad")]
    target = "plans/jämförelser/skolverket.csv"
    assert result.written == [target]
    assert (repo / target).read_text(encoding="utf-8") == (
        "jämförelse,mått,termin,ämne,typ,grupp,kön,värde,totalt\n"
        "riket,Andel med lägst E,vt2026,Matematik,betyg,åk 9,flickor,90.1,57104\n"
        "riket,Andel med lägst E,vt2026,Matematik,betyg,åk 9,alla,89.6,118352\n"
    )
    table, problems = parse_references((repo / target).read_text(encoding="utf-8"), target)
    assert problems == []
    assert table is not None
    assert len(table.rows) == 2
    assert clean(repo, target) == []


def test_dry_run_writes_nothing_but_names_the_files(repo: Path) -> None:
    before = (repo / EXISTING).read_bytes()
    mapping = PROV.replace("filnamn: prov", "filnamn: screening")
    result = run(repo, HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n", mapping, dry_run=True)
    assert result.findings == []
    assert result.dry_run
    assert (result.written, result.rows) == ([EXISTING], 1)
    assert (repo / EXISTING).read_bytes() == before


def test_invalid_mapping_returns_its_findings(repo: Path) -> None:
    result = run(
        repo,
        HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n",
        PROV.replace("  kön: Kön\n", "  kon: Kön\n"),
    )
    assert errors(result) == [(MAPPING, 1, 1, "SCHEMA-värde")]
    assert result.findings[0].message == "'kon' under kolumner är inte en kolumn i ska."
    assert not (repo / TARGET).exists()


def test_unknown_mapping_and_unreadable_source(repo: Path, tmp_path: Path) -> None:
    result = import_results(repo, "plans/import/saknas.yaml", tmp_path / "x.csv")
    assert errors(result) == [("plans/import/saknas.yaml", None, None, "IMPORT-mappning")]
    assert "plans/import/skolverket-screening.yaml" in result.findings[0].hint
    missing = tmp_path / "finns-inte.csv"
    result = import_results(repo, "plans/import/skolverket-screening.yaml", missing)
    assert errors(result) == [(str(missing), None, None, "IMPORT-källa")]


def test_mapping_can_be_given_as_an_absolute_path(repo: Path) -> None:
    write(repo, MAPPING, PROV)
    source = write(repo.parent, SOURCE, HEADER + "Testskolan;vt2026;åk 3;alla;30;41\n")
    result = import_results(repo, str(repo / MAPPING), source)
    assert result.findings == []
    assert result.written == [TARGET]


def test_fixed_unit_id(repo: Path) -> None:
    mapping = PROV.replace("  enhet: Skolenhet\n", "").replace(
        "fasta:\n", "fasta:\n  enhet: testskolan\n"
    )
    result = run(repo, HEADER + "Vad som helst;vt2026;åk 3;alla;30;41\n", mapping)
    assert result.findings == []
    assert result.written == [TARGET]


def test_example_mappings_of_the_bundled_kommun_import_cleanly() -> None:
    """The example kommun's mappings read their example exports without errors (dry run:
    the example units' files belong to the example, not to this test)."""
    for mapping, source, skipped in (
        ("plans/import/skolverket-betyg.yaml", "källdata/skolverket-betyg-2026.csv", 2),
        ("plans/import/elevsystem-screening.yaml", "källdata/elevsystem-screening-vt2026.csv", 0),
    ):
        result = import_results(PROJECT, mapping, PROJECT / source, dry_run=True)
        assert errors(result) == [], result.findings
        assert result.rows == 12 - skipped
        assert result.skipped == skipped
        assert result.written


# --- property: what is imported is what ska reads back --------------------------------

UNITS = {"testskolan": ("Testskolan", "39671234"), "norrskolan": ("Norrskolan", "39679999")}
NORRSKOLAN = """\
namn: Norrskolan
typ: skolenhet
skolformer: [grundskola]
rektor: Per Berg
skolenhetskod: "39679999"
"""
MEASURES = ["Läsflyt, över gränsvärdet", 'Betyg "A–E"', "Trygghet; index", "Ämnesprov åk 3"]
TERMS = ["ht2024", "vt2025", "ht2025", "vt2026"]
GENDER_WORDS = {
    "flickor": ["flickor", "Flickor", "FLICKOR"],
    "pojkar": ["pojkar", "Pojkar"],
    "alla": ["alla", "Totalt", "Samtliga"],
}


@st.composite
def results(draw: st.DrawFn) -> list[dict[str, object]]:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(sorted(UNITS)),
                st.sampled_from(MEASURES),
                st.sampled_from(TERMS),
                st.integers(1, 9),
                st.sampled_from(sorted(GENDER_WORDS)),
            ),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    rows: list[dict[str, object]] = []
    for unit, measure, term, grade, gender in keys:
        total = draw(st.integers(0, 5000))
        count = draw(st.none() | st.integers(0, total))
        value = None if count is not None else draw(st.integers(-9999, 99999)) / 100
        rows.append(
            {
                "unit": unit,
                "named": draw(st.sampled_from([unit, UNITS[unit][0], UNITS[unit][1]])),
                "mått": measure,
                "termin": term,
                "grupp": f"åk {grade}",
                "kön": gender,
                "kön_källa": draw(st.sampled_from(GENDER_WORDS[gender])),
                "antal": count,
                "totalt": total,
                "värde": value,
            }
        )
    return rows


PROPERTY_MAPPING = """\
namn: Alla resultat
filnamn: alla
avgränsare: ";"
kolumner:
  enhet: Enhet
  mått: Mått
  termin: Termin
  grupp: Grupp
  kön: Kön
  antal: Antal
  totalt: Totalt
  värde: Värde
"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(results())
def test_imported_rows_read_back_unchanged(rows: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "kommun"
        shutil.copytree(RESOURCES / "minimal", root)
        write(root, "units/norrskolan/enhet.yaml", NORRSKOLAN)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Enhet", "Mått", "Termin", "Grupp", "Kön", "Antal", "Totalt", "Värde"])
        for row in rows:
            value = row["värde"]
            writer.writerow(
                [
                    row["named"],
                    row["mått"],
                    row["termin"],
                    row["grupp"],
                    row["kön_källa"],
                    "" if row["antal"] is None else row["antal"],
                    row["totalt"],
                    "" if value is None else f"{value:.2f}".replace(".", ","),
                ]
            )
        result = run(root, out.getvalue().encode("cp1252"), PROPERTY_MAPPING)
        assert errors(result) == []
        assert result.rows == len(rows)

        expected: dict[str, set[ResultRow]] = {}
        for row in rows:
            model = ResultRow.model_validate(
                {k: v for k, v in row.items() if k in ("mått", "termin", "grupp", "kön")}
                | {k: row[k] for k in ("antal", "totalt", "värde") if row[k] is not None}
            )
            folder_name = model.term.school_year.folder
            path = f"units/{row['unit']}/{folder_name}/resultat/alla.csv"
            expected.setdefault(path, set()).add(model)
        assert sorted(result.written) == sorted(expected)
        for path, models in expected.items():
            table, problems = parse_results((root / path).read_text(encoding="utf-8"), path)
            assert problems == []
            assert table is not None
            assert len(table.rows) == len(models)
            assert set(table.rows) == models
