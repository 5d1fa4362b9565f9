"""Reading repository files as they will be published: raw text, prose, sentences.

Shared by the publishing, accessibility and term rules. The front matter, code and
HTML comments are blanked rather than removed, so every offset still gives its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ska.files import Refused, read_inside
from ska.load.discovery import Located
from ska.load.markdown import split_front_matter
from ska.load.text import decode
from ska.model import kinds as K
from ska.pandoc import intricate
from ska.rules.context import Context

REPORT_KINDS = (K.UNIT_REPORT, *K.ORGANISER_REPORTS)
FIRST_LETTER = re.compile(r"[^\W\d_]")

_FENCE = re.compile(r"^\s*(```|~~~)")
# An unclosed comment or code span runs to the end (of the text, of the line) and is kept
# as it is: one match, so the scan stays linear whatever the text (no rescanning from
# every `<!--` or backtick that is never closed).
_COMMENT = re.compile(r"<!--(?:.*?-->|.*)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`?")
_BLOCK_ALONE = re.compile(r"^\s*(?:#{1,6}\s|\|)")  # headings and table rows
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>)")  # list items and quotes
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ])")  # not after "t.ex."


@dataclass(frozen=True, slots=True)
class Sentence:
    line: int
    column: int
    text: str


def source_text(ctx: Context, path: str) -> str | None:
    """The text of a repository file, or None when it cannot be read (others say why).

    Read once per run: several rules scan the same files.
    """
    ctx.repo.reads.note(path)
    if path not in ctx.texts:
        located = ctx.repo.files[path]
        try:
            data = read_inside(ctx.repo.root, located.disk_path)
        except (OSError, Refused):
            ctx.texts[path] = None
        else:
            ctx.texts[path] = decode(data, path)[0]
    return ctx.texts[path]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset in a text."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _blank(match: re.Match[str]) -> str:
    """A comment or code span as blanks (lines kept); one that is never closed as is."""
    found = match[0]
    closed = found.endswith("-->") if found.startswith("<!--") else found.endswith("`")
    if not closed or len(found) < 2:
        return found
    return re.sub(r"[^\n]", " ", found)


def prose(text: str, path: str) -> str:
    """A Markdown file's body as readers see it, with every line where it was.

    The front matter, fenced code blocks, HTML comments (templates keep their
    instructions there) and inline code become blank, so offsets still give the line.
    """
    lines = text.split("\n")
    if intricate(text) is not None:  # not read for publishing either (MD-invecklad)
        return "\n".join("" for _ in lines)
    split, _ = split_front_matter(text, path)
    first = split.body_line - 1 if split is not None else 0
    fence: str | None = None
    for index, line in enumerate(lines):
        marker = _FENCE.match(line) if index >= first else None
        if marker:
            fence = None if fence == marker[1] else (fence or marker[1])
        if index < first or fence is not None or marker:
            lines[index] = ""
    return _INLINE_CODE.sub(_blank, _COMMENT.sub(_blank, "\n".join(lines)))


def _blocks(body: str) -> Iterator[list[tuple[int, str]]]:
    """Paragraphs, list items, headings and table rows: (line number, line) each."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(body.split("\n"), start=1):
        alone = _BLOCK_ALONE.match(line)
        if block and (not line.strip() or alone or _BLOCK_START.match(line)):
            yield block
            block = []
        if line.strip():
            block.append((number, line))
        if alone:
            yield block
            block = []
    if block:
        yield block


def sentences(body: str) -> Iterator[Sentence]:
    """The sentences of prose, each with where it starts; a heading is one sentence."""
    for block in _blocks(body):
        yield from _split(block)


def sentence_texts(body: str) -> Iterator[str]:
    """The text of each sentence, as `sentences` gives them, without working out where."""
    for block in _blocks(body):
        for text in _SENTENCE_END.split("\n".join(line for _, line in block)):
            if FIRST_LETTER.search(text) is not None:
                yield text.strip()


def _split(block: list[tuple[int, str]]) -> Iterator[Sentence]:
    if not block:
        return
    joined = "\n".join(line for _, line in block)
    start = 0
    newlines, counted, last_newline = 0, 0, -1  # counted on as the sentences go: linear
    for end in [m.start() for m in _SENTENCE_END.finditer(joined)] + [len(joined)]:
        text = joined[start:end]
        letter = FIRST_LETTER.search(text)
        if letter is not None:
            at = start + letter.start()
            newlines += joined.count("\n", counted, at)
            last_newline = max(last_newline, joined.rfind("\n", counted, at))
            counted = at
            yield Sentence(block[0][0] + newlines, at - last_newline, text.strip())
        start = end


def results_of_the_year(ctx: Context, path: str, located: Located) -> bool:
    """Whether the file is a result table of the läsår, of a unit active in it."""
    if located.kind is not K.RESULTS or located.school_year != ctx.year:
        return False
    return located.unit in ctx.unit_ids


def is_report(ctx: Context, path: str, located: Located) -> bool:
    """Whether the file is a kvalitetsrapport of the läsår, the huvudman's or a unit's."""
    return located.kind in REPORT_KINDS and located.school_year == ctx.year
