"""Pandoc, as one long-lived worker process per thread.

Every Markdown text ska reads for publishing, and every document it writes, goes through
pandoc's own reader and writers: links, images and structure are decided on pandoc's
abstract syntax tree (AST), exactly as pandoc sees the text, never by patterns over the
text. The worker (`pandoc_server.lua`) takes JSON requests line by line, so one pandoc
process serves many documents.

Two readers: `USER_READER` for what people wrote, with every extension that carries
attributes, raw content, metadata, maths or citations turned off; `TEMPLATE_READER` for
the Markdown ska's templates make, which may use attributes (an image's alt text, a
placeholder) but never raw content. The worker runs with an empty home folder, reads in
pandoc's sandbox and writes in a folder holding only the document's assets.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import select
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ska.errors import SkaError

# What people write is read as CommonMark, whose reader takes time in proportion to the
# text for nearly every input (pandoc's own Markdown reader needs minutes for a kilobyte
# of `![](`), with only the extensions a report needs. None of them carries attributes,
# raw content, metadata, maths or citations: those are off by CommonMark's default or
# turned off here.
USER_READER = "commonmark-raw_html+pipe_tables+footnotes+strikeout+fancy_lists"
# The Markdown ska's templates make: pandoc's Markdown, with attributes (an image's alt
# text, a placeholder) but nothing raw.
_UNSAFE = (
    "raw_html",
    "raw_tex",
    "raw_attribute",
    "latex_macros",
    "tex_math_dollars",
    "citations",
    "markdown_in_html_blocks",
    "native_divs",
    "native_spans",
    "pandoc_title_block",
)
TEMPLATE_READER = "markdown" + "".join(f"-{e}" for e in _UNSAFE)

# The reader's remaining slow cases are many characters that open or close links,
# pictures, autolinks, entities and code, and brackets nested deep: a text with more of
# them than any report needs is refused before pandoc sees it (see `intricate`).
MARKUP = frozenset("[]<>!&`")
MAX_MARKUP = 20_000
MAX_NESTING = 64
_MARKUP_OR_BLANK = re.compile(r"[\[\]<>!&`]|\n[ \t]*(?=\n)")
TIMEOUT = 60.0  # seconds for one request; a backstop, `intricate` keeps work bounded
SCRIPT = Path(__file__).resolve().parent / "pandoc_server.lua"

Ast = dict[str, Any]
Ref = tuple[str, str, str]  # (kind: "länk" or "bild", target, text)


class PandocError(SkaError):
    """Pandoc could not read or write a document."""


class TooIntricate(PandocError):
    """A text with more markup than any report needs, refused before pandoc reads it."""

    def __init__(self, offset: int) -> None:
        super().__init__(
            "Texten har fler tecken för länkar, bilder och kod ([ ] < > ! & `) eller "
            "djupare hakparenteser än någon rapport behöver och läses inte."
        )
        self.offset = offset


def intricate(text: str) -> int | None:
    """Where a text first exceeds what the user reader reads in bounded time: more than
    MAX_MARKUP markup characters in all, or brackets nested deeper than MAX_NESTING
    within a paragraph. None when the text is within bounds. One pass over the text."""
    if text.count("[") <= MAX_NESTING and sum(map(text.count, MARKUP)) <= MAX_MARKUP:
        return None
    seen = depth = 0
    for found in _MARKUP_OR_BLANK.finditer(text):
        char = found[0]
        if char[0] == "\n":
            depth = 0  # a blank line ends the paragraph, and its brackets
            continue
        seen += 1
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        if seen > MAX_MARKUP or depth > MAX_NESTING:
            return found.start()
    return None


def _bounded(texts: Sequence[str], reader: str) -> None:
    if reader != USER_READER:
        return
    for text in texts:
        offset = intricate(text)
        if offset is not None:
            raise TooIntricate(offset)


@cache
def executable() -> str:
    import pypandoc  # the packaged binary; imported only when pandoc is needed

    return str(pypandoc.get_pandoc_path())


@cache
def version() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_version())


class Worker:
    """One pandoc process and the requests it answers, in order."""

    def __init__(self) -> None:
        self._home = tempfile.TemporaryDirectory(prefix="ska-pandoc-")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": self._home.name,
            "XDG_DATA_HOME": self._home.name,
            "LANG": "C.UTF-8",
        }
        self._process = subprocess.Popen(
            [executable(), "lua", str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=self._home.name,
            env=env,
        )

    def ask(self, request: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        timeout = TIMEOUT if timeout is None else timeout
        process = self._process
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            process.stdin.write(json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], timeout)
            line = process.stdout.readline() if ready else b""
        except OSError:
            line = b""
        if not line:
            self.close()
            if not ready:
                raise PandocError(
                    f"Pandoc blev inte klar på {timeout:.0f} sekunder; texten är för invecklad."
                )
            raise PandocError("Pandoc avslutades oväntat.")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise PandocError(f"Pandoc: {answer['error']}")
        return answer

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()
        self._home.cleanup()


_LOCAL = threading.local()
_ALL: list[Worker] = []
_LOCK = threading.Lock()


def worker() -> Worker:
    """This thread's worker (a new one after a fork or a crash)."""
    found: tuple[int, Worker] | None = getattr(_LOCAL, "worker", None)
    if found is None or found[0] != os.getpid() or not found[1].alive:
        made = Worker()
        with _LOCK:
            _ALL.append(made)
        _LOCAL.worker = (os.getpid(), made)
        return made
    return found[1]


@atexit.register
def close_all() -> None:
    with _LOCK:
        for made in _ALL:
            if made.alive:
                made.close()
        _ALL.clear()


def _list(value: Any) -> list[Any]:
    """A JSON array from Lua, where an empty table may come as {}."""
    return list(value) if isinstance(value, list) else []


def read(texts: Sequence[str], reader: str = USER_READER) -> list[Ast]:
    """Each text as pandoc's AST (JSON), read with `reader`."""
    if not texts:
        return []
    _bounded(texts, reader)
    answer = worker().ask({"op": "read", "texts": list(texts), "format": reader})
    return [json.loads(doc) for doc in _list(answer["docs"])]


def references(texts: Sequence[str], reader: str = USER_READER) -> list[list[Ref]]:
    """Every link and image in each text, in order, as pandoc reads them: reference-style
    targets resolved, code and escaped brackets not counted."""
    if not texts:
        return []
    _bounded(texts, reader)
    answer = worker().ask({"op": "refs", "texts": list(texts), "format": reader})
    return [[(str(k), str(t), str(c)) for k, t, c in _list(doc)] for doc in _list(answer["refs"])]


def write(
    doc: Ast,
    to: str,
    target: Path,
    workdir: Path,
    template: str | bool | None = None,
    options: dict[str, Any] | None = None,
) -> None:
    """Write `doc` as format `to` into `target`, with `workdir` as the current folder;
    `template` is the text of a pandoc template, or True for pandoc's own."""
    worker().ask(
        {
            "op": "write",
            "doc": json.dumps(doc, ensure_ascii=False),
            "format": to,
            "target": str(target),
            "workdir": str(workdir),
            "template": template,
            "options": options or {},
        }
    )
