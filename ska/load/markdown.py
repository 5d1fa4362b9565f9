"""Markdown documents: YAML front matter between `---` lines, then the body.

The body is split into level-2 sections (`## Rubrik`), skipping fenced code blocks, so
rules can find the analysis, the results and the other parts a report must have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ska.checks.reading import MD_FRONTMATTER
from ska.findings import Finding
from ska.model.headings import DEFAULT, Headings
from ska.model.report import Section

_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True, slots=True)
class Split:
    front_matter: str
    front_matter_line: int  # line of the first front-matter line (after ---)
    body: str
    body_line: int  # line where the body starts


def split_front_matter(text: str, path: str) -> tuple[Split | None, list[Finding]]:
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, [
            MD_FRONTMATTER.error(
                path,
                "Filen saknar metadata överst (front matter).",
                "Börja filen med en rad med bara ---, sedan nycklarna (t.ex. ansvarig: …), "
                "och avsluta med en rad med bara ---.",
                1,
                1,
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return Split("\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2), []
    return None, [
        MD_FRONTMATTER.error(
            path,
            "Metadata överst (front matter) avslutas aldrig.",
            "Lägg till en rad med bara --- efter den sista nyckeln.",
            1,
            1,
        )
    ]


def sections(body: str, first_line: int, headings: Headings = DEFAULT) -> tuple[Section, ...]:
    """Level-2 sections of the body, each with its heading's line and its text, and
    first the author's text before the first heading (a section without a heading)."""
    found: list[tuple[str, int, list[str]]] = [("", first_line, [])]
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        marker = _FENCE.match(line)
        if marker:
            fence = None if fence == marker[1] else (fence or marker[1])
            if found:
                found[-1][2].append(line)
            continue
        heading = _HEADING.match(line) if fence is None else None
        if heading and len(heading[1]) == 2:
            found.append((heading[2], first_line + offset, []))
        elif heading and len(heading[1]) == 1:
            continue
        else:
            found[-1][2].append(line)
    parts = [
        Section(headings.role(heading) if heading else None, heading, line, "\n".join(text).strip())
        for heading, line, text in found
    ]
    if not parts[0].text:
        parts = parts[1:]
    return tuple(parts)
