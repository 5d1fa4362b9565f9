"""`ska build`: the real pipeline (Jinja2, pandoc, Typst) on temporary repositories."""

from __future__ import annotations

import math
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any, cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ska import cli
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.render import builder, pagecheck
from ska.render.build import BuildOptions, Shard, build
from ska.render.builder import document_markdown
from ska.render.chartcache import ChartCache
from ska.render.context import unit_report
from ska.render.documents import Inputs
from tests.conftest import (
    AFTER_YEAR,
    html_text,
    in_fresh_process,
    pdf_text,
    replace_in,
    rule_findings,
    table_after,
    write,
)

GOLDEN = Path(__file__).parent / "golden"
REPORT_PATH = K.ORGANISER_REPORT.path(year=SchoolYear(2025))
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
# The reports and the plan; the årshjul has tests of its own (test_year_wheel.py).
DOCUMENTS = ("plan", "huvudmannarapport", "enhetsrapport")


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; SKA_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("SKA_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"kör SKA_UPDATE_GOLDEN=1 pytest för {name}"


def unit_markdown(root: Path, year: str = "2025/26") -> str:
    repo = Repository(root)
    inputs = Inputs(root, 10, AFTER_YEAR, ChartCache(root / ".diagram-test"))
    school_year = SchoolYear.parse(year)
    results = inputs.results(repo, school_year)
    prepared = unit_report(repo, "testskolan", school_year, 10, inputs.unit_charts, results)
    assert prepared is not None
    return document_markdown(root, "enhetsrapport.md.j2", prepared)


def test_unit_report_markdown(repo: Path) -> None:
    golden("enhetsrapport.md", unit_markdown(repo))


def test_the_report_names_the_rektor_at_its_own_date(repo: Path) -> None:
    """A report of a läsår when another rektor led the unit names that rektor, not
    today's (enhet.yaml's rektorer:)."""
    replace_in(
        repo,
        "units/testskolan/enhet.yaml",
        "rektor: Karin Alm\n",
        "rektorer:\n  - {namn: Karin Alm, till: 2026-07-31}\n"
        "  - {namn: Lars Holm, från: 2026-08-01}\n",
    )
    assert re.search(r"\| Rektor +\| Karin Alm +\|", unit_markdown(repo))
    # A report whose date is not stated names today's rektor.
    replace_in(repo, REPORT, "datum: 2026-06-24", "datum: ej angivet")
    assert re.search(r"\| Rektor +\| Lars Holm +\|", unit_markdown(repo))


def test_built_pdf_is_accessible(repo: Path, tmp_path: Path) -> None:
    result = build(repo, BuildOptions(folder=tmp_path / "bygg", formats=("pdf",), kinds=DOCUMENTS))
    assert result.findings == []
    assert sorted(result.built) == [
        "2024-25/testskolan/kvalitetsrapport",
        "2025-26/huvudman/grundskola/kvalitetsrapport",
        "2025-26/testskolan/kvalitetsrapport",
        "plan/plan",
    ]
    reader = PdfReader(tmp_path / "bygg/2025-26/testskolan/kvalitetsrapport.pdf")
    catalog = reader.root_object
    assert bool(cast(DictionaryObject, catalog["/MarkInfo"])["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("sv")
    assert bool(cast(DictionaryObject, catalog["/ViewerPreferences"])["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "Kvalitetsrapport 2025/26 – Testskolan"
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Testskolan" in text
    assert "2025/26" in text
    assert "/Outlines" in catalog


def test_every_format_and_the_index(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    result = build(repo, BuildOptions(folder=folder, kinds=DOCUMENTS))
    assert result.ok
    for suffix in ("md", "typ", "pdf", "html", "docx"):
        assert (folder / f"2025-26/testskolan/kvalitetsrapport.{suffix}").is_file()
    html = (folder / "2025-26/testskolan/kvalitetsrapport.html").read_text(encoding="utf-8")
    assert '<html lang="sv-SE">' in html
    with zipfile.ZipFile(folder / "2025-26/testskolan/kvalitetsrapport.docx") as word:
        body = word.read("word/document.xml").decode("utf-8")
        media = [n for n in word.namelist() if n.startswith("word/media/")]
    assert ">Innehåll<" in body  # the contents' heading in Swedish
    assert "Table of Contents</w:t>" not in body
    assert all(n.endswith(".png") for n in media)  # charts as PNG, which every Word shows
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in index
    assert 'href="2025-26/testskolan/kvalitetsrapport.pdf"' in index
    assert "Kvalitetsrapport 2025/26, Testskolan" in index


def test_second_build_does_nothing_and_a_change_rebuilds_one(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, formats=("pdf",), kinds=DOCUMENTS))
    pdf = folder / "2024-25/testskolan/kvalitetsrapport.pdf"
    before = pdf.stat().st_mtime_ns
    again = build(repo, BuildOptions(folder=folder, formats=("pdf",), kinds=DOCUMENTS))
    assert again.built == []
    assert len(again.unchanged) == 4
    replace_in(repo, REPORT, "Skolan har 280 elever.", "Skolan har 281 elever.")
    changed = build(repo, BuildOptions(folder=folder, formats=("pdf",), kinds=DOCUMENTS))
    assert changed.built == ["2025-26/testskolan/kvalitetsrapport"]
    assert pdf.stat().st_mtime_ns == before


def test_fewer_formats_after_a_build_build_nothing_and_more_build_the_missing(
    repo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "bygg"
    first = build(repo, BuildOptions(folder=folder, formats=("html", "docx"), kinds=("plan",)))
    assert first.built == ["plan/plan"]
    fewer = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=("plan",)))
    assert (fewer.built, fewer.unchanged) == ([], ["plan/plan"])
    more = build(repo, BuildOptions(folder=folder, formats=("html", "pdf"), kinds=("plan",)))
    assert more.built == ["plan/plan"]
    assert (folder / "plan/plan.pdf").stat().st_size > 0
    every = build(repo, BuildOptions(folder=folder, formats=("pdf",), kinds=("plan",)))
    assert every.built == []


def test_a_no_op_build_reads_and_renders_nothing(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bygg"
    first = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))

    def untouchable(*args: object) -> None:
        raise AssertionError("a no-op build must not read the repository")

    monkeypatch.setattr(builder, "Repository", untouchable)
    again = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))
    assert (again.built, sorted(again.unchanged)) == ([], sorted(first.built))
    assert again.outputs == first.outputs
    monkeypatch.undo()
    (folder / "plan/plan.html").unlink()  # a missing output is rebuilt
    assert build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS)).built == [
        "plan/plan"
    ]


