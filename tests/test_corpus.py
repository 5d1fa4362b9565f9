"""How often ska's text heuristics agree with a reader, on facts from published documents.

tests/resources/corpus holds, per document, short sentences in our own words with the
judgement a reader makes (see its README). Each heuristic is measured as the share of
judgements it agrees with, and must not fall below its floor. Run with `-s` to see the
figures: `.venv/bin/pytest -q -s tests/test_corpus.py`.

The vocabulary was widened after reading that corpus (the tuning set), so its figures are
optimistic. tests/resources/corpus_holdout is a held-out set from other documents, labelled
before the heuristics were run on it; the vocabulary must never be tuned on it. Its own
floors are the figures measured when it was added, rounded down to the nearest 5 %.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ska.model.curriculum import GoalArea, SchoolForm
from ska.rules.advice_follow_up import RESPONSIBILITY_AREAS
from ska.rules.vocabulary import area_mentions, causes, conditions

CORPUS = Path(__file__).parent / "resources" / "corpus"
HOLDOUT = Path(__file__).parent / "resources" / "corpus_holdout"
KINDS = {
    "personal": "personal och behörighet",
    "organisation": "organisation",
    "lärmiljö": "lärmiljö eller resurstilldelning",
}
# The floors: the agreement measured when the vocabulary was last widened, rounded down.
FLOORS = {"orsak": 0.95, "förutsättningar": 0.9, "målområden": 0.95}
# The held-out floors: agreement, and the share of the reader's positives found, as
# measured when the held-out set was added (rounded down to 5 %). Only a change to the
# heuristics may move them, never a change to the held-out set's labels.
# Measured: orsak 82/89 (found 7/14), förutsättningar 237/267 (25/42), målområden 503/533
# (11/22). Every held-out fact carries all three judgements, so most of them are "nothing
# there" and agreement runs high; the share found is the figure to compare with the tuning
# set's.
HOLDOUT_FLOORS = {"orsak": 0.9, "förutsättningar": 0.85, "målområden": 0.9}
HOLDOUT_RECALL_FLOORS = {"orsak": 0.5, "förutsättningar": 0.55, "målområden": 0.5}


@dataclass
class Score:
    agree: int = 0
    total: int = 0
    positives: int = 0  # judgements that something is there
    found: int = 0  # of those, found by the heuristic

    def add(self, expected: bool, got: bool) -> None:
        self.total += 1
        self.agree += expected == got
        self.positives += expected
        self.found += expected and got

    def __str__(self) -> str:
        return (
            f"{self.agree}/{self.total} = {self.agree / self.total:.0%} "
            f"(funna {self.found}/{self.positives})"
        )


def documents(folder: Path = CORPUS) -> Iterator[dict[str, object]]:
    for path in sorted(folder.glob("*.yaml")):
        yield yaml.safe_load(path.read_text(encoding="utf-8"))


def measure(folder: Path = CORPUS) -> dict[str, Score]:
    scores = {name: Score() for name in FLOORS}
    for doc in documents(folder):
        form = SchoolForm(str(doc["skolform"]))
        facts = doc["fakta"]
        assert isinstance(facts, list)
        for fact in facts:
            text = fact["text"]
            if "orsak" in fact:
                scores["orsak"].add(bool(fact["orsak"]), bool(causes(text)))
            if "förutsättningar" in fact:
                found = conditions(text)
                for kind, name in KINDS.items():
                    scores["förutsättningar"].add(
                        kind in fact["förutsättningar"], bool(found[name])
                    )
            if "målområden" in fact:
                expected = {GoalArea(a) for a in fact["målområden"]}
                for area in form.curriculum.areas:
                    if area in RESPONSIBILITY_AREAS:
                        continue
                    got = bool(area_mentions(text, area, [form]))
                    scores["målområden"].add(area in expected, got)
    return scores


def test_the_corpus_has_real_documents_from_ten_kommuner() -> None:
    found = list(documents())
    sources = {str(d["källa"]) for d in found if str(d["källa"]).startswith("http")}
    kommuner = {str(d["kommun"]) for d in found}
    forms = {str(d["skolform"]) for d in found}
    assert len(sources) >= 10
    assert len(kommuner) >= 10
    assert {"förskola", "grundskola", "gymnasieskola"} <= forms


def test_the_held_out_set_has_other_real_documents_over_the_skolformer() -> None:
    held_out = list(documents(HOLDOUT))
    sources = {str(d["källa"]) for d in held_out}
    forms = {str(d["skolform"]) for d in held_out}
    assert len(held_out) >= 8
    assert all(source.startswith("http") for source in sources)
    assert not sources & {str(d["källa"]) for d in documents()}, "a document in both sets"
    assert {
        "förskola",
        "förskoleklass",
        "fritidshem",
        "grundskola",
        "anpassad_grundskola",
    } <= forms
    assert forms & {"gymnasieskola", "anpassad_gymnasieskola", "komvux"}


PLACES = {
    "rapportens text",
    "nyckeltal",
    "resultat",
    "huvudman.yaml",
    "enhet.yaml",
    "insats",
    "internkontroll",
    "årshjul",
}


def places(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Per place in ska, how many facts fit there; and the reason for each fact that fits
    nowhere."""
    placed: dict[str, int] = {}
    lost = []
    for doc in documents(folder):
        facts = doc["fakta"]
        assert isinstance(facts, list)
        for fact in facts:
            assert ("plats" in fact) != ("förlorat" in fact), fact["text"]
            if "plats" in fact:
                assert fact["plats"] in PLACES, fact["plats"]
                placed[fact["plats"]] = placed.get(fact["plats"], 0) + 1
            else:
                lost.append(str(fact["förlorat"]))
    total = sum(placed.values()) + len(lost)
    print(
        f"\n{folder.name}: fakta {total}, får plats {sum(placed.values())} {placed}, "
        f"förlorade {len(lost)}"
    )
    for reason in lost:
        print(f"  förlorat: {reason}")
    return placed, lost


def test_every_fact_has_a_place_or_says_why_it_is_lost() -> None:
    _, lost = places(CORPUS)
    assert len(lost) <= 4  # each is named in the corpus; a new one needs a place or a reason


def test_every_held_out_fact_has_a_place_or_says_why_it_is_lost() -> None:
    placed, lost = places(HOLDOUT)
    assert sum(placed.values()) >= 50
    assert len(lost) <= 4  # as measured; ska gaining a place for one lowers it


def test_each_heuristic_agrees_with_the_reader_above_its_floor() -> None:
    scores = measure()
    for name, score in scores.items():
        print(f"{name}: {score}")
    for name, floor in FLOORS.items():
        score = scores[name]
        assert score.total >= 50, name
        assert score.positives >= 10, name
        assert score.agree / score.total >= floor, f"{name}: {score}"


def test_the_heuristics_hold_on_the_held_out_set() -> None:
    tuning, held_out = measure(CORPUS), measure(HOLDOUT)
    print(f"\n{'':16} {'inställningsmängd':32} utanförmängd (hålls utanför)")
    for name in FLOORS:
        print(f"{name:16} {tuning[name]!s:32} {held_out[name]}")
    for name in FLOORS:
        for measured in (tuning[name], held_out[name]):
            assert measured.total > 0, name
            assert measured.positives > 0, name
        score = held_out[name]
        assert score.agree / score.total >= HOLDOUT_FLOORS[name], f"{name}: {score}"
        assert score.found / score.positives >= HOLDOUT_RECALL_FLOORS[name], f"{name}: {score}"
