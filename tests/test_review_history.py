"""The huvudman's report shows the external reviews that concern the läsår.

The fixture follows the course of a real case, in our own words and moved eight years
forward onto the test kommun's läsår: Skolinspektionen's tillsyn of Aspnässkolan in
Järfälla kommun (decision 10 May 2017: föreläggande vid vite to remedy the brister by 31
October 2017; a follow-up decision 13 February 2018 found most brister remaining and set
a new vite with 17 September 2018 as the last day; "Beslut efter uppföljning för
förskoleklass och grundskola", published on docplayer.se). The brist here is about
särskilt stöd, the area that case named first.
"""

from __future__ import annotations

from pathlib import Path

from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from tests.conftest import html_text, replace_in, table_after, write
from tests.test_render import DOCUMENTS, organiser_markdown

FIRST = "plans/granskningar/skolinspektionen-2025-maj.yaml"
FOLLOW_UP = "plans/granskningar/skolinspektionen-2026-feb.yaml"
HEADER = ["Brist", "Gäller", "Status", "Sista dag", "Belägg", "Insatser"]
LATER = "Skolinspektionen, beslut efter uppföljning, 13 februari 2026, vite 750\u202f000 kronor."
STÖD = "Elever i behov av särskilt stöd får inte stöd i den omfattning utredningen visar."


def _criticised(repo: Path) -> None:
    write(
        repo,
        FIRST,
        "granskare: skolinspektionen\ntyp: föreläggande_med_vite\n"
        "titel: Beslut efter tillsyn i Testskolan\ndatum: 2025-05-10\n"
        "vite: 500000\nsista_dag: 2025-10-31\nbrister:\n"
        f"  - id: särskilt-stöd\n    beskrivning: {STÖD}\n    skolform: grundskola\n"
        "    enhet: testskolan\n    åtgärder: [testskolan-läsfixare]\n    status: öppen\n",
    )
    write(
        repo,
        FOLLOW_UP,
        "granskare: skolinspektionen\ntyp: beslut_efter_uppföljning\n"
        "titel: Beslut efter uppföljning i Testskolan\ndatum: 2026-02-13\n"
        "vite: 750000\nsista_dag: 2026-09-17\nbrister:\n"
        f"  - id: särskilt-stöd\n    beskrivning: {STÖD}\n    skolform: grundskola\n"
        "    enhet: testskolan\n    åtgärder: [testskolan-läsfixare, läslyftet]\n"
        "    status: öppen\n    tidigare: skolinspektionen-2025-maj/särskilt-stöd\n",
    )


def test_a_brist_that_persists_shows_with_its_history(repo: Path) -> None:
    _criticised(repo)
    text = organiser_markdown(repo)
    assert "# Externa granskningar" in text
    first = "Skolinspektionen, föreläggande med vite, 10 maj 2025, vite 500\u202f000 kronor."
    assert table_after(text, first + " Sista dag för åtgärder: 31 oktober 2025.") == [
        HEADER,
        [STÖD, "Grundskola, Testskolan", "öppen", "31 oktober 2025", "–", "Läsfixare"],
    ]
    later = (
        "Skolinspektionen, beslut efter uppföljning, 13 februari 2026, vite 750\u202f000 kronor."
    )
    assert table_after(text, later + " Sista dag för åtgärder: 17 september 2026.") == [
        HEADER,
        [
            f"{STÖD} (återkommer från Beslut efter tillsyn i Testskolan)",
            "Grundskola, Testskolan",
            "öppen",
            "17 september 2026",
            "–",
            "Läsfixare; Läslyftet",
        ],
    ]
    # Oldest first, after the minimal kommun's own review of May 2025.
    order = [line for line in text.splitlines() if line.startswith("## Beslut efter")]
    assert order == [
        "## Beslut efter tillsyn i Testskolan",
        "## Beslut efter tillsyn av Testkommun",
        "## Beslut efter uppföljning i Testskolan",
    ]


