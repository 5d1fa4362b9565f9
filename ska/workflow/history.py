"""`ska diff`: what changed in the kvalitetsarbete between two versions in git.

A semantic diff for the kvalitetsdialog: which nämndens mål, indikatorer, insatser,
prioriterade målområden, åtaganden and utvecklingsområden were added, removed or
changed, and which of their fields changed. Files are read straight from git's object
database (nothing is checked out); the newer side may be WORKTREE, the files on disk:
tracked files as they are now plus untracked files git does not ignore. Only files that
`git diff` names are parsed, with the project's loaders, so a file that cannot be read at
one side is a finding and its changes are left out rather than shown as removed or added.

Things are matched by kind and id. An insats's id is its file name, so a renamed insats
file shows as one insats removed and another added; a moved one (same id) as changed,
with the field `fil`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git
from pydantic import ValidationError

from ska.checks.commands import HISTORIK_OLASLIG
from ska.errors import UsageError
from ska.files import Refused, read_inside
from ska.findings import Finding
from ska.load.discovery import Located, locate
from ska.load.markdown import split_front_matter
from ska.load.schema_errors import findings_from
from ska.load.text import decode, tab_findings
from ska.load.yamlfast import parse_yaml
from ska.model import kinds as K
from ska.model.initiative import Initiative
from ska.model.organiser import BoardGoals
from ska.model.report import ReportMeta
from ska.model.unit import DevelopmentPlan

WORKTREE = "WORKTREE"  # the newer side is the files on disk
LIMIT = 80  # longest value shown, in characters
ADDED, REMOVED, CHANGED = "tillagd", "borttagen", "ändrad"
# Kinds in the order a kvalitetsdialog reads them, with their headings.
KINDS = {
    "nämndmål": "Nämndens mål",
    "indikator": "Indikatorer",
    "insats": "Insatser",
    "prioriterat målområde": "Prioriterade målområden",
    "åtagande": "Åtaganden",
    "utvecklingsområde": "Utvecklingsområden",
}
_READ = {K.BOARD_GOALS, K.INITIATIVE, K.UNIT_INITIATIVE, K.DEVELOPMENT_PLAN}
_READ |= {K.UNIT_REPORT, *K.ORGANISER_REPORTS}


Field = tuple[str, str, str]  # (Swedish key, old value as text, new value as text)


@dataclass(frozen=True)
class Change:
    kind: str  # a key of KINDS
    id: str  # e.g. "läsförmåga/andel-läsare", "åsenskolan/2025-26/läsflyt"
    action: str  # ADDED, REMOVED or CHANGED
    title: str  # namn, titel or beskrivning, from the newer version if there is one
    fields: tuple[Field, ...] = ()  # for CHANGED: what changed, nested keys dotted
    path: str = ""  # the file in the newer version, or in the older if removed


@dataclass
class HistoryDiff:
    old: str  # the refs as given; `new` is WORKTREE for the files on disk
    new: str
    old_commit: str  # full hashes; new_commit is "" for WORKTREE
    new_commit: str
    changes: list[Change] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Thing:
    kind: str
    id: str
    title: str
    values: dict[str, Any]  # the fields by alias, as JSON values, without id and children
    path: str


Things = dict[tuple[str, str], _Thing]  # by (kind, id)


def semantic_diff(root: Path, old: str, new: str | None = WORKTREE) -> HistoryDiff:
    """The semantic changes under `root` from `old` to `new` (a ref, or WORKTREE/None)."""
    new = new or WORKTREE
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"Mappen '{root}' ligger inte i ett git-repositorium.") from None
    with repo:
        runner = git.Git(str(root))
        prefix = runner.rev_parse("--show-prefix").strip()
        diff = HistoryDiff(old, new, _resolve(runner, old), "")
        if new != WORKTREE:
            diff.new_commit = _resolve(runner, new)
        before = _reader(repo, diff.old_commit, prefix, root)
        after = _reader(repo, diff.new_commit, prefix, root)
        olds: Things = {}
        news: Things = {}
        for old_path, new_path in _changed_pairs(runner, diff.old_commit, diff.new_commit):
            left = _things(old_path, before, old, diff.findings)
            right = _things(new_path, after, new, diff.findings)
            if left is not None and right is not None:
                olds.update(((t.kind, t.id), t) for t in left)
                news.update(((t.kind, t.id), t) for t in right)
    diff.changes = _compare(olds, news)
    return diff


def _resolve(runner: git.Git, ref: str) -> str:
    if ref.strip() and not ref.startswith("-"):
        try:
            return str(runner.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")).strip()
        except git.GitCommandError:
            pass
    raise UsageError(f"Hittar inte versionen '{ref}' i git.")


def _changed_pairs(runner: git.Git, old: str, new: str) -> Iterator[tuple[str | None, str | None]]:
    """(path before, path after) of every file below the root that differs; None: absent."""
    names = runner.diff(
        "--relative", "--name-status", "-z", "-M", "--no-color", old, *([new] if new else [])
    )
    tokens = [t.strip("\n") for t in str(names).split("\0")]
    index = 0
    while index + 1 < len(tokens) and tokens[index]:
        status = tokens[index][0]
        if status in "RC" and index + 2 < len(tokens):
            first, second = tokens[index + 1], tokens[index + 2]
            index += 3
            yield (first if status == "R" else None), second
        else:
            path = tokens[index + 1]
            index += 2
            yield (None if status == "A" else path), (None if status == "D" else path)
    if not new:
        for path in str(runner.ls_files("-z", "--others", "--exclude-standard")).split("\0"):
            if path:
                yield None, path


Reader = Callable[[str], bytes]


def _reader(repo: git.Repo, commit: str, prefix: str, root: Path) -> Reader:
    """Reads a file (relative to the root) from the commit, or from disk if commit is ""."""
    tree = repo.commit(commit).tree if commit else None

    def read(path: str) -> bytes:
        if tree is None:
            try:
                return read_inside(root, path)
            except Refused as exc:
                raise OSError(f"filen {exc.reason}") from None
        blob = tree / f"{prefix}{path}"
        if not isinstance(blob, git.Blob) or blob.mode == git.Blob.link_mode:
            raise OSError("filen är en länk eller en undermodul")
        return bytes(blob.data_stream.read())

    return read


def _locate(path: str) -> Located | None:
    """What discovery makes of `path`, if it is one of the kinds the diff reads."""
    if not path.startswith(tuple(f"{top}/" for top in K.TOP_FOLDERS)):
        return None
    located = locate(path)  # discovery's rules, without walking a folder
    return located if located is not None and located.kind in _READ else None


def _things(path: str | None, read: Reader, ref: str, found: list[Finding]) -> list[_Thing] | None:
    """What the file holds at one side; [] when absent or not read, None when unreadable."""
    located = _locate(unicodedata.normalize("NFC", path)) if path else None
    if path is None or located is None:
        return []
    try:
        model, problems = _parse(located, read(path))
    except (OSError, KeyError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        model, problems = None, [HISTORIK_OLASLIG.warning(located.path, reason)]
    if model is not None:
        return list(_extract(located, model))
    first = (problems or [HISTORIK_OLASLIG.warning(located.path, "okänt fel")])[0]
    where = "på disk" if ref == WORKTREE else f"i versionen '{ref}'"
    message = f"Filen går inte att läsa {where}: {first.message}"
    hint = "Ändringarna i filen syns inte i jämförelsen. Kör ska validate på den versionen."
    found.append(HISTORIK_OLASLIG.warning(located.path, message, hint, first.line, first.column))
    return None


def _parse(located: Located, data: bytes) -> tuple[Any, list[Finding]]:
    """The file's model (front matter for Markdown), as `load_document` would read it."""
    path, kind = located.path, located.kind
    text, problems = decode(data, path)
    if text is None:
        return None, problems
    offset = 0
    if kind.format is K.FileFormat.MARKDOWN:
        split, problems = split_front_matter(text, path)
        if split is None:
            return None, problems
        text, offset = split.front_matter, split.front_matter_line - 1
    problems = tab_findings(text, path, 1 + offset)
    parsed, more = (None, []) if problems else parse_yaml(text, path, offset)
    if parsed is None:
        return None, problems + more
    try:
        return kind.model.model_validate(parsed.data), []
    except ValidationError as exc:
        return None, findings_from(exc, kind.model, path, parsed.positions.at, data=parsed.data)