def test_a_no_op_build_loads_no_rendering_code(repo: Path) -> None:
    """`ska build` with nothing to do pays for the inputs' snapshot, not for importing
    the templates, the converters, the rules and the charts: in a fresh process it loads
    none of them, and the first build, which has work, does. In git, as a kommun works
    (the build asks git about each file, and git rewrites its index meanwhile)."""
    from tests.test_gitinfo import commit, init_git

    init_git(repo)
    commit(repo, "2025-09-01")
    os.utime(repo / "plans/huvudman.yaml")  # same content, new stat: git refreshes its index
    heavy = ["ska.render.builder", "ska.rules.catalog", "jinja2", "typst"]
    args = ["build", "rapporter", "-f", "html", "--rot", str(repo)]
    (_, first), (printed, again) = (in_fresh_process(args, heavy) for _ in range(2))
    assert first == f"0 {heavy!r}"
    assert again == "0 []"
    assert any("0 dokument byggda," in line for line in printed)


def test_a_broken_manifest_means_rebuild(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))
    (folder / ".ska-bygg.json").write_text("{inte json", encoding="utf-8")
    assert (
        len(build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS)).built) == 4
    )


def test_shards_split_the_documents(repo: Path, tmp_path: Path) -> None:
    first = build(
        repo,
        BuildOptions(folder=tmp_path / "a", formats=("html",), shard=Shard(1, 2), kinds=DOCUMENTS),
    )
    second = build(
        repo,
        BuildOptions(folder=tmp_path / "b", formats=("html",), shard=Shard(2, 2), kinds=DOCUMENTS),
    )
    assert first.built == ["plan/plan", "2024-25/testskolan/kvalitetsrapport"]
    assert second.built == [
        "2025-26/huvudman/grundskola/kvalitetsrapport",
        "2025-26/testskolan/kvalitetsrapport",
    ]


def test_template_error_names_file_and_line(repo: Path, tmp_path: Path) -> None:
    write(repo, "templates/enhetsrapport.md.j2", "---\ntitle: x\n---\n\n{{ enhet.finns_inte }}\n")
    result = build(repo, BuildOptions(folder=tmp_path / "bygg", formats=("html",), kinds=DOCUMENTS))
    assert next((f.path, f.line, f.rule, f.message) for f in result.findings) == (
        "templates/enhetsrapport.md.j2",
        5,
        "BYGG-mall",
        "Mallen gick inte att fylla i: 'dict object' har inget fält 'finns_inte'.",
    )
    assert result.built == ["plan/plan", "2025-26/huvudman/grundskola/kvalitetsrapport"]


