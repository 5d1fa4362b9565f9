"""The plan för det systematiska kvalitetsarbetet: its Markdown and its PDF/UA."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.gaps import rendering
from ska.model.initiative import Initiative
from ska.render.build import BuildOptions, build
from ska.render.builder import document_markdown
from ska.render.plan import plan_document
from tests.conftest import PROJECT, html_text, replace_in

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; SKA_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("SKA_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"kör SKA_UPDATE_GOLDEN=1 pytest för {name}"


def plan_markdown(root: Path, today: dt.date | None = None) -> str:
    prepared = plan_document(Repository(root), today)
    assert prepared is not None
    return document_markdown(root, "plan.md.j2", prepared)


def test_plan_markdown(repo: Path) -> None:
    golden("plan.md", plan_markdown(repo))


def test_plan_sources_are_the_files_read(repo: Path) -> None:
    prepared = plan_document(Repository(repo))
    assert prepared is not None
    assert prepared.sources == [
        "plans/arshjul.yaml",
        "plans/fokusomraden.yaml",
        "plans/huvudman.yaml",
        "plans/insatser/läslyftet.yaml",
        "plans/kaa/2026.yaml",
        "plans/klagomalsrutin.md",
        "plans/mal.yaml",
        # the målkarta: the units' åtaganden and their insatser
        "units/testskolan/2025-26/utvecklingsplan.yaml",
        "units/testskolan/insatser/testskolan-läsfixare.yaml",
    ]
    assert list(prepared.assets) == ["malkarta-1.svg"]  # the målkarta picture


def test_no_plan_without_a_huvudman_but_a_plan_despite_an_error(repo: Path) -> None:
    replace_in(repo, "plans/huvudman.yaml", "typ: kommun", "typ: okänd")
    with rendering():  # as ska build prepares it: the broken value shows as a marker
        assert plan_document(Repository(repo)) is not None
    (repo / "plans/huvudman.yaml").unlink()
    assert plan_document(Repository(repo)) is None


def test_optional_files_may_be_missing(repo: Path) -> None:
    for rel in ("mal.yaml", "fokusomraden.yaml", "arshjul.yaml", "klagomalsrutin.md"):
        (repo / "plans" / rel).unlink()
    for rel in ("kaa/2025.yaml", "kaa/2026.yaml", "insatser/läslyftet.yaml"):
        (repo / "plans" / rel).unlink()
    text = plan_markdown(repo)
    assert "Planen har inga pågående insatser på huvudmannanivå." in text
    for heading in ("Nämndens mål", "Årshjul", "Klagomål", "Kommunala aktivitetsansvaret"):
        assert heading not in text


def test_ended_insatser_are_left_out(repo: Path) -> None:
    replace_in(
        repo,
        "plans/insatser/läslyftet.yaml",
        "start: 2026-01, slut: 2026-12",
        "start: 2025-01, slut: 2025-12",
    )
    assert "Läslyftet" not in plan_markdown(repo)


def test_plan_of_the_example_municipality() -> None:
    text = plan_markdown(PROJECT)
    repo = Repository(PROJECT)
    organiser = repo.organiser
    assert organiser is not None
    assert organiser.vision.text in text
    titles = [
        ins.title
        for path, located in repo.files.items()
        if located.kind is K.INITIATIVE and (ins := repo.model(path, Initiative)) is not None
    ]
    assert len(titles) == 14
    for title in titles:
        assert f"### {title}\n" in text
    assert "| Månad | Händelse | Typ | Nivå | Ansvarig |" in text
    months = re.findall(r"^\| (\w+) \| ", text.split("# Årshjul", 1)[1], re.MULTILINE)
    order = list(dict.fromkeys(m for m in months if m not in ("Månad", "Fil")))
    assert order == [
        "Juli", "Augusti", "September", "Oktober", "November", "December", "Januari",
        "Februari", "Mars", "April", "Maj", "Juni",
    ]  # fmt: skip
    assert "| November | Processdialog (november–februari) | Dialog | Huvudman |" in text
    assert "| Februari | Processdialog (november–februari) |" in text
    assert "Rektor för vuxenutbildningen ansvarar för aktivitetsansvaret." in text
    assert "<https://www.svenljunga.se/klagomal>" in text
    headings = [len(m) for m in re.findall(r"^(#+) ", text, re.MULTILINE)]
    assert headings[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))


def test_the_plan_names_the_läsår_going_on_when_it_is_built() -> None:
    """The plan in force from 1 January 2026, built in December 2026: its årshjul is the
    one of läsåret 2026/27; built before it is in force, of the läsår it starts in."""
    assert "här för läsåret 2026/27." in plan_markdown(PROJECT, dt.date(2026, 12, 2))
    assert "här för läsåret 2025/26." in plan_markdown(PROJECT, dt.date(2025, 12, 20))


def test_content_is_data_not_code(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo,
        "plans/insatser/läslyftet.yaml",
        "syfte: Förbättra språkutveckling och läsfrämjande arbete.",
        'syfte: "Förbättra {{ 7*7 }} och {% raw %}x{% endraw %} *fet* <b>"',
    )
    replace_in(repo, "plans/huvudman.yaml", "Här skapar vi det goda livet.", "Vi är {{ 7*7 }}.")
    result = build(repo, BuildOptions(folder=tmp_path / "bygg", formats=("html",), kinds=("plan",)))
    assert result.ok
    text = html_text(tmp_path / "bygg/plan/plan.html")
    assert "Förbättra {{ 7*7 }} och {% raw %}x{% endraw %} *fet* <b>" in text
    assert "”Vi är {{ 7*7 }}.”" in text
    assert "49" not in text


@pytest.mark.parametrize("root", ["minimal", "example"])
def test_plan_compiles_to_pdf_ua(root: str, repo: Path, tmp_path: Path) -> None:
    source = repo if root == "minimal" else PROJECT
    prepared = plan_document(Repository(source))
    assert prepared is not None
    result = build(
        source, BuildOptions(folder=tmp_path / "bygg", formats=("pdf",), kinds=("plan",))
    )
    assert result.ok, result.findings
    pdf = tmp_path / "bygg/plan/plan.pdf"
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    assert isinstance(catalog, DictionaryObject)
    marked = catalog["/MarkInfo"]
    assert isinstance(marked, DictionaryObject)
    assert bool(marked["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("sv")
    assert reader.metadata is not None
    title = reader.metadata.title or ""
    assert title.startswith("Plan för det systematiska kvalitetsarbetet 2026 – ")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Årshjul för kvalitetsarbetet" in text
    assert "Kommunala aktivitetsansvaret" in text
