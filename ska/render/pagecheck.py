"""What a published page or picture may contain, checked on the files as written.

Every HTML page and SVG picture the build writes is parsed (Python's HTML parser, which
reads tags and attributes as a browser's tokenizer does) and refused if it holds
anything that could run: a script or an embedded object, an event handler (`on…`), a
`javascript:`, `vbscript:` or `data:` address, or a link to a picture elsewhere. The
pages also carry a Content-Security-Policy that forbids script, so even a page this
check missed would not run any.
"""

from __future__ import annotations

from html.parser import HTMLParser

_FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "base",
        "form",
        "foreignobject",
        "handler",
        "listener",
        "animate",
        "set",
        "meta-refresh",
    }
)
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "background",
        "srcset",
        "data",
        "codebase",
        "cite",
        "manifest",
    }
)
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


class _Scanner(HTMLParser):
    def __init__(self, svg: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.svg = svg
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.lower()
        if name in _FORBIDDEN_TAGS:
            self.problems.append(f"<{name}>")
        if name == "meta" and any(
            k.lower() == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs
        ):
            self.problems.append("<meta http-equiv=refresh>")
        for key, value in attrs:
            attr = key.lower()
            text = "".join((value or "").split()).lower()
            if attr.startswith("on"):
                self.problems.append(f"{attr}=")
            elif (attr in _URL_ATTRIBUTES and text.startswith(_BAD_SCHEMES)) or (
                self.svg and attr in ("href", "xlink:href") and not text.startswith("#")
            ):
                self.problems.append(f"{attr}={text[:20]}")
            elif attr == "style" and ("url(" in text or "expression(" in text):
                self.problems.append("style=url(")

    handle_startendtag = handle_starttag


def problems(markup: str, svg: bool = False) -> list[str]:
    """What in a page (or, with `svg`, a picture) could run or fetch: [] when nothing."""
    scanner = _Scanner(svg)
    scanner.feed(markup)
    scanner.close()
    return scanner.problems
