"""Writing build output safely: atomically, and only inside the build folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ska.errors import SkaError

_UMASK = os.umask(0o022)
os.umask(_UMASK)


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


def inside(folder: Path, path: Path) -> Path:
    """`path`, after checking that it lies inside `folder` (no `..`, no links out)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise SkaError(f"{path} ligger utanför byggmappen {folder}; inget skrevs.")
    return path
