"""A hostile payload in every free-text field of every file kind reaches the reader only
as text: in the HTML pages, the SVG pictures, the calendar file and the PDF's text."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import icalendar
import yaml

from ska.render import pagecheck
from ska.render.build import BuildOptions, build
from tests.conftest import RESOURCES, html_text, pdf_text

PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> *fet* [l](javascript:alert(3)) "
    '{{ 7*7 }} #read("/etc/passwd") \\ " \' & ]]> $x$ @ =1+1\nBEGIN:VEVENT\nSUMMARY:falsk'
)
SHOWN = "<script>alert(1)</script>"


def _free_text(value: str) -> bool:
    """Text a person writes in words (ids, dates and choices have no spaces)."""
    return " " in value.strip() and not value.strip()[:4].isdigit()


# Values written in a grammar of their own: a time of the årshjul, a decision's paragraph.
STRUCTURED = frozenset({"när", "paragraf"})


def _poison(node: Any, count: list[int]) -> Any:
    if isinstance(node, dict):
        return {
            key: value if key in STRUCTURED else _poison(value, count)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_poison(item, count) for item in node]
    if isinstance(node, str) and _free_text(node):
        count[0] += 1
        return f"{node} {PAYLOAD}"
    return node


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _poison_repository(root: Path) -> int:
    """The payload after every free-text value; how many values got it."""
    count = [0]
    for path in sorted(root.rglob("*")):
        if path.suffix == ".yaml" and path.name != "ska.yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            path.write_text(_dump(_poison(data, count)), encoding="utf-8")
        elif path.suffix == ".md":
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            meta = _poison(yaml.safe_load(front), count)
            path.write_text(f"---\n{_dump(meta)}---\n{body}", encoding="utf-8")
        elif path.suffix == ".csv" and "resultat" in path.parts:
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
            for row in rows:
                row["mått"] = f"{row['mått']} {PAYLOAD}".replace("\n", " ")
                count[0] += 1
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            path.write_text(out.getvalue(), encoding="utf-8")
    return count[0]


def _events(folder: Path) -> list[str]:
    calendars = sorted(folder.rglob("*.ics"))
    assert calendars
    return [
        str(event.get("SUMMARY"))
        for path in calendars
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    ]


def test_a_payload_in_every_field_is_shown_as_text(tmp_path: Path) -> None:
    clean, poisoned = tmp_path / "ren", tmp_path / "förgiftad"
    shutil.copytree(RESOURCES / "minimal", clean)
    shutil.copytree(RESOURCES / "minimal", poisoned)
    assert _poison_repository(poisoned) >= 40  # names, titles, descriptions, decisions …
    before = build(clean, BuildOptions(folder=tmp_path / "bygg-ren"))
    folder = tmp_path / "bygg"
    after = build(poisoned, BuildOptions(folder=folder))
    assert after.built
    assert sorted(after.built) == sorted(before.built)  # nothing refused, nothing lost
    assert [f for f in after.findings if f.rule.startswith("BYGG")] == []

    pages = sorted(folder.rglob("*.html"))
    pictures = sorted(folder.rglob("*.svg"))
    assert pages
    assert pictures
    for path in pages + pictures:
        text = path.read_text(encoding="utf-8")
        assert pagecheck.problems(text, svg=path.suffix == ".svg") == [], path
        assert "<script>" not in text, path
    shown = [path for path in pages if SHOWN in html_text(path)]
    assert shown, "the payload should be shown as text on some page"
    assert any("{{ 7*7 }}" in html_text(path) for path in pages)

    pdfs = sorted(folder.rglob("*.pdf"))
    assert pdfs
    assert any(SHOWN in pdf_text(path) for path in pdfs)

    clean_events, events = _events(tmp_path / "bygg-ren"), _events(folder)
    assert len(events) == len(clean_events)  # a line break in a name forges no event
    assert any(SHOWN in summary for summary in events)