def _values(model: Any, *leave_out: str) -> dict[str, Any]:
    """The model's fields by Swedish key, as JSON values, without its id and `leave_out`."""
    return dict(model.model_dump(mode="json", by_alias=True, exclude={"id", *leave_out}))


def _extract(located: Located, model: Any) -> Iterator[_Thing]:
    path = located.path
    year = located.school_year.folder if located.school_year else ""
    where = f"{located.unit or 'huvudman'}/{year}"  # the prefix of ids from a läsår's files
    if isinstance(model, BoardGoals):
        for goal in model.goals:
            yield _Thing("nämndmål", goal.id, goal.name, _values(goal, "indicators"), path)
            for ind in goal.indicators:
                yield _Thing("indikator", f"{goal.id}/{ind.id}", ind.name, _values(ind), path)
    elif isinstance(model, Initiative):
        yield _Thing("insats", located.stem, model.title, _values(model), path)
    elif isinstance(model, DevelopmentPlan):
        for area in model.priorities:
            values = _values(area, "goal_area", "commitments")
            name = area.goal_area.value.replace("_", " ")
            yield _Thing("prioriterat målområde", f"{where}/{area.goal_area}", name, values, path)
            for c in area.commitments:
                yield _Thing("åtagande", f"{where}/{c.id}", c.description, _values(c), path)
    elif isinstance(model, ReportMeta):
        for d in model.development_areas:
            yield _Thing("utvecklingsområde", f"{where}/{d.id}", d.description, _values(d), path)


