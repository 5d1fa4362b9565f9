"""Files are found by their place; unknown places are findings, not silence."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ska.load.discovery import discover
from ska.model import kinds as K
from tests.conftest import brief, findings, write


def test_every_kind_is_discovered(repo: Path) -> None:
    """The minimal repository has one file of each kind, except the huvudman's reports
    per verksamhetsform and per calendar year, which a kommun writes instead."""
    text = (repo / "plans/2025-26/kvalitetsrapport.md").read_text(encoding="utf-8")
    for path in (
        "plans/2025-26/kvalitetsrapport-förskola.md",
        "plans/2026/kvalitetsrapport.md",
        "plans/2026/kvalitetsrapport-komvux.md",
    ):
        write(repo, path, text)
    found = discover(repo).files
    assert {located.kind for located in found.values()} == set(K.ALL_KINDS)
    calendar = found["plans/2026/kvalitetsrapport-komvux.md"]
    assert (calendar.calendar_year, calendar.stem, str(calendar.school_year)) == (
        2026,
        "komvux",
        "2025/26",
    )


def test_a_report_name_must_be_an_id(repo: Path) -> None:
    write(repo, "plans/2025-26/kvalitetsrapport-För skola.md", "x")
    write(repo, "plans/2026/rapport.md", "x")
    result = findings(repo, "plans")
    assert brief(result) == [
        ("plans/2025-26/kvalitetsrapport-För skola.md", None, None, "PLATS-namn"),
        ("plans/2026/rapport.md", None, None, "PLATS-okänd"),
    ]


def test_misspelt_file_name_is_a_warning_with_suggestion(repo: Path) -> None:
    write(repo, "units/testskolan/2025-26/kvalitetsrapprot.md", "x")
    result = findings(repo, "units/testskolan")
    assert brief(result) == [
        ("units/testskolan/2025-26/kvalitetsrapprot.md", None, None, "PLATS-okänd")
    ]
    assert result[0].hint == "Menade du 'kvalitetsrapport.md'?"


def test_yml_extension_gets_its_own_hint(repo: Path) -> None:
    write(repo, "plans/arshjul.yml", "x")
    result = findings(repo, "plans")
    assert [f.hint for f in result] == ["Byt filändelse till .yaml: arshjul.yaml."]


def test_school_year_folder_must_be_a_school_year(repo: Path) -> None:
    write(repo, "units/testskolan/2025-2026/utvecklingsplan.yaml", "x")
    write(repo, "units/testskolan/2025-2026/kvalitetsrapport.md", "x")
    result = findings(repo, "units/testskolan")
    assert brief(result) == [("units/testskolan/2025-2026", None, None, "PLATS-läsår")]
    assert result[0].hint == "Läsårsmappar heter t.ex. 2025-26."


def test_unit_folder_without_enhet_yaml(repo: Path) -> None:
    write(repo, "units/nyskolan/2025-26/utvecklingsplan.yaml", "x: 1\n")
    result = [f for f in findings(repo) if f.rule == "PLATS-enhet-saknas"]
    assert brief(result) == [("units/nyskolan", None, None, "PLATS-enhet-saknas")]


def test_invalid_unit_id(repo: Path) -> None:
    write(repo, "units/Ny Skola/enhet.yaml", "namn: x\n")
    assert [f.rule for f in findings(repo) if f.path.startswith("units/Ny")] == ["PLATS-namn"]


def test_kaa_file_must_be_named_by_year(repo: Path) -> None:
    write(repo, "plans/kaa/innevarande.yaml", "x: 1\n")
    assert [f.rule for f in findings(repo, "plans/kaa")] == ["PLATS-namn"]


def test_decomposed_unicode_names_are_normalised(repo: Path) -> None:
    # macOS writes file names decomposed (a + ring); ids must still match.
    decomposed = unicodedata.normalize("NFD", "units/testskolan/insatser/testskolan-läsfixare.yaml")
    (repo / "units/testskolan/insatser/testskolan-läsfixare.yaml").rename(repo / decomposed)
    assert findings(repo) == []


def test_readme_and_hidden_files_are_ignored(repo: Path) -> None:
    write(repo, "units/README.md", "# Enheter\n")
    write(repo, "plans/.gitkeep", "")
    assert findings(repo) == []


def test_empty_folder_is_a_warning(repo: Path) -> None:
    (repo / "plans/2024-25").mkdir()
    assert brief(findings(repo)) == [("plans/2024-25/", None, None, "PLATS-tom-mapp")]
