"""A content-addressed store in `.ska-cache/` at the repository root.

Values are found by a key made of everything they were computed from: the content
hashes of the files, the options and the fingerprint of ska's own code. A value is
therefore never stale; at worst it is unused. The store is an SQLite file, so a crash
mid-write leaves the previous state, and any error reading it (a corrupt or foreign
file, a full disk, a read-only folder) means working without a cache, never failing.
Set `SKA_CACHE=av` to turn it off.

The store holds data, never code: each value is JSON written and read by its codec
(ska.cache.codec), and what does not decode is absent. A cache that git tracks may
have been written by anyone who can push a commit, so it is neither read nor written:
the run works as with `SKA_CACHE=av`. Whether git tracks it comes from the `git
ls-files` that the content hashes need anyway (ska.cache.inputs): no extra git process.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from ska.cache.codec import Codec
from ska.shipped import TEMPLATES

T = TypeVar("T")

FOLDER = ".ska-cache"
# Bump when the layout of stored values changes: the fingerprint changes every key, and
# a file of another format is emptied when opened (format 1 held pickles; format 2 had
# no record of the ska that wrote it).
_FORMAT = 3
_GITIGNORE = "# ska:s cache; skapas om när den behövs.\n*\n"
# What reads the files and the PDFs decides the findings too.
_LIBRARIES = ("pydantic-", "pydantic_core-", "pyyaml-", "pypdf-")


def _libraries() -> list[str]:
    """The installed versions of the libraries, from their dist-info folders' names (a
    directory listing: far cheaper than importlib.metadata)."""
    found = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            found += [
                name
                for name in os.listdir(entry or ".")
                if name.endswith(".dist-info") and name.casefold().startswith(_LIBRARIES)
            ]
    return sorted(found)


def enabled() -> bool:
    return os.environ.get("SKA_CACHE", "").casefold() not in {"av", "0", "nej", "off"}


def git_files(root: Path) -> bytes | None:
    """`git ls-files -s -z` in `root`: every file git tracks under it, with its content
    hash; None when git cannot tell (no repository, no git)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-s", "-z"],
            cwd=root,
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return listed.stdout


# In `git ls-files -s -z`, each entry is "<mode> <hash> <stage>\t<path>\0": a path that
# is the cache folder, or lies in it, follows the entry's first tab. In any case: on macOS
# and Windows `.SKA-cache` is the same folder.
_TRACKED = re.compile(rb"\t" + re.escape(FOLDER.encode()) + rb"(?:/|\x00)", re.IGNORECASE)


def tracks_cache(listing: bytes | None) -> bool:
    """Whether git tracks anything in the cache folder, by the listing of `git_files`
    (a scan of 10 ms for 300,000 files)."""
    if listing is None:
        return False
    for match in _TRACKED.finditer(listing):  # a tab in a file name can match too
        entry = listing.rfind(b"\x00", 0, match.start()) + 1
        if listing.find(b"\t", entry) == match.start():
            return True
    return False


