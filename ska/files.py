"""Files, read and written safely: the one way ska opens a repository's files, and the one
way it writes its own.

Reading: every file of the repository (YAML, Markdown, CSV, templates, CSS, pictures) is
opened by `read_inside`, which refuses, before reading a byte, a path that leads out of
the repository (through `..` or a symbolic link), anything that is not a regular file
(a folder, a FIFO, a device, which could hang or never end) and a file over the size
limit. Writing: `write_atomic` writes a temporary file in the same folder and renames it,
so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ska.errors import SkaError

MAX_FILE_BYTES = 2 * 1024 * 1024
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A file ska does not read. `reason` completes the sentence "Filen …" in Swedish;
    `too_large` tells a file over the limit from the other reasons."""

    def __init__(self, reason: str, too_large: bool = False, size: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large
        self.size = size


# Folder → its real path, while `folders_remembered` is active (None: not remembered).
_REAL_FOLDERS: dict[str, str] | None = None


@contextmanager
def folders_remembered() -> Iterator[None]:
    """Resolve each folder's symbolic links once while a whole repository is read.

    `os.path.realpath` checks every part of a path with lstat: 14,000 files six folders
    deep cost 150,000 system calls, each file twice. Within this block a folder's real
    path is remembered, and a file costs one lstat (is it a link?). A folder swapped for
    a link while the block runs is not seen; any later run resolves it again.
    """
    global _REAL_FOLDERS
    outer = _REAL_FOLDERS
    if outer is None:
        _REAL_FOLDERS = {}
    try:
        yield
    finally:
        _REAL_FOLDERS = outer


def _realpath(path: str) -> str:
    """`os.path.realpath(path)`, with folders remembered (see `folders_remembered`)."""
    folders = _REAL_FOLDERS
    if folders is None:
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or not folder or folder == path:
        return os.path.realpath(path)
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = _realpath(folder)
    joined = os.path.join(real_folder, name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside `root`."""
    top = _realpath(os.fspath(root))
    real = _realpath(os.fspath(path))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def read_inside(root: Path, rel: str | Path, limit: int | None = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file `rel` inside the repository `root`.

    Raises `Refused` (with the reason, never with the file's content) for a path out of
    the repository, a symbolic link that leads out, something that is not a regular file
    or a file over `limit` bytes; `OSError` for a file that cannot be opened.
    """
    path = Path(root) / rel
    real = _realpath(os.fspath(path))
    if not inside(root, Path(real)):
        if os.path.islink(path) or any(p.is_symlink() for p in _parents(Path(root), path)):
            raise Refused("är en symbolisk länk som pekar utanför repositoriet")
        raise Refused("ligger utanför repositoriet")
    fd = os.open(real, _FLAGS)
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise Refused("är inte en vanlig fil")
        if limit is not None and found.st_size > limit:
            raise Refused(
                f"är {found.st_size // 1024} KiB, mer än gränsen {limit // 1024} KiB",
                too_large=True,
                size=found.st_size,
            )
        chunks = []
        remaining = found.st_size + 1 if limit is None else limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:  # grew while being read
        raise Refused(f"är mer än gränsen {limit // 1024} KiB", too_large=True, size=len(data))
    return data


def _parents(root: Path, path: Path) -> list[Path]:
    """The folders between `root` and `path`, and `path` itself."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return []
    return [root.joinpath(*parts[: i + 1]) for i in range(len(parts))]


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write via a temporary file in the same folder and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes 0600; output is for others too
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def temporary_beside(path: Path) -> Path:
    """A fresh temporary file name in `path`'s folder, for a writer that writes by name
    (pandoc): write there, then `os.replace` it onto `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    return Path(temporary)


def publish(temporary: Path, path: Path) -> None:
    """Move a finished temporary file onto `path`, readable by others."""
    os.chmod(temporary, 0o666 & ~_UMASK)
    os.replace(temporary, path)


def inside_folder(folder: Path, path: Path) -> Path:
    """`path`, after checking that it lies inside `folder` (no `..`, no links out)."""
    if not inside(folder, path):
        raise SkaError(f"{path} ligger utanför byggmappen {folder}; inget skrevs.")
    return path
