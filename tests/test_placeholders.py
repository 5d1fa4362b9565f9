"""Placeholders from ska init and ska ny: found with their line, an error until filled in."""

from __future__ import annotations

from pathlib import Path

from ska import placeholders
from ska.model.types import Decision
from tests.conftest import findings, write

UNIT = "units/testskolan/enhet.yaml"


def test_placeholders_are_found_with_line_and_column() -> None:
    text = 'namn: Skolan\nvision: "<Kommunens vision>"\n'
    assert placeholders.find(text) == [placeholders.Placeholder("<Kommunens vision>", 2, 10)]


def test_what_is_not_a_placeholder() -> None:
    text = (
        "<!-- Några meningar om läsåret. -->\n"
        "Se <https://www.kommunen.se/rutin> eller skriv till <info@kommunen.se>.\n"
        "Rad<br>bryt, a < b och c > d, <em>betonat</em>.\n"
    )
    assert placeholders.find(text) == []


def test_a_placeholder_in_a_file_is_an_error_at_its_place(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8")
    write(repo, UNIT, text.replace("rektor: Karin Alm", 'rektor: "<Rektors namn>"'))
    (finding,) = findings(repo, UNIT)
    assert (finding.rule, finding.line, finding.column) == ("MALL-platshållare", 4, 10)
    assert "<Rektors namn>" in finding.message


def test_a_placeholder_in_a_yaml_comment_is_left_alone(repo: Path) -> None:
    text = (repo / UNIT).read_text(encoding="utf-8")
    write(repo, UNIT, "# Fyll i <Rektors namn> nedan.\n" + text)
    assert findings(repo, UNIT) == []


def test_a_placeholder_in_markdown_text_is_an_error(repo: Path) -> None:
    path = "plans/klagomalsrutin.md"
    text = (repo / path).read_text(encoding="utf-8")
    write(repo, path, text + "\n<Beskriv varje steg.>\n")
    assert [f.rule for f in findings(repo, path)] == ["MALL-platshållare"]


def test_a_decision_not_yet_taken_is_read_as_missing() -> None:
    decision = Decision.model_validate(
        {"organ": "Nämnden", "datum": "<ÅÅÅÅ-MM-DD>", "paragraf": "<Paragrafen>"}
    )
    assert (decision.date, decision.paragraph, decision.taken) == (None, None, False)
    taken = Decision.model_validate({"organ": "Nämnden", "datum": "2026-01-20", "paragraf": "§ 4"})
    assert taken.taken
