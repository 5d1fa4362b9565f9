"""One document on pandoc's syntax tree: people's Markdown placed into the template's,
with every link and picture decided there, and written to every format.

The template's Markdown (made by ska, with every value escaped) is read with
`TEMPLATE_READER`; each piece of a person's Markdown is read on its own with the
restricted `USER_READER`, so it can neither break out of its place nor carry raw
content, attributes or metadata. Its links and pictures are judged by the same rules
`ska validate` uses (ska.load.links): a link that may not be published keeps only its
text, a picture that may not be published becomes its alt text in italics. Then the
whole tree is checked once more, whatever its parts came from: only the document's own
pictures, only allowed links, no raw content, no attribute but a picture's alt text.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ska import pandoc
from ska.load import links
from ska.markdown import UserMarkdown
from ska.render.templating import PLACEHOLDER_CLASS, Rendered

Node = Any  # a JSON value of pandoc's AST
_EMPTY_ATTR: list[Any] = ["", [], []]
# Element types that carry an Attr, and where it stands in their content.
_ATTR_AT = {
    "Link": 0,
    "Image": 0,
    "Span": 0,
    "Code": 0,
    "Div": 0,
    "CodeBlock": 0,
    "Header": 1,
    "Figure": 0,
    "Table": 0,
}
_SAFE_ID = re.compile(r"[^\w-]", re.UNICODE)
_CONSENT = re.compile(r"^\{\s*(samtycke|rättslig_grund)\s*=.*\}$", re.DOTALL)
ALLOWED_CLASSES = frozenset({"unnumbered", "uri", "email"})


@dataclass
class Source:
    """What one document is made of."""

    root: Path
    path: str  # the main source file, where findings point
    rendered: Rendered
    assets: dict[str, str | bytes]  # file name → content, beside the document
    pictures: dict[tuple[str, str], str] = field(default_factory=dict)
    # (source file, picture target as written) → asset name
    documents: dict[str, str] = field(default_factory=dict)
    # repository path of a published document → its web page, from this document


# A picture taller than the page is wide (`![…](…){.hög}`) is fitted to the page's height,
# not its width, so that it is not cut off at the page's foot.
TALL, TALL_HEIGHT = "hög", "21cm"


def _text(node: Node) -> str:
    """The plain text of inlines or blocks, as a reader sees it."""
    out: list[str] = []

    def visit(value: Node) -> None:
        if isinstance(value, dict):
            kind = value.get("t")
            if kind == "Str":
                out.append(value["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "Math") or kind == "CodeBlock":
                out.append(value["c"][1])
            elif "c" in value:
                visit(value["c"])
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(node)
    return "".join(out)


def plain_text(doc: Node) -> str:
    """Everything a reader of the document can see: metadata and body."""
    return _text(doc.get("meta", {})) + "\n" + _text(doc.get("blocks", []))


def _strip_attr(node: dict[str, Any], keep_alt: bool = False) -> None:
    index = _ATTR_AT.get(node["t"])
    if index is None:
        return
    content = node["c"]
    attr = content[index]
    ident = _SAFE_ID.sub("", attr[0]) if node["t"] == "Header" else ""
    classes = [c for c in attr[1] if c in ALLOWED_CLASSES]
    pairs = [[k, v] for k, v in attr[2] if keep_alt and k == "alt"]
    content[index] = [ident, classes, pairs]


def _map_inlines(node: Node, change: Callable[[dict[str, Any]], list[Node] | None]) -> Node:
    """Walk the tree; `change` may replace an element by a list of others, whose content
    is then walked in turn (never the replacements themselves again)."""
    if isinstance(node, list):
        out: list[Node] = []
        for item in node:
            replaced = change(item) if isinstance(item, dict) and "t" in item else None
            if replaced is None:
                out.append(_map_inlines(item, change))
            else:
                out.extend(_map_inlines(r, change) for r in replaced)
        return out
    if isinstance(node, dict):
        return {k: (_map_inlines(v, change) if k == "c" else v) for k, v in node.items()}
    return node


def map_nodes(node: Node, change: Callable[[dict[str, Any]], list[Node] | None]) -> Node:
    """`change` applied over the tree (see _map_inlines), for the writers' own tweaks."""
    return _map_inlines(node, change)


def _italic(text: str) -> dict[str, Any]:
    return {"t": "Emph", "c": [{"t": "Str", "c": text or "Bild"}]}


