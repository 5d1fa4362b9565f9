"""What git knows about the repository's files: when each one was first committed.

The documentation lives in git, so git's history is the audit trail: the commit that
added a kvalitetsrapport is when it was handed in. Every function here answers None
rather than raising when the folder is not in a git repository, the repository has no
commits yet, the file was never committed, or git itself is missing, so a rule can
decide what an unknown date means.

Answers are cached per repository and HEAD commit: a new commit gives fresh answers,
and a run over many units asks git once per file.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

_git: Any
try:
    import git as _git
except ImportError:  # pragma: no cover - GitPython refuses to import without a git binary
    _git = None

# (work tree, HEAD) → path relative to the work tree → date of the commit that added it
_CACHE: dict[tuple[str, str], dict[str, dt.date | None]] = {}


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


def _head(top: Path) -> str | None:
    try:
        head = _command(top).rev_parse("--quiet", "--verify", "HEAD")
    except _errors():  # no commits yet
        return None
    return str(head) or None


def first_commit_date(root: Path, path: str) -> dt.date | None:
    """The committer date of the first commit that added `path` (relative to `root`).

    Follows renames, so a file moved to a new folder keeps the date it was first
    committed under its old name. None when `root` is not in a git repository, the
    repository has no commits, or the file has never been committed on the current
    branch.
    """
    top = work_tree(root)
    if top is None:
        return None
    head = _head(top)
    if head is None:
        return None
    try:
        relative = Path(os.path.relpath((root / path).resolve(), top.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return None
    if relative.startswith("../"):
        return None
    dates = _CACHE.setdefault((str(top), head), {})
    if relative not in dates:
        dates[relative] = _added(top, relative)
    return dates[relative]


def _added(top: Path, relative: str) -> dt.date | None:
    try:
        out = _command(top).log("--diff-filter=A", "--follow", "--format=%cs", "--", relative)
    except _errors():
        return None
    lines = [line for line in str(out).splitlines() if line.strip()]
    if not lines:
        return None
    try:
        return dt.date.fromisoformat(lines[-1].strip())  # the oldest: log lists newest first
    except ValueError:
        return None


def clear_cache() -> None:
    """Forget every cached answer (for long-running processes and tests)."""
    _CACHE.clear()