def _compare(olds: Things, news: Things) -> list[Change]:
    order = list(KINDS)
    changes = []
    for key in sorted(olds.keys() | news.keys(), key=lambda k: (order.index(k[0]), k[1])):
        before, after = olds.get(key), news.get(key)
        fields: list[Field] = []
        if before is not None and after is not None:
            fields = _field_changes(before.values, after.values)
            if before.path != after.path:
                fields.append(("fil", before.path, after.path))
            if not fields:
                continue
        action = CHANGED if fields else ADDED if before is None else REMOVED
        t = after or before
        assert t is not None
        title = _short(_text(t.title))
        changes.append(Change(t.kind, t.id, action, title, tuple(fields), t.path))
    return changes


def _field_changes(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[Field]:
    """(key, old text, new text) of every value that differs; nested mappings by dotted key."""
    found: list[Field] = []
    for key in dict.fromkeys([*old, *new]):
        a, b, name = old.get(key), new.get(key), f"{prefix}{key}"
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            found += _field_changes(a, b, f"{name}.")
        elif isinstance(a, list) and isinstance(b, list):
            found.append((name, *_list_texts(a, b)))
        else:
            found.append((name, _short(_text(a)), _short(_text(b))))
    return found


def _list_texts(old: list[Any], new: list[Any]) -> tuple[str, str]:
    """Both lists in full if they are short, else only what differs, with … for the rest."""
    whole = _text(old), _text(new)
    if max(len(w) for w in whole) <= LIMIT:
        return whole
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1

    def middle(items: list[Any]) -> str:
        text = _short(_text(items[start : len(items) - end]))
        return ", ".join(p for p in ("…" if start else "", text, "…" if end else "") if p)

    return middle(old), middle(new)


def _text(value: Any) -> str:
    """A value as one line of text: lists comma-separated, mappings as key: value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, [], False))
    return " ".join(str(value).split())


def _short(text: str) -> str:
    return text if len(text) <= LIMIT else text[: LIMIT - 1].rstrip() + "…"


# ---------------------------------------------------------------- output


_NONE = "Inga ändringar i mål, indikatorer, insatser, målområden, åtaganden eller \
utvecklingsområden"


def _span(diff: HistoryDiff) -> str:
    new = f"{diff.new} ({diff.new_commit[:10]})" if diff.new_commit else "filerna på disk"
    return f"{diff.old} ({diff.old_commit[:10]}) till {new}"


def _count(changes: list[Change]) -> str:
    counts = [sum(1 for c in changes if c.action == a) for a in (ADDED, REMOVED, CHANGED)]
    words = (("tillagd", "tillagda"), ("borttagen", "borttagna"), ("ändrad", "ändrade"))
    return ", ".join(f"{n} {w[n != 1]}" for n, w in zip(counts, words, strict=True) if n)


def _empty(value: str) -> str:
    return value or "(tomt)"


def to_markdown(diff: HistoryDiff) -> str:
    """Swedish Markdown grouped by kind, for a pull request or the nämnd."""
    lines = [f"## Ändringar från {_span(diff)}", "", f"{_count(diff.changes) or _NONE}.", ""]
    for kind, heading in KINDS.items():
        group = [c for c in diff.changes if c.kind == kind]
        lines += [f"### {heading}", ""] if group else []
        for action, label in ((ADDED, "Nya"), (REMOVED, "Borttagna"), (CHANGED, "Ändrade")):
            chosen = [c for c in group if c.action == action]
            lines += [f"**{label}**", ""] if chosen else []
            for c in chosen:
                lines.append(f"- `{c.id}` – {c.title}")
                lines += [f"  - {k}: {_empty(a)} → {_empty(b)}" for k, a, b in c.fields]
            lines += [""] if chosen else []
    if diff.findings:
        lines += ["### Filer som inte gick att läsa", ""]
        lines += [f"- `{f.location}`: {f.message}" for f in diff.findings]
        lines.append("")
    return "\n".join(lines)


def to_text(diff: HistoryDiff) -> str:
    """Plain lines for the terminal: + added, - removed, ~ changed, fields indented."""
    lines = [f"Ändringar från {_span(diff)}: {_count(diff.changes) or 'inga'}."]
    marks = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
    for c in diff.changes:
        lines.append(f"{marks[c.action]} {c.kind} {c.id}: {c.title} ({c.path})")
        lines += [f"    {k}: {_empty(a)} → {_empty(b)}" for k, a, b in c.fields]
    lines += [f"{f.location}: {f.severity.value}: {f.message}" for f in diff.findings]
    return "\n".join(lines) + "\n"


def to_json(diff: HistoryDiff) -> str:
    """JSON with Swedish keys, like the findings of `ska validate --format json`."""
    changes = [
        {"typ": c.kind, "id": c.id, "ändring": c.action, "titel": c.title, "fil": c.path}
        | {"fält": [{"namn": k, "före": a, "efter": b} for k, a, b in c.fields]}
        for c in diff.changes
    ]
    data = {
        "från": {"version": diff.old, "commit": diff.old_commit},
        "till": {"version": diff.new, "commit": diff.new_commit or None},
        "ändringar": changes,
        "fynd": [f.to_dict() for f in diff.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