def _user_blocks(doc: Node, insert: UserMarkdown, source: Source) -> list[Node]:
    """A person's Markdown, judged: allowed links and the document's own pictures stay,
    everything else keeps only its text; HTML is shown as written; headings move to fit;
    no attributes."""

    def change(node: dict[str, Any]) -> list[Node] | None:
        kind = node["t"]
        if kind == "RawInline":  # HTML written in the text is shown as written
            return [{"t": "Str", "c": node["c"][1]}]
        if kind == "RawBlock":
            return [{"t": "CodeBlock", "c": [_EMPTY_ATTR, node["c"][1].rstrip("\n")]}]
        if kind == "Header":
            level = min(6, max(1, node["c"][0] + insert.shift))
            node = {"t": "Header", "c": [level, *node["c"][1:]]}
            _strip_attr(node)
            return [node]
        if kind == "Link":
            _, content, (target, _title) = node["c"]
            refused = links.judge_link(source.root, insert.path, target)
            if refused is not None:
                return list(content)
            url = _published_link(source, insert.path, target)
            return [{"t": "Link", "c": [_EMPTY_ATTR, content, [url, ""]]}]
        if kind == "Image":
            _, caption, (target, _title) = node["c"]
            name = source.pictures.get((insert.path, target))
            alt = _text(caption)
            if name is None:
                return [_italic(alt)]
            return [{"t": "Image", "c": [["", [], [["alt", alt]]], caption, [name, ""]]}]
        if kind in _ATTR_AT:
            node = {"t": kind, "c": list(node["c"])}
            _strip_attr(node)
            return [node]
        return None

    blocks = _map_inlines(_drop_consent(doc["blocks"]), change)
    return list(blocks)


def _drop_consent(node: Node) -> Node:
    """`![Bild](x.jpg){samtycke=ja}`: the consent note after a picture is not text to
    publish (the attribute syntax is off, so pandoc reads it as words after the image)."""
    if isinstance(node, dict):
        return {k: (_drop_consent(v) if k == "c" else v) for k, v in node.items()}
    if not isinstance(node, list):
        return node
    out: list[Node] = []
    index = 0
    while index < len(node):
        item = node[index]
        out.append(_drop_consent(item))
        index += 1
        if isinstance(item, dict) and item.get("t") == "Image" and index < len(node):
            end = _consent_end(node, index)
            if end is not None:
                index = end
    return out


def _consent_end(inlines: list[Node], start: int) -> int | None:
    first = inlines[start]
    if not (isinstance(first, dict) and first.get("t") == "Str" and first["c"].startswith("{")):
        return None
    for end in range(start, min(len(inlines), start + 20)):
        text = _text(inlines[start : end + 1])
        if text.endswith("}"):
            return end + 1 if _CONSENT.match(text.replace("“", '"').replace("”", '"')) else None
    return None


def _published_link(source: Source, document: str, target: str) -> str:
    """A link as it is published: the web and anchors as written, a repository document
    as the address of its web page."""
    path = links.document_target(source.root, document, target)
    if path is None:
        return target
    page = source.documents.get(path)
    anchor = target.split("#", 1)[1] if "#" in target else ""
    if page is None:
        return f"#{anchor}" if anchor else "#"
    return f"{page}#{anchor}" if anchor else page


def _is_placeholder(block: Node) -> int | None:
    """The number of a placeholder paragraph (`[]{.ska-infoga nr=N}`), if it is one."""
    if not isinstance(block, dict) or block.get("t") not in ("Para", "Plain"):
        return None
    inlines = block["c"]
    if len(inlines) != 1 or inlines[0].get("t") != "Span":
        return None
    attr, content = inlines[0]["c"]
    if content or PLACEHOLDER_CLASS not in attr[1]:
        return None
    number = dict(attr[2]).get("nr", "")
    return int(number) if number.isdigit() else None


def splice(doc: Node, pieces: Sequence[list[Node]]) -> Node:
    """The template's tree with each placeholder paragraph replaced by its piece."""

    def visit(blocks: list[Node]) -> list[Node]:
        out: list[Node] = []
        for block in blocks:
            number = _is_placeholder(block)
            if number is not None and number < len(pieces):
                out.extend(pieces[number])
            elif isinstance(block, dict) and block.get("t") in ("Div", "BlockQuote"):
                content = block["c"]
                if block["t"] == "Div":
                    out.append({"t": "Div", "c": [content[0], visit(content[1])]})
                else:
                    out.append({"t": "BlockQuote", "c": visit(content)})
            else:
                out.append(block)
        return out

    return {**doc, "blocks": visit(doc["blocks"])}