def test_content_is_data_not_code(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        "Skolan har {{ 7*7 }} elever {% raw %}och{% endraw %}.\n\n"
        '```{=typst}\n#read("/etc/passwd")\n```\n\n<script>alert(1)</script>',
    )
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS)).ok
    page = folder / "2025-26/testskolan/kvalitetsrapport.html"
    text = html_text(page)
    assert "Skolan har {{ 7*7 }} elever {% raw %}och{% endraw %}." in text
    assert "<script>alert(1)</script>" in text  # shown as words, not run
    assert "49" not in text
    assert pagecheck.problems(page.read_text(encoding="utf-8")) == []


def test_raw_blocks_never_reach_typst_or_html(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        '```{=typst}\n#read("/etc/passwd")\n```\n\n<script>alert(1)</script>',
    )
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, formats=("pdf", "html"), kinds=DOCUMENTS)).ok
    typ = (folder / "2025-26/testskolan/kvalitetsrapport.typ").read_text(encoding="utf-8")
    assert '\n#read("/etc/passwd")' not in typ.replace('```\n#read("/etc/passwd")', "")
    pdf = pdf_text(folder / "2025-26/testskolan/kvalitetsrapport.pdf")
    assert '#read("/etc/passwd")' in pdf  # shown as written, as code
    assert "root:" not in pdf
    html = (folder / "2025-26/testskolan/kvalitetsrapport.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html


def test_build_command(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ut"
    args = ["build", "rapporter", "--rot", str(repo), "--bygg", str(folder), "-f", "html"]
    args += ["--lasar", "2025/26"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "2 dokument byggda, 0 oförändrade." in out
    assert cli.main(args) == 0
    assert "0 dokument byggda, 2 oförändrade." in capsys.readouterr().out
    assert cli.main([*args[:-2], "-f", "odt"]) == 2
    assert cli.main([*args, "--shard", "3/2"]) == 2
    assert cli.main([*args, "--datum", "2026-13-01"]) == 2


def test_build_acts_on_the_day_it_is_given(repo: Path, tmp_path: Path) -> None:
    """The start page's state of things follows --datum, as validate and status do."""
    folder = tmp_path / "ut"
    args = ["build", "arshjul", "--rot", str(repo), "--bygg", str(folder), "-f", "html"]
    assert cli.main([*args, "--datum", "2026-03-01"]) == 0
    during = html_text(folder / "index.html")
    assert "Läsåret 2025/26 (pågår) Försenat" in during
    assert cli.main([*args, "--datum", "2026-08-15"]) == 0
    after = html_text(folder / "index.html")
    assert "Läsåret 2026/27 (pågår) Försenat" in after
    assert "2025/26 (pågår)" not in after


def organiser_markdown(root: Path) -> str:
    from ska.render.organiser import FORMS, organiser_report

    inputs = Inputs(root, 10, AFTER_YEAR, ChartCache(root / ".diagram-test"))
    form = next(f for f in FORMS if f.id == "grundskola")
    repo = Repository(root)
    year = SchoolYear(2025)
    results = inputs.results(repo, year)
    prepared = organiser_report(
        repo, REPORT_PATH, form, year, 10, inputs.compared, inputs.status, results
    )
    assert prepared is not None
    return document_markdown(root, "huvudmannarapport.md.j2", prepared)


def test_organiser_report_markdown(repo: Path) -> None:
    golden("huvudmannarapport.md", organiser_markdown(repo))


def test_organiser_report_compares_units_and_hides_small_groups(repo: Path) -> None:
    shutil.copytree(repo / "units/testskolan", repo / "units/byskolan")
    replace_in(repo, "units/byskolan/enhet.yaml", "namn: Testskolan", "namn: Byskolan")
    replace_in(repo, "units/byskolan/enhet.yaml", '"39671234"', '"39671235"')
    write(
        repo,
        "units/byskolan/2025-26/resultat/screening.csv",
        "mått,termin,grupp,kön,antal,totalt\nLäsflyt över gränsvärdet,ht2025,åk 2,alla,5,8\n",
    )
    text = organiser_markdown(repo)
    assert table_after(text, "## Läsflyt över gränsvärdet, åk 2, ht2025") == [
        ["Enhet", "Resultat", "Antal"],
        ["Byskolan", "..", "8"],
        ["Testskolan", "65 %", "40"],
    ]
    assert "5 av 8" not in text
    assert "- **Byskolan:** Läsflytet i åk 2 behöver stärkas." in text


def test_organiser_reports_per_verksamhetsform(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo,
        "plans/huvudman.yaml",
        "skolformer: [förskoleklass,",
        "skolformer: [förskola, förskoleklass,",
    )
    shutil.copytree(repo / "units/testskolan", repo / "units/förskolan")
    write(
        repo,
        "units/förskolan/enhet.yaml",
        "namn: Förskolan\ntyp: förskoleenhet\nskolformer: [förskola]\nrektor: Karin Alm\n",
    )
    result = build(
        repo,
        BuildOptions(
            folder=tmp_path / "bygg", formats=("html",), years=[SchoolYear(2025)], kinds=DOCUMENTS
        ),
    )
    assert [b for b in result.built if "huvudman" in b] == [
        "2025-26/huvudman/forskola/kvalitetsrapport",
        "2025-26/huvudman/grundskola/kvalitetsrapport",
    ]


def test_built_pdfs_pass_the_accessibility_rules(repo: Path) -> None:
    assert build(
        repo, BuildOptions(formats=("pdf",), kinds=DOCUMENTS)
    ).ok  # into bygg/, where the DOS rules look
    assert sorted((repo / "bygg").rglob("*.pdf"))
    for rule in ("DOS-pdf-tillganglighet", "DOS-pdf-tillganglighet-rekommendation"):
        assert rule_findings(repo, rule) == []


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example municipality built as PDF, once for the tests below."""
    from tests.conftest import PROJECT

    folder = tmp_path_factory.mktemp("exempel") / "bygg"
    result = build(PROJECT, BuildOptions(folder=folder, formats=("pdf",), today=AFTER_YEAR))
    assert result.findings == []
    assert len(result.built) >= 20
    return folder


def test_every_example_pdf_is_tagged_a4_titled_and_swedish(example_pdfs: Path) -> None:
    pdfs = sorted(example_pdfs.rglob("*.pdf"))
    assert len(pdfs) >= 20
    for pdf in pdfs:
        reader = PdfReader(pdf)
        catalog = reader.root_object
        assert bool(cast(DictionaryObject, catalog["/MarkInfo"])["/Marked"]), pdf
        assert "/StructTreeRoot" in catalog, pdf
        assert str(catalog["/Lang"]).startswith("sv"), pdf
        assert reader.metadata is not None
        assert reader.metadata.title, pdf
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), pdf


def test_every_example_unit_report_names_its_unit_and_year(example_pdfs: Path) -> None:
    from tests.conftest import PROJECT

    repo = Repository(PROJECT)
    for pdf in sorted(example_pdfs.glob("20*/*/kvalitetsrapport.pdf")):
        year, unit_id = pdf.parent.parent.name, pdf.parent.name
        unit = repo.unit(unit_id)
        assert unit is not None
        first_pages = "".join(p.extract_text() for p in PdfReader(pdf).pages[:3])
        assert unit.name in first_pages, pdf
        assert year.replace("-", "/") in first_pages, pdf


def test_a_partial_build_keeps_the_other_documents_in_the_index(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, formats=("html",), kinds=DOCUMENTS))
    build(
        repo,
        BuildOptions(
            folder=folder, formats=("html",), kinds=("arshjul",), years=[SchoolYear(2025)]
        ),
    )
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="2025-26/testskolan/kvalitetsrapport.html"' in index
    assert 'href="2025-26/arshjul/arshjul.html"' in index


def test_a_flag_puts_its_analysis_questions_in_the_report(repo: Path) -> None:
    replace_in(repo, "plans/jämförelser/riket.csv", "alla,66.5", "alla,80")
    text = unit_markdown(repo)
    assert "## Resultat som analysen ska ta upp" in text
    assert (
        "**Under jämförelse.** Läsflyt över gränsvärdet, åk 2: 65 % ht2025 jämfört med riket "
        "80 %, 15 procentenheter lägre." in text
    )
    assert "- Vad kan vi lära av enheter med bättre resultat, i kommunen eller i riket?" in text
    organiser_text = organiser_markdown(repo)
    assert "# Resultat som sticker ut" in organiser_text
    assert (
        "| Testskolan | under jämförelse | Läsflyt över gränsvärdet, åk 2: 65 %" in organiser_text
    )
    assert [f.message for f in rule_findings(repo, "AR-analys-flaggade-resultat")] == [
        "Analysen tar inte upp det flaggade resultatet (under jämförelse): Läsflyt över "
        "gränsvärdet, åk 2: 65 % ht2025 jämfört med riket 80 %, 15 procentenheter lägre."
    ]
    replace_in(
        repo,
        REPORT,
        "Ökningen jämfört med förra läsåret",
        "Läsflytet ligger under riket. Ökningen jämfört med förra läsåret",
    )
    assert rule_findings(repo, "AR-analys-flaggade-resultat") == []


# What Markdown looks like when it reaches a reader as text instead of as structure: a
# heading's hashes, strong emphasis, a table's pipes or rule, an escaped character.
MARKDOWN_LEFT = re.compile(r"(^|\s)#{1,6}\s|\*\*|\|\s*:?-{3}|(^|\s)\|(\s|$)|\\[#*|_\[\]`]")


def _folded(word: str) -> str:
    return word.casefold().translate(str.maketrans("åäöéü", "aaoeu"))


def _source_words(root: Path) -> tuple[set[str], set[str]]:
    """Every word the example's own text spells with å, ä or ö (folded to plain
    letters), and every word it spells without (casefolded). Import settings, which
    name files, are no text."""
    spelled, plain = set(), set()
    for path in [*root.glob("units/**/*"), *root.glob("plans/**/*")]:
        if path.suffix not in {".md", ".yaml", ".csv"} or "import" in path.parts:
            continue
        for word in re.findall(r"\w+", path.read_text(encoding="utf-8")):
            if any(c in word.casefold() for c in "åäö"):
                spelled.add(_folded(word))
            else:
                plain.add(word.casefold())
    return spelled, plain


def _outline(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


def _read(page: Any) -> tuple[str, list[tuple[float, float, str]]]:
    """A page's text, and each piece of it with its left edge and an estimate of its right
    one (a glyph taken as a third of the font size wide, about the average of a Latin text
    face); one pass over the page, as reading a PDF is the slow part."""
    spans: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            spans.append((x, x + len(text.rstrip()) * size * scale * 0.35, text))

    return page.extract_text(visitor_text=visit), spans


def _overflowing(page: Any, spans: list[tuple[float, float, str]]) -> list[str]:
    """Text that reaches beyond the page's edge (a table wider than the page)."""
    width = float(page.mediabox.width)
    return [t for x0, x1, t in spans if x0 < 0 or x1 > width]


def test_example_pdfs_show_structure_not_markdown(example_pdfs: Path) -> None:
    """What a reader of the PDFs sees: no Markdown syntax left as text (the effektkedja
    once printed `### …` after a bullet, and the completeness table `|` between its
    headings), headings spelled with å, ä and ö where the sources spell them so (they
    once came from file names), and no text beyond the page's edge."""
    from tests.conftest import PROJECT

    spelled, plain = _source_words(PROJECT)
    pdfs = sorted(example_pdfs.rglob("*.pdf"))
    assert len(pdfs) >= 20
    problems: list[str] = []
    for pdf in pdfs:
        name = pdf.relative_to(example_pdfs).as_posix()
        reader = PdfReader(pdf)
        for number, page in enumerate(reader.pages, start=1):
            text, spans = _read(page)
            for line in text.splitlines():
                if MARKDOWN_LEFT.search(line):
                    problems.append(f"{name} s. {number}: Markdown som text: {line!r}")
            problems += [
                f"{name} s. {number}: utanför sidan: {t!r}" for t in _overflowing(page, spans)
            ]
        titles = _outline(reader)
        assert titles, name
        for title in titles:
            for word in re.findall(r"\w+", title):
                bare = word.casefold()
                if bare == _folded(word) and bare in spelled and bare not in plain:
                    problems.append(f"{name}: rubriken {title!r} saknar å, ä eller ö i {word!r}")
    assert problems == []


def test_the_checks_see_the_defects_they_are_for() -> None:
    """The patterns above catch what the reports once printed."""
    once = [
        "ren från 12 till 4 procentenheter. \\### Resultaten från screeningen",
        "### Normer och värden",
        "EnhetPlanering | Uppföljning",
        "|---|---|",
        "**Läsning åk 1–3.**",
    ]
    assert all(MARKDOWN_LEFT.search(line) for line in once)
    fine = ["Läsning åk 1–3. 74 % nådde riktmärket", "Nr 12, 13 och 14", "F–3 | alla"[:3]]
    assert not any(MARKDOWN_LEFT.search(line) for line in fine)


def test_result_headings_are_spelled_as_swedish_is() -> None:
    """A results file's name has no å, ä or ö; its heading has them, from the file's
    own measures first, else from the common words ska knows."""
    from ska.results.tables import table_title

    assert table_title("lasscreening") == "Lässcreening"
    assert table_title("sprakscreening") == "Språkscreening"
    assert table_title("narvaro") == "Närvaro"
    assert table_title("nationella-prov") == "Nationella prov"
    assert table_title("kunskapsresultat") == "Kunskapsresultat"


def test_results_overview_has_a_column_per_occasion() -> None:
    """The overview pivots a results file: a row per measure and group, a column per
    occasion (taken from the measure's name when it ends with a month), small groups
    hidden as in the full table."""
    from ska.model.results import ResultRow
    from ska.model.types import SchoolYear
    from ska.results.published import PublishedRow
    from ska.results.tables import pivot_table
    from ska.suppression import Reason

    def row(measure: str, term: str, gender: str, count: int, total: int) -> ResultRow:
        return ResultRow.model_validate(
            {"mått": measure, "termin": term, "grupp": "åk 1", "kön": gender}
            | {"antal": count, "totalt": total}
        )

    rows = [
        row("Lässcreening: når riktmärket (september)", "ht2025", "alla", 20, 40),
        row("Lässcreening: når riktmärket (maj)", "vt2026", "alla", 30, 40),
        row("Lässcreening: når riktmärket (maj)", "vt2026", "flickor", 15, 20),
        row("Matematikscreening: når riktmärket (maj)", "vt2026", "alla", 3, 4),
    ]
    # the decision (ska.results.published) hides the group of four
    published = [
        PublishedRow(
            "enheten",
            SchoolYear.parse("2025/26"),
            "screening.csv",
            line,
            r,
            Reason.PRIMARY if r.total < 5 else None,
        )
        for line, r in enumerate(rows, start=2)
    ]
    table = pivot_table("Screening", published).markdown
    lines = table.splitlines()
    assert lines[0].split(" | ")[2:4] == ["sep 2025", "maj 2026"]
    assert "| Lässcreening: når riktmärket | åk 1 | 50 % | 75 % | 40 |" in table
    assert "| Matematikscreening: når riktmärket | åk 1 | – | .. | 4 |" in table
    assert len(lines) == 4


def test_the_huvudmans_text_is_narrowed_to_each_verksamhetsform() -> None:
    """A paragraph opening with a form's name in bold starts that form's part; other
    forms' parts are left out of the form's report, with every line kept in place."""
    from ska.render.organiser import FORMS, for_form

    text = (
        "Gemensam inledning.\n\n"
        "**Förskola.** TRAS ökade.\n\nFler barn deltog.\n\n"
        "**Komvux.** Färre avbrott.\n"
    )
    form = {f.id: f for f in FORMS}
    preschool, shared = for_form(text, form["forskola"])
    assert not shared
    assert "TRAS ökade" in preschool
    assert "Fler barn deltog" in preschool
    assert "Färre avbrott" not in preschool
    assert preschool.count("\n") == text.count("\n")
    adult, _ = for_form(text, form["komvux"])
    assert "Gemensam inledning" in adult
    assert "Färre avbrott" in adult
    assert "TRAS" not in adult
    assert for_form("Bara gemensamt.\n\n**Analys.** Text.", form["komvux"])[1]


def test_each_example_huvudman_report_keeps_its_own_results(tmp_path: Path) -> None:
    from ska.render.organiser import FORMS, organiser_report
    from tests.conftest import PROJECT

    repo = Repository(PROJECT)
    inputs = Inputs(PROJECT, 5, AFTER_YEAR, ChartCache(tmp_path / "diagram"))
    year = SchoolYear(2025)
    texts = {}
    for form in (f for f in FORMS if f.id in ("forskola", "komvux")):
        prepared = organiser_report(
            repo, REPORT_PATH, form, year, 5, inputs.compared, inputs.status
        )
        assert prepared is not None
        texts[form.id] = document_markdown(PROJECT, "huvudmannarapport.md.j2", prepared)
    assert "**Förskola.**" in texts["forskola"]
    assert "**Komvux.**" not in texts["forskola"]
    assert "**Komvux.**" in texts["komvux"]
    assert "*Gemensamt för alla verksamhetsformer.*" in texts["komvux"]
    assert texts["forskola"] != texts["komvux"]
