"""What the presets read from their seeds: Kulturskolan is outside skolväsendet, and
Vaggeryd's analysis may be written in bullet points."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import replace_in, rule_findings, write

INSATS = "plans/insatser/läslyftet.yaml"
NATIONAL = "SL4-5-nationella-mal-enskilt"
SHORT = "SL4-3-analys-orsaker"
KULTURSKOLA = """\
övriga_verksamheter:
  - id: kulturskola
    namn: Kulturskolan
"""


def _kulturskola_insats(repo: Path, forms: str) -> None:
    replace_in(repo, "plans/huvudman.yaml", "skolformer:", KULTURSKOLA + "skolformer:")
    replace_in(repo, INSATS, "verksamhetsformer: [grundskola, förskoleklass]", forms)
    replace_in(repo, INSATS, "läroplansområden: [kunskaper]\n", "")


def test_kulturskola_insats_needs_no_national_goal_area(repo: Path) -> None:
    _kulturskola_insats(repo, "verksamhetsformer: [kulturskola]")
    assert [f.path for f in rule_findings(repo, NATIONAL)] == []


def test_insats_shared_with_a_skolform_still_needs_one(repo: Path) -> None:
    _kulturskola_insats(repo, "verksamhetsformer: [kulturskola, grundskola]")
    assert [f.path for f in rule_findings(repo, NATIONAL)] == [INSATS]


BULLETS = """\
## Analys
- Läsflytet ökade i åk 2, vilket beror sannolikt på lästiden efter lunch.
- Pojkarnas resultat hänger samman med färre lästillfällen hemma.
"""


def _bulleted(repo: Path, presets: str) -> list[str]:
    write(repo, "ska.yaml", f"förinställningar: [{presets}]\n")
    replace_in(
        repo,
        "units/testskolan/2025-26/kvalitetsrapport.md",
        "## Analys\nÖkningen jämfört med förra läsåret beror sannolikt på lästiden efter lunch.\n",
        BULLETS,
    )
    return [f.message for f in rule_findings(repo, SHORT) if "kort" in f.message]


def test_vaggeryd_analysis_in_bullet_points_is_not_too_short(repo: Path) -> None:
    assert _bulleted(repo, "vaggeryd") == []


def test_the_150_word_minimum_still_holds_elsewhere(repo: Path) -> None:
    assert any("minst 150" in m for m in _bulleted(repo, "svenljunga"))
