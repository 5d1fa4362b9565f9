"""`ska fmt`: every YAML document in one layout, with every comment kept.

What is normalised:

- key order: the order of the fields of the model for that place, recursively (nested
  models, lists of models); keys the model does not know follow, in their own order.
  A key takes along the comment lines directly above it and the comment lines indented
  under its value; blank lines stay where they were. Comments above the first key of
  the file stay on top (up to the last blank line among them).
- indentation: 2 spaces per level, list items indented 2 under their key; comment
  lines indented like the key or list item they stand above (or close).
- spacing: one space after `:` and `-`, inline lists written `[a, b]`, no `---` line
  before the content, long lines never wrapped, a plain value continued over several
  lines joined into one, LF line endings, no BOM, exactly one newline at the end.

- values: `~` and `null` written as an empty value, escapes like `\u00e4` as the
  character (å/ä/ö stay characters).

Kept as written: quotes, block scalars (`|`, `>`), inline lists and mappings (their
keys are not reordered). Markdown: only the front matter is formatted; the body stays
as it is.

Nothing is written unless the result has the same data (by type and value) and the
same comments as the original; otherwise the file is left alone with a finding.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from ruamel.yaml.error import YAMLError as RuamelError

from ska.checks.commands import FMT_OSAKER
from ska.checks.reading import FIL_LASNING
from ska.files import Refused, read_inside, write_atomic
from ska.findings import Finding
from ska.load import wordchars
from ska.load.discovery import discover
from ska.load.markdown import split_front_matter
from ska.load.selection import selected, selection
from ska.load.text import decode, refused, tab_findings
from ska.load.yamlfast import parse_yaml
from ska.model.kinds import FileFormat
from ska.workflow.fmt_lines import arrange_keys, comments, layout

_GAP = re.compile(r"[ \t]*(#.*)?")
_MOVE_COMMENT = (
    "Flytta kommentaren till en egen rad ovanför nyckeln eller listraden (inte inuti [ ] "
    "eller { }, inte mellan nyckel och värde), eller formatera filen för hand."
)
_BY_HAND = "Formatera filen för hand; ska fmt rör den inte."


class FormatError(ValueError):
    """The text cannot be formatted safely; `findings` say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


@dataclass
class FmtResult:
    changed: list[str] = field(default_factory=list)  # reformatted (or would be, with check)
    findings: list[Finding] = field(default_factory=list)  # files that cannot be formatted
    files: int = 0  # documents looked at


def format_text(text: str, model: type[BaseModel] | None) -> str:
    """`text` formatted; raises FormatError when that cannot be done safely."""
    decoded, problems = decode(text.encode("utf-8"), "")
    formatted = None if decoded is None else _format_yaml(decoded, model, "", problems)
    if formatted is None:
        raise FormatError(problems)
    return formatted


def format_repository(
    root: Path, paths: list[Path] | None = None, check: bool = False
) -> FmtResult:
    """Format every YAML file and Markdown front matter (or those under `paths`).

    With `check`, nothing is written; `changed` lists what would change.
    """
    chosen = selection(root, paths)
    result = FmtResult()
    for rel, located in sorted(discover(root).files.items()):
        if located.kind.format is FileFormat.CSV or not selected(rel, chosen):
            continue
        result.files += 1
        path = root / located.disk_path
        try:
            data = read_inside(root, located.disk_path)
        except Refused as exc:
            result.findings.append(refused(rel, exc))
            continue
        except OSError as exc:
            result.findings.append(
                FIL_LASNING.error(rel, f"Filen går inte att läsa: {exc.strerror}.")
            )
            continue
        text, problems = decode(data, rel)
        if text is not None and located.kind.format is FileFormat.MARKDOWN:
            text = _format_markdown(text, located.kind.model, rel, problems)
        elif text is not None:
            text = _format_yaml(text, located.kind.model, rel, problems)
        if text is None:
            result.findings += problems
        elif text.encode("utf-8") != data:
            result.changed.append(rel)
            if not check:
                write_atomic(path, text)
    return result


def _format_markdown(
    text: str, model: type[BaseModel], path: str, problems: list[Finding]
) -> str | None:
    """The Markdown file with its front matter formatted and its body as it was."""
    split, found = split_front_matter(text, path)
    problems += found
    if split is None or not split.front_matter.strip():
        return None if found else text
    formatted = _format_yaml(split.front_matter + "\n", model, path, problems, 1)
    if formatted is None:
        return None
    lines = text.split("\n")
    return lines[0] + "\n" + formatted + "\n".join(lines[split.body_line - 2 :])


def _format_yaml(
    text: str, model: type[BaseModel] | None, path: str, problems: list[Finding], offset: int = 0
) -> str | None:
    """The formatted text, or None with the reasons added to `problems`. Word's odd
    characters (no-break spaces, zero-width characters, typographic quotes) are replaced
    first."""
    text = wordchars.repair(text)
    problems += tab_findings(text, path, 1 + offset)
    parsed, found = (None, []) if problems else parse_yaml(text, path, offset)
    problems += found
    if parsed is None or problems:
        return None
    try:
        dumped = layout(arrange_keys(_drop_document_start(text), model))
    except (RuamelError, yaml.YAMLError, ValueError, TypeError) as exc:
        problems.append(_unsafe(path, f"ruamel.yaml kan inte skriva filen ({exc})", _BY_HAND))
        return None
    before = comments(text)
    for candidate in (dumped.rstrip(" \n") + "\n", dumped):
        again, _ = parse_yaml(candidate, path, offset)
        if again is not None and _same(parsed.data, again.data):
            lost = Counter(c for c, _ in before) - Counter(c for c, _ in comments(candidate))
            if not lost:
                return candidate
            comment, index = next(c for c in before if c[0] in lost)
            line = text.count("\n", 0, index) + 1 + offset
            why = f"kommentaren '{comment}' skulle försvinna"
            problems.append(_unsafe(path, why, _MOVE_COMMENT, line))
            return None
    problems.append(_unsafe(path, "innehållet skulle ändras", _BY_HAND))
    return None


def _unsafe(path: str, why: str, hint: str, line: int | None = None) -> Finding:
    return FMT_OSAKER.error(
        path, f"Filen formateras inte: {why}. Den lämnas som den är.", hint, line
    )


def _drop_document_start(text: str) -> str:
    """Without a `---` line before the content (ruamel drops comments above it)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.rstrip() == "---":
            return "\n".join(lines[:index] + lines[index + 1 :])
        if not _GAP.fullmatch(line):
            break
    return text


def _same(a: Any, b: Any) -> bool:
    """Equal data, with types: 1, 1.0 and True are different values here."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (a != a and b != b)  # NaN is the same NaN
