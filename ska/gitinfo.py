"""What git knows about the repository's files: whether each is committed, and when.

The documentation lives in git, so git's history is the audit trail: the commit that
added a kvalitetsrapport is when it was handed in. Every function here answers None
rather than raising when the folder is not in a git repository, the repository has no
commits yet, the file was never committed, or git itself is missing, so a rule can
decide what an unknown date means.

The history is read with one `git log` per repository and HEAD commit and then
cached, so a run over many units reads it once, and a new commit gives fresh answers.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_git: Any
try:
    import git as _git
except ImportError:  # pragma: no cover - GitPython refuses to import without a git binary
    _git = None

# (work tree, HEAD) → the history of adds and renames at that HEAD
_CACHE: dict[tuple[str, str], _History] = {}


@dataclass(frozen=True, slots=True)
class _Change:
    order: int  # place in `git log`, newest first
    date: dt.date
    renamed_from: str | None  # None: the commit added the file


class _History:
    """Every add and rename in a repository's history, by the path they produced."""

    def __init__(self, changes: dict[str, list[_Change]]) -> None:
        self.changes = changes
        self.answers: dict[str, dt.date | None] = {}

    def first_added(self, path: str) -> dt.date | None:
        """The date `path`, followed back through its renames, was first added."""
        if path not in self.answers:
            self.answers[path] = self._trace(path)
        return self.answers[path]

    def _trace(self, path: str) -> dt.date | None:
        found = None
        current, after = path, -1
        for _ in range(10_000):  # guards against a cycle of renames
            change = next((c for c in self.changes.get(current, []) if c.order > after), None)
            if change is None:
                break
            after = change.order
            if change.renamed_from is None:
                found = change.date  # keep looking: an older add of the same name wins
            else:
                current = change.renamed_from
        return found


def _command(folder: Path) -> Any:
    assert _git is not None
    return _git.Git(str(folder))


def _errors() -> tuple[type[BaseException], ...]:
    assert _git is not None
    return (_git.GitError, OSError, ValueError)


def work_tree(root: Path) -> Path | None:
    """The top folder of the git work tree `root` is in, or None if it is in none."""
    if _git is None or not root.is_dir():
        return None
    try:
        top = _command(root).rev_parse("--show-toplevel")
    except _errors():
        return None
    return Path(top) if top else None


def _head(top: Path, ref: str = "HEAD") -> str | None:
    try:
        head = _command(top).rev_parse("--quiet", "--verify", f"{ref}^{{commit}}")
    except _errors():  # no commits yet
        return None
    return str(head) or None


def main_branch(root: Path) -> str:
    """The repository's main branch: `main`, else `master`, else the current HEAD."""
    top = work_tree(root)
    if top is not None:
        for name in ("main", "master"):
            if _head(top, f"refs/heads/{name}") is not None:
                return f"refs/heads/{name}"
    return "HEAD"


class FirstDates:
    """First-commit dates of many files of one work tree and branch, for one run: the
    work tree and the branch are looked up once, not once per file."""

    def __init__(self, root: Path, ref: str = "HEAD") -> None:
        self.root = root
        self.top = work_tree(root)
        self.head = _head(self.top, ref) if self.top is not None else None

    def of(self, path: str) -> dt.date | None:
        """Like first_commit_date(root, path, ref)."""
        if self.top is None or self.head is None:
            return None
        try:
            relative = Path(os.path.relpath((self.root / path).resolve(), self.top.resolve()))
        except ValueError:  # another drive on Windows
            return None
        if relative.as_posix().startswith("../"):
            return None
        key = (str(self.top), self.head)
        if key not in _CACHE:
            _CACHE[key] = _read_history(self.top, self.head)
        return _CACHE[key].first_added(relative.as_posix())


def first_commit_date(root: Path, path: str, ref: str = "HEAD") -> dt.date | None:
    """The committer date of the first commit on `ref` that added `path` (relative to `root`).

    Follows renames, so a file moved to a new folder keeps the date it was first
    committed under its old name. None when `root` is not in a git repository, the
    repository has no commits, or the file has never been committed on that branch.
    """
    return FirstDates(root, ref).of(path)


