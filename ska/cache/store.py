"""A content-addressed store in `.ska-cache/` at the repository root.

Values are found by a key made of everything they were computed from: the content
hashes of the files, the options and the fingerprint of ska's own code. A value is
therefore never stale; at worst it is unused. The store is an SQLite file, so a crash
mid-write leaves the previous state, and any error reading it (a corrupt or foreign
file, a full disk, a read-only folder) means working without a cache, never failing.
Set `SKA_CACHE=av` to turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ska.shipped import TEMPLATES

FOLDER = ".ska-cache"
_FORMAT = 1  # bump when the layout of stored values changes
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


def key(*parts: object) -> str:
    """A key for a value computed from `parts` by this version of ska."""
    global CODE
    if CODE is None:
        CODE = _code_fingerprint()
    digest = hashlib.sha256(CODE.encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(repr(part).encode())
    return digest.hexdigest()


class Store:
    """Key → value, and the stat index of files. Unusable means empty, never an error."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self._db: sqlite3.Connection | None = None
        if enabled():
            self._db = self._open() or self._open()  # a broken file is replaced once

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(_GITIGNORE, encoding="utf-8")
            db = sqlite3.connect(self.folder / "cache.sqlite", timeout=5, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS blob (key TEXT PRIMARY KEY, value BLOB)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS stat (path TEXT PRIMARY KEY, sig TEXT, sha TEXT)"
            )
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

    def get(self, key: str) -> Any:
        """The value stored under `key`, or None (also when it cannot be read back)."""
        row = self._guard(
            lambda db: db.execute("SELECT value FROM blob WHERE key = ?", (key,)).fetchone(), None
        )
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # a value pickled by other code is simply not there
            return None

    def put(self, key: str, value: Any) -> None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._guard(
            lambda db: db.execute("INSERT OR REPLACE INTO blob VALUES (?, ?)", (key, data)), None
        )

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}

        def read(db: sqlite3.Connection) -> None:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM blob WHERE key IN ({marks})"
                for name, data in db.execute(query, chunk):
                    try:
                        found[name] = pickle.loads(data)
                    except Exception:
                        continue

        self._guard(read, None)
        return found

    def put_many(self, items: dict[str, Any]) -> None:
        rows = [(k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in items.items()]

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO blob VALUES (?, ?)", rows)

        if rows:
            self._guard(write, None)

    def stat_index(self) -> dict[str, tuple[str, str]]:
        rows = self._guard(lambda db: db.execute("SELECT path, sig, sha FROM stat").fetchall(), [])
        return {path: (sig, sha) for path, sig, sha in rows}

    def save_stat_index(self, entries: dict[str, tuple[str, str]]) -> None:
        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("BEGIN")
                db.execute("DELETE FROM stat")
                db.executemany(
                    "INSERT INTO stat VALUES (?, ?, ?)",
                    [(path, sig, sha) for path, (sig, sha) in entries.items()],
                )

        self._guard(write, None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