def test_a_remedied_brist_shows_its_date_and_evidence(repo: Path) -> None:
    _criticised(repo)
    replace_in(
        repo,
        FOLLOW_UP,
        "    status: öppen\n",
        "    status: åtgärdad\n    åtgärdad: 2026-06-04\n"
        "    belägg: Redovisning till Skolinspektionen 2026-06-04 med elevhälsans rutin.\n",
    )
    text = organiser_markdown(repo)
    later = (
        "Skolinspektionen, beslut efter uppföljning, 13 februari 2026, vite 750\u202f000 kronor."
    )
    [_, row] = table_after(text, later + " Sista dag för åtgärder: 17 september 2026.")
    assert row[2:4] == ["åtgärdad 4 juni 2026", "17 september 2026"]
    assert row[4] == "Redovisning till Skolinspektionen 2026-06-04 med elevhälsans rutin."


def test_only_reviews_that_concern_the_läsår_and_the_form(repo: Path) -> None:
    """A review remedied before the läsår began, one dated after it ended and one whose
    only brist is the förskola's stay out of grundskolan's report for 2025/26."""
    old = (
        "granskare: revisorerna\ntyp: revisionsrapport\ntitel: {title}\ndatum: {date}\n"
        "brister:\n  - id: uppföljning\n    beskrivning: Nämnden följer inte upp.\n"
        "{extra}    status: åtgärdad\n    åtgärdad: {done}\n    belägg: Protokoll.\n"
    )
    write(
        repo,
        "plans/granskningar/revisorerna-2023.yaml",
        old.format(title="Granskning 2023", date="2023-04-01", extra="", done="2024-03-01"),
    )
    write(
        repo,
        "plans/granskningar/revisorerna-2026.yaml",
        old.format(title="Granskning hösten 2026", date="2026-09-01", extra="", done="2026-10-01"),
    )
    write(
        repo,
        "plans/granskningar/revisorerna-förskola.yaml",
        old.format(
            title="Granskning av förskolan",
            date="2025-11-01",
            extra="    skolform: förskola\n",
            done="2026-01-01",
        ),
    )
    text = organiser_markdown(repo)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert "## Beslut efter tillsyn av Testkommun" in headings
    for title in ("Granskning 2023", "Granskning hösten 2026", "Granskning av förskolan"):
        assert f"## {title}" not in headings
    # Remedied only in August 2025, its brist was still open when 2025/26 began.
    replace_in(repo, "plans/granskningar/revisorerna-2023.yaml", "2024-03-01", "2025-08-15")
    assert "## Granskning 2023" in organiser_markdown(repo)


def test_the_built_page_shows_the_review_history(repo: Path, tmp_path: Path) -> None:
    _criticised(repo)
    out = tmp_path / "bygg"
    result = build(
        repo,
        BuildOptions(folder=out, formats=("html",), years=[SchoolYear(2025)], kinds=DOCUMENTS),
    )
    assert "2025-26/huvudman/grundskola/kvalitetsrapport" in result.built
    text = html_text(out / "2025-26/huvudman/grundskola/kvalitetsrapport.html")
    assert "Externa granskningar" in text
    assert (
        f"{STÖD} (återkommer från Beslut efter tillsyn i Testskolan) Grundskola, Testskolan "
        "öppen 17 september 2026 – Läsfixare; Läslyftet"
    ) in text


def test_a_review_with_a_broken_value_still_shows(repo: Path) -> None:
    """A review whose kind cannot be read is shown with a marker in its place, not left
    out and not stopping the report."""
    _criticised(repo)
    replace_in(repo, FIRST, "typ: föreläggande_med_vite", "typ: vitesföreläggande")
    text = organiser_markdown(repo)
    assert (
        "Skolinspektionen, \\[uppgiften typ kunde inte läsas\\], 10 maj 2025, "
        "vite 500\u202f000 kronor." in text
    )
