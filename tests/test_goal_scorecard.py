"""The målkarta as a picture (the styrkedja drawn as boxes and lines) and the målkort,
nämndens mål followed up as a document of its own (`ska build malkort`)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.render.documents import jobs_for
from ska.render.goal_map_picture import MAX_HEIGHT, goal_map_pictures, parts, tall
from ska.render.goals import (
    Chain,
    ChainArea,
    ChainCommitment,
    ChainGoal,
    ChainInitiative,
    value_text,
)
from ska.render.plan import plan_document
from tests.conftest import PROJECT, append, html_text, pdf_text, replace_in

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_GOAL = '<script>alert("mål")</script> Trygghet & studiero'
HOSTILE_AREA = "Barn & unga ges förutsättningar för fortsatta studier."
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"


def _hostile(repo: Path) -> None:
    """A second goal named like an attack, under a KF målområde with an ampersand, that
    the unit's åtagande serves as well as the first goal."""
    append(
        repo,
        "plans/mal.yaml",
        f"  - id: trygghet\n    namn: '{HOSTILE_GOAL}'\n    kf_målområde: barn-och-unga\n",
    )
    replace_in(
        repo,
        "plans/huvudman.yaml",
        "Barn och unga ges förutsättningar för fortsatta studier.",
        HOSTILE_AREA,
    )
    replace_in(
        repo, PLAN, "nämndmål: [hög-måluppfyllelse]", "nämndmål: [hög-måluppfyllelse, trygghet]"
    )


def _plan_picture(repo: Path) -> str:
    prepared = plan_document(Repository(repo), dt.date(2026, 3, 1))
    assert prepared is not None
    svg = prepared.assets["malkarta-1.svg"]
    assert isinstance(svg, str)
    return svg


def test_goal_map_picture_has_a_box_per_goal_and_escapes_their_text(repo: Path) -> None:
    _hostile(repo)
    svg = _plan_picture(repo)
    root = ET.fromstring(svg)  # well formed: every text escaped
    boxes = {g.get("id", ""): g for g in root.iter(f"{SVG}g") if g.get("id")}
    assert sorted(boxes) == [
        "atagande-testskolan-läsflyt",
        "insats-läslyftet",
        "insats-testskolan-läsfixare",
        "kf-barn-och-unga",
        "mal-hög-måluppfyllelse",
        "mal-trygghet",
    ]

    def text(box: str) -> str:
        """The box's lines (a long word is broken too), without spaces."""
        return "".join("".join(t.itertext()) for t in boxes[box].iter(f"{SVG}text")).replace(
            " ", ""
        )

    assert text("mal-trygghet") == HOSTILE_GOAL.replace(" ", "")
    assert text("kf-barn-och-unga") == HOSTILE_AREA.replace(" ", "")
    assert text("atagande-testskolan-läsflyt").startswith("Testskolan:Allaeleveriåk1–3")
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&#34;mål&#34;)&lt;/script&gt; Trygghet &amp; studiero" in svg
    assert "Barn &amp; unga" in svg
    # The alt text names the chain in words.
    description = root.find(f"{SVG}desc")
    assert description is not None
    assert description.text is not None
    assert f"nämndens mål {HOSTILE_GOAL}, 1 åtagande (Testskolan)" in description.text
    assert "insatser: Läslyftet och Läsfixare" in description.text


def test_goal_map_picture_lines_join_the_right_boxes(repo: Path) -> None:
    _hostile(repo)
    root = ET.fromstring(_plan_picture(repo))
    lines = {
        (p.get("data-fran"), p.get("data-till"), p.get("class"))
        for p in root.iter(f"{SVG}path")
        if p.get("data-fran")
    }
    assert lines == {
        ("kf-barn-och-unga", "mal-hög-måluppfyllelse", "kedja"),
        ("kf-barn-och-unga", "mal-trygghet", "kedja"),
        ("mal-hög-måluppfyllelse", "atagande-testskolan-läsflyt", "kedja"),
        ("mal-trygghet", "atagande-testskolan-läsflyt", "kedja"),
        ("atagande-testskolan-läsflyt", "insats-testskolan-läsfixare", "kedja"),
        # Läslyftet names the goal itself: a dashed line, not one through an åtagande
        ("mal-hög-måluppfyllelse", "insats-läslyftet", "direkt"),
    }
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("class") == "direkt"]
    assert [p.get("stroke-dasharray") for p in dashed] == ["5 3"]


