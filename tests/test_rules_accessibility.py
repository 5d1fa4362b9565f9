"""Accessibility rules: Markdown sources, and real PDFs built with Typst and pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from ska.findings import Severity
from ska.rules.sources import sentence_texts, sentences
from tests.conftest import append, rule_findings, rule_messages, write

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
PDF_RULE = "DOS-pdf-tillganglighet"
ADVICE_RULE = "DOS-pdf-tillganglighet-rekommendation"


def with_body(root: Path, rel: str, body: str) -> None:
    """Keep a report's front matter and replace its body."""
    text = (root / rel).read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    write(root, rel, text[:end] + body)


# -- DOS-kallor-markdown -----------------------------------------------------------------


def test_markdown_sources_pass(repo: Path) -> None:
    assert rule_messages(repo, "DOS-kallor-markdown") == []


INACCESSIBLE = """
#### Detaljer
![](diagram.png)
Läs mer [här](https://example.se) och [Klicka här!](https://example.se).

|   |   |
|---|---|
| 1 | 2 |

```
#### Kod är ingen rubrik, ![](kod.png) ingen bild
```
<!-- ###### inte heller i en kommentar -->
"""


def test_markdown_sources_fail(repo: Path) -> None:
    line = append(repo, REPORT, INACCESSIBLE)
    assert rule_messages(repo, "DOS-kallor-markdown") == [
        (REPORT, line + 1, "Rubriken 'Detaljer' hoppar från nivå 2 till nivå 4."),
        (REPORT, line + 2, "Bilden 'diagram.png' saknar alternativtext."),
        (REPORT, line + 3, "Länktexten 'här' säger inte vart länken leder."),
        (REPORT, line + 3, "Länktexten 'Klicka här' säger inte vart länken leder."),
        (REPORT, line + 5, "Tabellen saknar rubrikrad."),
    ]


def test_first_heading_may_not_start_below_level_two(repo: Path) -> None:
    path = "plans/klagomalsrutin.md"
    line = append(repo, path, "### Så gör du\nSkriv till oss.\n")
    assert rule_messages(repo, "DOS-kallor-markdown") == [
        (path, line, "Rubriken 'Så gör du' är på nivå 3 utan någon rubrik på nivå 2 före.")
    ]


def test_hard_reading_is_a_note(repo: Path) -> None:
    sentence = (
        "Verksamhetsutvecklingen kännetecknas av kvalitetsförbättringar, "
        "kompetensutvecklingsinsatser och organisationsförändringar som sammantaget "
        "förutsätter systematiska uppföljningsrutiner, gemensamma analysmodeller och "
        "kontinuerliga avstämningar mellan huvudmannanivå och enhetsnivå beträffande "
        "måluppfyllelse, likvärdighet och resursfördelning.\n"
    )
    with_body(repo, REPORT, "## Analys\n" + sentence * 4)
    found = rule_findings(repo, "DOS-kallor-markdown")
    assert [(f.path, f.line, f.severity, f.message) for f in found] == [
        (
            REPORT,
            None,
            Severity.INFO,
            "Rapportens läsbarhetsindex (LIX) är 99, över 60: texten är mycket svår att läsa.",
        )
    ]


# -- DOS-pdf-tillganglighet --------------------------------------------------------------

SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'  # noqa: E501

ACCESSIBLE = """
#set document(title: "Kvalitetsrapport 2025/26")
#set text(lang: "sv")
= Resultat
Andelen elever som når gränsvärdet ökade.
#figure(image("ruta.svg", alt: "En svart ruta"), caption: [Ruta])
#table(columns: 2, table.header[Årskurs][Andel], [åk 2], [78 %])
"""

UNTITLED = """
Andelen elever som når gränsvärdet ökade.
#image("ruta.svg")
"""


def build(root: Path, sources: Path, name: str, source: str, ua: bool = False) -> Path:
    """Compile a Typst document into the repository's build folder, as PDF/UA-1 if `ua`."""
    sources.mkdir(exist_ok=True)
    (sources / "ruta.svg").write_text(SQUARE, encoding="utf-8")
    (sources / f"{name}.typ").write_text(source, encoding="utf-8")
    output = root / "bygg" / f"{name}.pdf"
    output.parent.mkdir(exist_ok=True)
    source_path = str(sources / f"{name}.typ")
    if ua:
        typst.compile(source_path, output=str(output), pdf_standards="ua-1")
    else:
        typst.compile(source_path, output=str(output))
    return output


