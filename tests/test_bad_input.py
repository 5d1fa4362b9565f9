"""Every kind of bad input gets an exact finding with file, line, column and rule id."""

from __future__ import annotations

from pathlib import Path

from ska.findings import Finding, Severity
from tests.conftest import brief, findings, rule_findings, write

UNIT = "units/testskolan/enhet.yaml"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


def test_minimal_repository_is_valid(repo: Path) -> None:
    assert findings(repo) == []


def test_yaml_syntax_error_names_line_and_column(repo: Path) -> None:
    write(repo, UNIT, "namn: Testskolan\ntyp: skolenhet\nrektor: Karin: Alm\n")
    assert findings(repo, UNIT) == [
        Finding(
            UNIT,
            3,
            14,
            "YAML-syntax",
            Severity.ERROR,
            "Filen går inte att läsa som YAML: ett kolon står där det inte får stå.",
            "Kontrollera indrag, kolon och citattecken på raden och raden före. Text som "
            "innehåller kolon följt av mellanslag behöver citattecken.",
        )
    ]


def test_tab_indentation_is_reported_per_line(repo: Path) -> None:
    write(repo, UNIT, "namn: Testskolan\nskolformer:\n\t- grundskola\n\t- fritidshem\n")
    assert brief(findings(repo, UNIT)) == [
        (UNIT, 3, 1, "YAML-tabb"),
        (UNIT, 4, 1, "YAML-tabb"),
    ]


def test_duplicate_key_is_an_error_pointing_at_the_second(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8") + "rektor: Per Berg\n"
    write(repo, UNIT, text)
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 8, 1, "YAML-dubblett")]
    assert result[0].message.startswith("Nyckeln 'rektor' finns redan på rad 4")


def test_wrong_type_names_the_key_and_format(repo: Path) -> None:
    text = (
        (repo / UNIT)
        .read_text(encoding="utf-8")
        .replace("aktiv_från: 2015-07-01", "aktiv_från: förra året")
    )
    write(repo, UNIT, text)
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 7, 13, "SCHEMA-typ")]
    assert result[0].message == "aktiv_från ska vara ett datum (nu: 'förra året')."
    assert result[0].hint == "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-06-30."


def test_unknown_key_suggests_the_right_spelling(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace("rektor:", "rektr:")
    write(repo, UNIT, text)
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 4, 1, "SCHEMA-okänd-nyckel")]  # one typo, one message
    assert result[0].message == "Okänd nyckel 'rektr'."
    assert result[0].hint == "Menade du 'rektor'?"
    assert rule_findings(repo, "SL4-4-rektor") == []  # the rule waits for the typo


def test_key_without_swedish_letters_is_recognised(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace("årskurser:", "arskurser:")
    write(repo, UNIT, text)
    assert [f.hint for f in findings(repo, UNIT)] == ["Menade du 'årskurser'?"]


def test_misspelt_enum_value_suggests_the_value(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace("fritidshem]", "fritidshemmet]")
    write(repo, UNIT, text)
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 3, 41, "SCHEMA-värde")]
    assert result[0].hint.startswith("Menade du 'fritidshem'? Tillåtna värden: ")


def test_nested_missing_key_points_at_its_mapping(repo: Path) -> None:
    path = "plans/huvudman.yaml"
    text = (repo / path).read_text(encoding="utf-8").replace('      paragraf: "§ 3"\n', "")
    write(repo, path, text)
    result = findings(repo, path)
    assert brief(result) == [(path, 36, 7, "SCHEMA-saknas")]
    assert result[0].message == (
        "Nyckeln 'paragraf' saknas under första skolchefen (förvaltningschef) → beslut."
    )