def final_check(doc: Node, source: Source) -> Node:
    """Whatever made the tree: no raw content, no attribute but a picture's alt text (and
    the class of a tall picture, see TALL) and a heading's id, pictures only from the
    document's own assets, links only to the web, e-mail, anchors and the web pages of
    published documents."""
    pages = set(source.documents.values())

    def change(node: dict[str, Any]) -> list[Node] | None:
        kind = node["t"]
        if kind in ("RawBlock", "RawInline"):
            return []
        if kind == "Image":
            attr, caption, (target, _title) = node["c"]
            if target not in source.assets:
                return [_italic(_text(caption))]
            alt = dict(attr[2]).get("alt", _text(caption))
            classes = [c for c in attr[1] if c == TALL]  # a template's tall picture
            return [{"t": "Image", "c": [["", classes, [["alt", alt]]], caption, [target, ""]]}]
        if kind == "Link":
            attr, content, (target, _title) = node["c"]
            base = target.split("#", 1)[0]
            scheme = target.split(":", 1)[0].casefold() if ":" in target else ""
            allowed = scheme in links.WEB + links.MAIL or target.startswith("#") or base in pages
            if not allowed:
                return list(content)
            return [
                {
                    "t": "Link",
                    "c": [
                        ["", [c for c in attr[1] if c in ALLOWED_CLASSES], []],
                        content,
                        [target, ""],
                    ],
                }
            ]
        if kind in _ATTR_AT:
            node = {"t": kind, "c": list(node["c"])}
            _strip_attr(node)
            return [node]
        return None

    checked = _map_inlines(doc["blocks"], change)
    meta = _map_inlines(doc.get("meta", {}), change) if doc.get("meta") else {}
    return {**doc, "blocks": checked, "meta": meta}


def unique_ids(doc: Node) -> None:
    """Give every heading an id of its own (people's pieces are read one at a time)."""
    seen: dict[str, int] = {}
    for block in _walk_blocks(doc["blocks"]):
        if block.get("t") != "Header":
            continue
        attr = block["c"][1]
        ident = attr[0] or "avsnitt"
        count = seen.get(ident, 0)
        seen[ident] = count + 1
        if count:
            attr[0] = f"{ident}-{count}"


def _walk_blocks(blocks: list[Node]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        if not isinstance(block, dict):
            continue
        yield block
        if block.get("t") == "Div":
            yield from _walk_blocks(block["c"][1])
        elif block.get("t") == "BlockQuote":
            yield from _walk_blocks(block["c"])


def assemble(source: Source) -> Node:
    """The document's tree: the template's Markdown with people's pieces in place, every
    link and picture decided, checked once more as a whole."""
    rendered = source.rendered
    template = pandoc.read([rendered.markdown], pandoc.TEMPLATE_READER)[0]
    inserts = rendered.inserts
    docs = pandoc.read([links.user_text(i.text) for i in inserts], pandoc.USER_READER)
    pieces = [_user_blocks(d, i, source) for d, i in zip(docs, inserts, strict=True)]
    doc = final_check(splice(template, pieces), source)
    unique_ids(doc)
    return doc


def typst_string(text: str) -> str:
    """A Typst string literal that holds exactly `text`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def for_typst(doc: Node) -> Node:
    """The tree as the Typst writer gets it: every picture with its alt text (PDF/UA
    needs it; pandoc's Typst writer leaves it out) and as wide as the page (or as tall,
    see TALL), and the author as a string."""
    doc = copy.deepcopy(doc)

    def change(node: dict[str, Any]) -> list[Node] | None:
        if node["t"] != "Image":
            return None
        attr, caption, (target, _title) = node["c"]
        alt = dict(attr[2]).get("alt") or _text(caption) or "Bild"
        size = f"height: {TALL_HEIGHT}" if TALL in attr[1] else "width: 100%"
        code = f"#box(image({typst_string(target)}, alt: {typst_string(alt)}, {size}))"
        return [{"t": "RawInline", "c": ["typst", code]}]

    doc["blocks"] = _map_inlines(doc["blocks"], change)
    meta = doc.setdefault("meta", {})
    author = _text(meta.get("author", {}))
    if author:
        meta["author-typst"] = {
            "t": "MetaInlines",
            "c": [{"t": "RawInline", "c": ["typst", typst_string(author)]}],
        }
    return doc


def as_json(doc: Node) -> str:
    return json.dumps(doc, ensure_ascii=False)


def relative_pages(folder: str, pages: Mapping[str, str]) -> dict[str, str]:
    """Each published document's web page as a link from `folder` in the build folder."""
    return {path: posixpath.relpath(page, folder) for path, page in pages.items()}