def _read_history(top: Path, commit: str) -> _History:
    """One `git log` over the whole history: each commit's adds and renames.

    `git log --follow` is not used: it also follows copies, so a report copied from a
    template would get the template's date.
    """
    changes: dict[str, list[_Change]] = {}
    try:
        out = _command(top).log(
            "-M",
            "--diff-filter=AR",
            "--name-status",
            "-z",
            "--no-color",
            "--format=%x01%cs",
            commit,
        )
    except _errors():
        return _History(changes)
    order = 0
    for chunk in str(out).split("\x01")[1:]:
        fields = chunk.split("\0")
        try:
            date = dt.date.fromisoformat(fields[0].strip())
        except ValueError:
            continue
        tokens = [f.strip("\n") for f in fields[1:]]
        index = 0
        while index < len(tokens) and tokens[index]:
            status = tokens[index]
            if status.startswith("R") and index + 2 < len(tokens):
                source, target = tokens[index + 1], tokens[index + 2]
                index += 3
            elif index + 1 < len(tokens):
                source, target = None, tokens[index + 1]
                index += 2
            else:
                break
            changes.setdefault(target, []).append(_Change(order, date, source))
            order += 1
    return _History(changes)


def clear_cache() -> None:
    """Forget every cached answer (for long-running processes and tests)."""
    _CACHE.clear()


def untracked_and_ignored(root: Path) -> tuple[set[str], set[str]] | None:
    """(untracked, ignored) files under `root`, relative to it, or None outside git."""
    if work_tree(root) is None:
        return None
    runner = _command(root)
    try:
        untracked = runner.ls_files("-z", "--others", "--exclude-standard")
        ignored = runner.ls_files("-z", "--others", "--ignored", "--exclude-standard")
    except _errors():
        return None
    return _paths(untracked), _paths(ignored)


def _paths(output: str) -> set[str]:
    """Paths from `git ls-files -z`, in NFC like the rest of ska."""
    return {unicodedata.normalize("NFC", p) for p in str(output).split("\0") if p}


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit as provenance shows it."""

    hash: str
    date: dt.date
    author: str

    @property
    def short(self) -> str:
        return self.hash[:10]


_LAST: dict[tuple[str, str], dict[str, Commit]] = {}


def last_commits(root: Path) -> dict[str, Commit]:
    """For every file under `root` ever committed: the last commit that changed it.

    Paths are relative to `root` (NFC). One `git log` per HEAD, cached. Empty outside git.
    """
    top = work_tree(root)
    head = _head(top) if top is not None else None
    if head is None:
        return {}
    key = (str(root.resolve()), head)
    if key not in _LAST:
        _LAST[key] = _read_last(root)
    return _LAST[key]


def _read_last(root: Path) -> dict[str, Commit]:
    try:
        out = _command(root).log(
            "--relative",
            "--name-only",
            "-z",
            "--no-color",
            "--format=%x01%H%x1f%cs%x1f%an",
            "--",
            ".",
        )
    except _errors():
        return {}
    found: dict[str, Commit] = {}
    for chunk in str(out).split("\x01")[1:]:
        header, _, names = chunk.partition("\0")  # header NUL, newline, NUL-separated names
        fields = header.split("\x1f")
        if len(fields) != 3:
            continue
        commit = Commit(fields[0], dt.date.fromisoformat(fields[1]), fields[2])
        for name in names.split("\0"):
            path = unicodedata.normalize("NFC", name.strip("\n"))
            if path and path not in found:
                found[path] = commit
    return found


def changed_since_commit(root: Path) -> set[str] | None:
    """Files under `root` with changes not committed (staged, unstaged or new), or None."""
    top = work_tree(root)
    if top is None:
        return None
    try:
        out = _command(root).status("--porcelain", "-z", "--untracked-files=all", "--", ".")
    except _errors():
        return None
    prefix = Path(os.path.relpath(root.resolve(), top.resolve())).as_posix()
    changed = set()
    for entry in str(out).split("\0"):
        if len(entry) > 3:
            path = unicodedata.normalize("NFC", entry[3:])
            if prefix != ".":
                if not path.startswith(prefix + "/"):
                    continue
                path = path[len(prefix) + 1 :]
            changed.add(path)
    return changed