def test_goal_map_picture_is_deterministic(repo: Path) -> None:
    _hostile(repo)
    assert _plan_picture(repo) == _plan_picture(repo)


def test_a_goal_without_links_says_so_in_the_picture(repo: Path) -> None:
    append(
        repo,
        "plans/mal.yaml",
        "  - id: ekonomi\n    namn: Budget i balans\n    kf_målområde: barn-och-unga\n",
    )
    svg = _plan_picture(repo)
    assert 'id="mal-ekonomi"' in svg
    assert "Inga åtaganden eller insatser" in svg
    assert 'data-fran="mal-ekonomi"' not in svg  # no line onwards from the goal
    assert 'data-fran="kf-barn-och-unga" data-till="mal-ekonomi"' in svg


def _many(goals: int, commitments: int) -> Chain:
    areas = tuple(ChainArea(f"område-{a}", f"Målområde {a}") for a in range(goals))
    return Chain(
        SchoolYear(2025),
        areas,
        tuple(ChainGoal(f"mål-{g}", f"Mål nummer {g}", f"område-{g}") for g in range(goals)),
        tuple(
            ChainCommitment(
                f"enhet-{g}-{c}",
                f"Enhet {c}",
                "Ett åtagande med en text som är så lång att den bryts på flera rader.",
                (f"mål-{g}",),
                (),
            )
            for g in range(goals)
            for c in range(commitments)
        ),
        (),
    )


def test_many_goals_are_split_into_pictures_of_a_page_between_målområden() -> None:
    chain = _many(goals=12, commitments=4)
    found = parts(chain)
    assert len(found) > 1
    assert [g.id for p in found for g in p.goals] == [g.id for g in chain.goals]
    pictures = goal_map_pictures(chain)
    assert [p.name for p in pictures] == [f"malkarta-{n}.svg" for n in range(1, len(found) + 1)]
    assert pictures[0].title == f"Målkarta 2025/26, del 1 av {len(found)}"
    for picture in pictures:
        height = float(ET.fromstring(picture.svg).get("height", "0"))
        assert height <= MAX_HEIGHT
        assert not tall(picture)
    # A goal with more åtaganden than a page holds is split between them, its box repeated.
    long = goal_map_pictures(_many(goals=1, commitments=30))
    assert len(long) > 1
    assert not any(tall(p) for p in long)
    keys = [re.findall(r'<g id="(atagande-[^"]+)"', p.svg) for p in long]
    assert sorted(k for found in keys for k in found) == sorted(
        f"atagande-enhet-0-{c}" for c in range(30)
    )
    assert all('<g id="mal-mål-0"' in p.svg for p in long)
    assert "(forts.)" not in long[0].svg
    assert all("(forts.)" in p.svg for p in long[1:])
    # What cannot be split (forty insatser naming one goal) is fitted to the page's height.
    chain = _many(goals=1, commitments=1)
    many = tuple(ChainInitiative(f"insats-{i}", f"Insats {i}", ("mål-0",), ()) for i in range(40))
    (alone,) = goal_map_pictures(replace(chain, initiatives=many))
    assert tall(alone)


def _build_scorecard(root: Path, folder: Path) -> Path:
    result = build(
        root,
        BuildOptions(
            folder=folder,
            years=[SchoolYear(2025)],
            formats=("pdf", "html"),
            kinds=("malkort",),
            today=dt.date(2026, 3, 1),
        ),
    )
    assert result.ok, result.findings
    assert result.built == ["2025-26/huvudman/malkort/malkort"]
    return folder / "2025-26/huvudman/malkort"