def test_pdf_passes_without_a_build_folder(repo: Path) -> None:
    assert rule_messages(repo, PDF_RULE) == []
    assert rule_messages(repo, ADVICE_RULE) == []


def test_accessible_pdf_passes(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "src", "rapport", ACCESSIBLE, ua=True)
    assert rule_messages(repo, PDF_RULE) == []
    assert rule_messages(repo, ADVICE_RULE) == []


def test_pdf_without_title_and_alt_text(repo: Path, tmp_path: Path) -> None:
    build(repo, tmp_path / "src", "rapport", UNTITLED)
    assert rule_messages(repo, PDF_RULE) == [
        ("bygg/rapport.pdf", None, "PDF-filen saknar dokumenttitel."),
        (
            "bygg/rapport.pdf",
            None,
            "PDF-läsaren visar filnamnet i stället för titeln (DisplayDocTitle saknas).",
        ),
        ("bygg/rapport.pdf", None, "1 bild i PDF-filen saknar alternativtext (/Alt)."),
    ]


def test_untagged_pdf_without_text(repo: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    (repo / "bygg").mkdir()
    with (repo / "bygg" / "skannad.pdf").open("wb") as file:
        writer.write(file)
    assert rule_messages(repo, PDF_RULE) == [
        (
            "bygg/skannad.pdf",
            None,
            "PDF-filen är inte taggad: strukturträd (StructTreeRoot) eller markering "
            "(MarkInfo/Marked) saknas.",
        ),
        ("bygg/skannad.pdf", None, "PDF-filen anger inte dokumentets språk (/Lang)."),
        ("bygg/skannad.pdf", None, "PDF-filen saknar dokumenttitel."),
        (
            "bygg/skannad.pdf",
            None,
            "PDF-läsaren visar filnamnet i stället för titeln (DisplayDocTitle saknas).",
        ),
        (
            "bygg/skannad.pdf",
            None,
            "Texten i PDF-filen går inte att läsa ut; den består troligen av inskannade bilder.",
        ),
    ]


def test_unreadable_pdf(repo: Path) -> None:
    write(repo, "bygg/trasig.pdf", b"inte en pdf")
    [finding] = rule_findings(repo, PDF_RULE)
    assert (finding.path, finding.severity) == ("bygg/trasig.pdf", Severity.ERROR)
    assert finding.message.startswith("PDF-filen går inte att läsa: ")
    assert rule_messages(repo, ADVICE_RULE) == []


def test_recommendations(repo: Path, tmp_path: Path) -> None:
    pages = "\n#pagebreak()\n".join(f"Sida {n}." for n in range(1, 13))
    source = (
        '#set document(title: "Lång rapport")\n#set text(lang: "sv")\n'
        f"#table(columns: 2, [åk 2], [78 %])\n{pages}\n"
    )
    build(repo, tmp_path / "src", "lang", source)
    found = rule_findings(repo, ADVICE_RULE)
    assert {f.severity for f in found} == {Severity.WARNING}
    assert [(f.path, f.message) for f in found] == [
        (
            "bygg/lang.pdf",
            "PDF-filen anger inte att den följer PDF/UA (pdfuaid:part saknas i metadata).",
        ),
        ("bygg/lang.pdf", "PDF-filen har 12 sidor men inga bokmärken."),
        ("bygg/lang.pdf", "1 tabell i PDF-filen saknar rubrikceller (TH)."),
    ]


@pytest.mark.parametrize("folder", ["bygg", "bygg/enheter"])
def test_pdfs_are_found_below_the_build_folder(repo: Path, tmp_path: Path, folder: str) -> None:
    output = build(repo, tmp_path / "src", "rapport", UNTITLED)
    target = repo / folder / "Rapport.PDF"
    target.parent.mkdir(parents=True, exist_ok=True)
    output.rename(target)
    assert {path for path, _, _ in rule_messages(repo, PDF_RULE)} == {f"{folder}/Rapport.PDF"}


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            [
                "Ord.",
                "Elever läser",
                "mer. Nästa",
                "# Rubrik",
                "- punkt",
                "",
                "| a | b |",
                "Å!",
                "t.ex. fler",
                "\n",
            ]
        ),
        max_size=30,
    )
)
def test_sentence_texts_are_the_sentences_without_positions(parts: list[str]) -> None:
    body = " ".join(parts).replace(" \n ", "\n")
    assert list(sentence_texts(body)) == [s.text for s in sentences(body)]