def _code_fingerprint() -> str:
    """The content of every module and template of ska (6 ms): a changed ska, a new key,
    however it was installed, and an unchanged one keeps its cache, e.g. between CI runs."""
    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version}".encode())
    digest.update(" ".join(_libraries()).encode())
    for folder in (Path(__file__).resolve().parent.parent, TEMPLATES):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".j2", ".typst", ".lua", ".css", ".docx", ".yml", ".html"}:
                digest.update(f"{folder.name}/{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


CODE: str | None = None  # worked out on first use, not when ska is imported
_SEED: tuple[str, Any] | None = None  # CODE and its sha256, copied for each key


def _code() -> str:
    global CODE
    if CODE is None:
        CODE = _code_fingerprint()
    return CODE


def key(*parts: object) -> str:
    """A key for a value computed from `parts` by this version of ska."""
    global _SEED
    code = _code()
    if _SEED is None or _SEED[0] != code:
        _SEED = (code, hashlib.sha256(code.encode()))
    digest = _SEED[1].copy()
    for part in parts:
        digest.update(b"\0")
        digest.update(repr(part).encode())
    found: str = digest.hexdigest()
    return found


class Store:
    """Key → value, and the stat index of files. Unusable means empty, never an error."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self._db: sqlite3.Connection | None = None
        self._listing = git_files(root)
        self.tracked = tracks_cache(self._listing)  # then neither read nor written
        if enabled() and not self.tracked:
            self._db = self._open() or self._open()  # a broken file is replaced once

    def take_listing(self) -> bytes | None:
        """The `git_files` listing made when the store was opened, once: the first
        snapshot uses it, a later one asks git again."""
        listing, self._listing = self._listing, None
        return listing

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(_GITIGNORE, encoding="utf-8")
            db = sqlite3.connect(self.folder / "cache.sqlite", timeout=5, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != _FORMAT:
                _recreate(db)
            _forget_other_code(db)
            return db
        except (OSError, sqlite3.Error):
            self._reset()
            return None

    def _reset(self) -> None:
        """Throw a broken cache away, so that the next run starts a fresh one."""
        for name in ("cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"):
            with contextlib.suppress(OSError):
                (self.folder / name).unlink(missing_ok=True)

    def _guard(self, action: Any, default: Any) -> Any:
        if self._db is None:
            return default
        try:
            return action(self._db)
        except (sqlite3.Error, OSError):
            self._db = None
            self._reset()
            return default

    def get(self, key: str, codec: Codec[T]) -> T | None:
        """The value stored under `key`, or None (also when it does not decode)."""
        row = self._guard(
            lambda db: db.execute("SELECT value FROM blob WHERE key = ?", (key,)).fetchone(), None
        )
        return None if row is None else codec.loads(row[0])

    def put(self, key: str, value: T, codec: Codec[T]) -> None:
        data = codec.dumps(value)
        self._guard(
            lambda db: db.execute("INSERT OR REPLACE INTO blob VALUES (?, ?)", (key, data)), None
        )

    def get_many(self, keys: Iterable[str], codec: Codec[T]) -> dict[str, T]:
        """The values found under `keys`: those missing or not decoding are left out."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, T] = {}

        def read(db: sqlite3.Connection) -> None:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM blob WHERE key IN ({marks})"
                for name, data in db.execute(query, chunk):
                    value = codec.loads(data)
                    if value is not None:
                        found[name] = value

        self._guard(read, None)
        return found

    def put_many(self, items: dict[str, T], codec: Codec[T]) -> None:
        rows = [(k, codec.dumps(v)) for k, v in items.items()]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO blob VALUES (?, ?)", rows)

        if rows:
            self._guard(write, None)

    def stat_index(self) -> dict[str, tuple[str, str]]:
        rows = self._guard(lambda db: db.execute("SELECT path, sig, sha FROM stat").fetchall(), [])
        return {
            path: (sig, sha)
            for path, sig, sha in rows
            if type(path) is str and type(sig) is str and type(sha) is str
        }

    def update_stat_index(
        self, changed: dict[str, tuple[str, str]], removed: Iterable[str]
    ) -> None:
        """Write the stat index's rows that changed and drop those of removed files."""
        gone = [(path,) for path in removed]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.executemany("DELETE FROM stat WHERE path = ?", gone)
                db.executemany(
                    "INSERT OR REPLACE INTO stat VALUES (?, ?, ?)",
                    [(path, sig, sha) for path, (sig, sha) in changed.items() if _text(path)],
                )

        if changed or gone:
            self._guard(write, None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _text(path: str) -> bool:
    """Whether SQLite can store `path`: not a name that is no UTF-8 (os.scandir gives
    its bytes as lone surrogates). Such a file is hashed again on every run instead."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _forget_other_code(db: sqlite3.Connection) -> None:
    """Every key holds the fingerprint of the ska that computed its value, so after an
    upgrade the old values are never read again: they are deleted rather than left to
    grow the file with each version (SQLite reuses their pages). The stat index does not
    depend on ska's code and stays."""
    code = _code()
    row = db.execute("SELECT value FROM meta WHERE name = 'kod'").fetchone()
    if row is not None and row[0] == code:
        return
    with db:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM blob")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('kod', ?)", (code,))


def _recreate(db: sqlite3.Connection) -> None:
    """Empty a file of another format (or a new one) and lay out this format's tables;
    VACUUM leaves nothing of the old values in the file."""
    with db:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("PRAGMA user_version").fetchone()[0] == _FORMAT:
            return  # another process was first
        old = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        for table in ("blob", "stat", "meta"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("CREATE TABLE blob (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE stat (path TEXT PRIMARY KEY, sig TEXT, sha TEXT)")
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute(f"PRAGMA user_version = {_FORMAT}")
    if old:
        with contextlib.suppress(sqlite3.Error):  # busy: the old pages are unreachable anyway
            db.execute("VACUUM")
