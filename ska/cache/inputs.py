"""What a run reads, as content hashes: the files under plans/ and units/, the
configuration, the build folder and the state of git.

Hashing 100 MB on every run would cost more than it saves, so a stat index (size,
modification time, inode) remembers each file's hash, as git's index does. A file
modified in the same second as the index was written is hashed again, since a second
change within that second would not show in its stat.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ska.cache.codec import Codec
from ska.cache.store import Store, git_files
from ska.files import Refused, folders_remembered, read_inside
from ska.model import kinds as K

T = TypeVar("T")

_RACY_SECONDS = 2
_FOLDERS = (*K.TOP_FOLDERS, "templates")
_ROOT_FILES = (K.CONFIG.pattern, ".gitignore")
_NO_GIT = "ingen git"


@dataclass(frozen=True)
class Snapshot:
    """The content hash of every input file, and one hash over them all."""

    files: dict[str, str]  # repository-relative path → sha256 of its content
    digest: str
    refs: str = ""  # git's commits: HEAD and the branches
    # What was walked, by stat: each file's signature, the folders, git's index file.
    stats: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    folders: tuple[str, ...] = ()
    git_index: str = ""
    tracked: str = ""  # the digest of git's commits and of what it tracks

    def changed_since(self, other: Snapshot) -> set[str]:
        paths = self.files.keys() | other.files.keys()
        return {p for p in paths if self.files.get(p) != other.files.get(p)}


@dataclass(frozen=True)
class Cached:
    """A store and the content hashes of this run's inputs: what a cache lookup needs."""

    store: Store
    snapshot: Snapshot

    def sha(self, path: str) -> str | None:
        return self.snapshot.files.get(path)

    def remember(self, name: str, codec: Codec[T], compute: Callable[[], T]) -> T:
        """The value stored under `name`, or `compute()`'s, stored for the next run."""
        found = self.store.get(name, codec)
        if found is not None:
            return found
        value = compute()
        self.store.put(name, value, codec)
        return value


def _walk(root: Path, folder: str, found: dict[str, os.stat_result]) -> None:
    prefix = len(str(root)) + 1
    stack = [os.path.join(root, folder)]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    elif entry.is_file():
                        found[entry.path[prefix:].replace(os.sep, "/")] = entry.stat()
        except OSError:
            continue


def _signature(stat: os.stat_result) -> str:
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{stat.st_ctime_ns}"


def _sha(root: Path, rel: str) -> str | None:
    try:
        return hashlib.sha256(read_inside(root, rel, limit=None)).hexdigest()
    except (OSError, Refused):
        return None


def _git_folder(root: Path) -> Path | None:
    git = root / ".git"
    if git.is_file():  # a worktree: "gitdir: <path>"
        text = git.read_text(encoding="utf-8", errors="replace").strip()
        git = (root / text.removeprefix("gitdir:").strip()).resolve()
    return git if git.is_dir() else None


def _git_state(root: Path, listing: bytes | None) -> tuple[str, str]:
    """What of git the rules read: the commits of HEAD and the branches (the first
    digest), and with them which files are tracked at which content (the second; `git
    ls-files -s`, given as `listing` if the store has just asked git; the index's own
    stat data is left out, since `git status` rewrites it without changing anything)."""
    git = _git_folder(root)
    if git is None:
        return _NO_GIT, _NO_GIT
    commits = _commits(git)
    listing = git_files(root) if listing is None else listing
    if listing is None:
        return commits, "git kunde inte läsas"
    return commits, hashlib.sha256(commits.encode() + listing).hexdigest()


def _commits(git: Path) -> str:
    digest = hashlib.sha256()
    refs: dict[str, os.stat_result] = {}
    _walk(git, "refs", refs)
    for name in ("HEAD", "packed-refs", *sorted(refs)):
        with contextlib.suppress(OSError):
            digest.update(name.encode() + b"\0" + (git / name).read_bytes())
    return digest.hexdigest()


def _index(root: Path) -> str:
    """The stat of git's index: it changes when anything is staged or committed."""
    git = _git_folder(root)
    try:
        return _signature((git / "index").stat()) if git is not None else ""
    except OSError:
        return ""


def snapshot(root: Path, store: Store, extra_folders: tuple[str, ...] = ()) -> Snapshot:
    """Hash every input file, rehashing only those whose stat changed."""
    with folders_remembered():
        return _snapshot(root, store, extra_folders)


def unchanged(root: Path, before: Snapshot) -> bool:
    """Whether the inputs are still as `before` found them, by their stat (no hashing, no
    store, and a git process only when git's index was written): a run stores its result
    only if nothing changed while it ran."""
    with folders_remembered():
        stats = _stats(root, before.folders)
    if {rel: _signature(stat) for rel, stat in stats.items()} != before.stats:
        return False
    git = _git_folder(root)
    if (_commits(git) if git is not None else _NO_GIT) != before.refs:
        return False
    # `git status` rewrites the index without changing what it tracks: only when the
    # index was written is git asked what it tracks now.
    return _index(root) == before.git_index or _git_state(root, None)[1] == before.tracked


def _stats(root: Path, folders: tuple[str, ...]) -> dict[str, os.stat_result]:
    stats: dict[str, os.stat_result] = {}
    for folder in folders:
        _walk(root, folder, stats)
    for name in _ROOT_FILES:
        try:
            stats[name] = (root / name).stat()
        except OSError:
            continue
    return stats


def _snapshot(root: Path, store: Store, extra_folders: tuple[str, ...]) -> Snapshot:
    listing = store.take_listing()
    git_index = _index(root)
    folders = (*_FOLDERS, *extra_folders)
    stats = _stats(root, folders)
    signatures = {rel: _signature(stat) for rel, stat in stats.items()}
    index = store.stat_index()
    fresh: dict[str, tuple[str, str]] = {}
    files: dict[str, str] = {}
    racy_after = time.time_ns() - _RACY_SECONDS * 1_000_000_000
    for rel, stat in stats.items():
        signature = signatures[rel]
        known = index.get(rel)
        if known is not None and known[0] == signature and stat.st_mtime_ns < racy_after:
            sha = known[1]
        else:
            computed = _sha(root, rel)
            if computed is None:
                continue
            sha = computed
        files[rel] = sha
        fresh[rel] = (signature, sha)
    store.update_stat_index(
        {rel: entry for rel, entry in fresh.items() if index.get(rel) != entry},
        index.keys() - fresh.keys(),
    )
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(f"{rel}\0{files[rel]}\n".encode("utf-8", "surrogateescape"))
    refs, git = _git_state(root, listing)
    digest.update(git.encode())
    return Snapshot(files, digest.hexdigest(), refs, signatures, folders, git_index, git)