def test_a_missing_key_beside_an_unrelated_unknown_key_gives_both(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace("rektor:", "favoritfärg:")
    write(repo, UNIT, text)
    assert [f.rule for f in findings(repo, UNIT)] == ["SCHEMA-okänd-nyckel"]
    # the missing rektor is judged by the rule that needs it
    assert [f.line for f in rule_findings(repo, "SL4-4-rektor")] == [1]


def test_list_items_are_named_as_items(repo: Path) -> None:
    path = "units/testskolan/2025-26/utvecklingsplan.yaml"
    text = (repo / path).read_text(encoding="utf-8")
    write(repo, path, text.replace("tänkta_effekter:", "tänkta_effekterna:", 1))
    (finding,) = findings(repo, path)
    assert "rad 1 i listan" not in finding.message
    assert "första målområdet" in finding.message
    assert "första åtagandet (" in finding.message


def test_empty_file(repo: Path) -> None:
    write(repo, UNIT, "")
    assert brief(findings(repo, UNIT)) == [(UNIT, 1, 1, "FIL-tom")]


def test_file_with_only_comments_is_empty(repo: Path) -> None:
    write(repo, UNIT, "# bara en kommentar\n")
    assert brief(findings(repo, UNIT)) == [(UNIT, 1, 1, "FIL-tom")]


def test_bom_and_crlf_are_accepted(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8")
    write(repo, UNIT, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert findings(repo, UNIT) == []


def test_crlf_keeps_line_numbers(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace("typ: skolenhet", "typ: skola")
    write(repo, UNIT, text.replace("\n", "\r\n").encode("utf-8"))
    assert brief(findings(repo, UNIT)) == [(UNIT, 2, 6, "SCHEMA-värde")]


def test_windows_1252_names_the_byte_position(repo: Path) -> None:
    write(repo, UNIT, "namn: Testskolan\nrektor: Karin Älm\n".encode("cp1252"))
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 2, 15, "FIL-kodning")]
    assert result[0].message == (
        "Filen är inte sparad som UTF-8: byte 31 (0xc4, troligen 'Ä' i Windows-1252) "
        "går inte att läsa."
    )


def test_markdown_without_front_matter(repo: Path) -> None:
    write(repo, REPORT, "# Kvalitetsrapport\n\n## Analys\nText.\n")
    assert brief(findings(repo, REPORT)) == [(REPORT, 1, 1, "MD-frontmatter")]


def test_markdown_with_unclosed_front_matter(repo: Path) -> None:
    write(repo, REPORT, "---\nansvarig: Karin Alm\n\n# Kvalitetsrapport\n")
    result = findings(repo, REPORT)
    assert brief(result) == [(REPORT, 1, 1, "MD-frontmatter")]
    assert result[0].hint == "Lägg till en rad med bara --- efter den sista nyckeln."


def test_markdown_front_matter_errors_have_file_lines(repo: Path) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8").replace("status: klar", "status: färdig")
    write(repo, REPORT, text)
    result = findings(repo, REPORT)
    assert brief(result) == [(REPORT, 4, 9, "SCHEMA-värde")]
    assert result[0].hint == "Tillåtna värden: klar, utkast."


def test_markdown_front_matter_syntax_error_has_file_line(repo: Path) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8").replace("status: klar", "status: [klar")
    write(repo, REPORT, text)
    assert [f.rule for f in findings(repo, REPORT)] == ["YAML-syntax"]
    assert findings(repo, REPORT)[0].line is not None
    assert findings(repo, REPORT)[0].line <= 6  # type: ignore[operator]


def test_missing_required_section(repo: Path) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8").replace("## Analys", "## Analysen")
    write(repo, REPORT, text)
    result = findings(repo, REPORT)
    # one message, on the line of the heading that was meant as the section
    assert brief(result) == [(REPORT, 27, 1, "MD-avsnitt-saknas")]
    assert result[0].hint.startswith("Skriv rubriken som '## Analys'.")


def test_missing_required_section_with_nothing_like_it(repo: Path) -> None:
    text = (repo / REPORT).read_text(encoding="utf-8").replace("## Analys", "## Tankar")
    write(repo, REPORT, text)
    result = findings(repo, REPORT)
    assert brief(result) == [(REPORT, 19, 1, "MD-avsnitt-saknas")]
    assert result[0].hint == (
        "Lägg till rubriken '## Analys' följd av texten, eller ange er egen rubrik i ska.yaml "
        "(rubriker: analys: [Er rubrik])."
    )


def test_heading_inside_code_block_is_not_a_section(repo: Path) -> None:
    text = (
        (repo / REPORT).read_text(encoding="utf-8").replace("## Analys\n", "```\n## Analys\n```\n")
    )
    write(repo, REPORT, text)
    assert [f.rule for f in findings(repo, REPORT)] == ["MD-avsnitt-saknas"]


def test_yaml_alias_is_refused(repo: Path) -> None:
    path = "plans/fokusomraden.yaml"
    write(
        repo,
        path,
        "fokusområden:\n  - &a\n    id: a\n    namn: A\n    beskrivning: B\n"
        "    period: {från: 2026, till: 2028}\n  - *a\n",
    )
    result = findings(repo, path)
    assert ("YAML-alias", 2) in [(f.rule, f.line) for f in result]


def test_multiple_yaml_documents(repo: Path) -> None:
    write(repo, UNIT, "namn: A\n---\nnamn: B\n")
    assert [f.rule for f in findings(repo, UNIT)] == ["YAML-syntax"]


def test_top_level_list_instead_of_mapping(repo: Path) -> None:
    write(repo, UNIT, "- namn: Testskolan\n")
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 1, 1, "SCHEMA-typ")]
    assert result[0].message == "Filen ska bestå av nycklar med värden, t.ex. namn: …"


def test_all_findings_are_reported_not_only_the_first(repo: Path) -> None:
    write(repo, UNIT, "namn: Testskolan\ntyp: skola\nskolformer: grundskola\nokänd: 1\n")
    rules = [f.rule for f in findings(repo, UNIT)]
    assert rules == ["SCHEMA-saknas", "SCHEMA-värde", "SCHEMA-typ", "SCHEMA-okänd-nyckel"]


def test_file_over_size_limit(repo: Path) -> None:
    write(repo, UNIT, "namn: " + "a" * (3 * 1024 * 1024) + "\n")
    assert [f.rule for f in findings(repo, UNIT)] == ["FIL-storlek"]


def test_skolenhetskod_as_number_with_leading_zero_lost(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8").replace('"39671234"', "3967123")
    write(repo, UNIT, text)
    result = findings(repo, UNIT)
    assert brief(result) == [(UNIT, 5, 16, "SCHEMA-värde")]
    assert result[0].hint == 'Skriv koden inom citattecken, t.ex. skolenhetskod: "22362814".'