@pytest.mark.parametrize("example", [".", "exempel/vaggeryd"], ids=["rot", "vaggeryd"])
def test_scorecard_builds_with_every_goal_and_outcome(example: str, tmp_path: Path) -> None:
    root = PROJECT / example
    goals = Repository(root).board_goals
    assert goals is not None
    assert goals.goals
    out = _build_scorecard(root, tmp_path / "bygg")
    # Typst sets a hyphen before a digit as a minus sign
    pdf = " ".join(pdf_text(out / "malkort.pdf").replace("\u2212", "-").split())
    html = html_text(out / "malkort.html")
    assert "Målkort 2025/26" in pdf
    outcomes = 0
    for goal in goals.goals:
        assert " ".join(goal.name.split()) in pdf, goal.id
        assert goal.name in html, goal.id
        for indicator in goal.indicators:
            for outcome in indicator.outcomes:
                outcomes += 1
                assert value_text(outcome.value) in pdf, (indicator.id, outcome.period)
    assert outcomes > 0
    assert "Målvärdet nått" in html
    assert "Enheternas åtaganden 2025/26" in html
    assert (out / "malkarta-1.svg").is_file()
    assert any(out.glob("mål-*.svg"))  # a chart per indikator


def test_scorecard_lists_each_goals_commitments_and_initiatives(repo: Path, tmp_path: Path) -> None:
    out = _build_scorecard(repo, tmp_path / "bygg")
    text = html_text(out / "malkort.html")
    goal = text[text.index("En verksamhet med hög måluppfyllelse Kommunfullmäktiges") :]
    parts_in_order = (
        "Andel elever i åk 9 behöriga till yrkesprogram (procent) 82,5 (2024/25) 84 "
        "90 (2027/28) ↑ bättre Inte ännu",
        "Enheternas åtaganden 2025/26",
        "Testskolan Alla elever i åk 1–3 läser dagligen med stöd.",
        "Insatser Läslyftet Läsfixare",
    )
    positions = [goal.index(part) for part in parts_in_order]
    assert positions == sorted(positions)


def test_scorecard_shows_outcomes_up_to_its_läsår(repo: Path, tmp_path: Path) -> None:
    result = build(
        repo,
        BuildOptions(
            folder=tmp_path / "bygg",
            years=[SchoolYear(2024)],
            formats=("html",),
            kinds=("malkort",),
            today=dt.date(2026, 3, 1),
        ),
    )
    assert result.ok, result.findings
    text = html_text(tmp_path / "bygg/2024-25/huvudman/malkort/malkort.html")
    assert "Målkort 2024/25" in text
    assert "Utfall 2025/26" not in text  # measured after the läsår
    assert "82,5 (2024/25) 90 (2027/28) – –" in text


def test_scorecard_is_built_for_the_current_läsår_where_goals_are_written(repo: Path) -> None:
    jobs = jobs_for(Repository(repo), None, ("malkort",), dt.date(2026, 3, 1))
    assert [j.id for j in jobs] == ["2025-26/huvudman/malkort/malkort"]
    later = jobs_for(Repository(repo), None, ("malkort",), dt.date(2026, 9, 1))
    assert [j.id for j in later] == ["2026-27/huvudman/malkort/malkort"]
    (repo / "plans/mal.yaml").unlink()
    assert jobs_for(Repository(repo), None, ("malkort",), dt.date(2026, 3, 1)) == []


def test_no_scorecard_without_goals(repo: Path, tmp_path: Path) -> None:
    (repo / "plans/mal.yaml").unlink()
    folder = tmp_path / "bygg"
    result = build(
        repo,
        BuildOptions(
            folder=folder, formats=("html",), kinds=("malkort",), today=dt.date(2026, 3, 1)
        ),
    )
    assert result.ok, result.findings
    assert result.built == []
    assert not list(folder.rglob("malkort*"))


def test_goal_map_picture_has_a_png_copy_for_word(repo: Path, tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "bygg"
    options = BuildOptions(
        folder=folder, formats=("docx",), kinds=("plan",), today=dt.date(2026, 3, 1)
    )
    result = build(repo, options)
    assert result.ok, result.findings
    assert (folder / "plan/malkarta-1.png").read_bytes().startswith(b"\x89PNG")
    with zipfile.ZipFile(folder / "plan/plan.docx") as word:
        media = [n for n in word.namelist() if n.startswith("word/media/")]
        pictures = [word.read(n) for n in media]
    assert (folder / "plan/malkarta-1.png").read_bytes() in pictures
