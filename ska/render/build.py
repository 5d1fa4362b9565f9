"""`ska build`: every document of the repository, rendered only when its inputs changed.

A build with the same options as the last, when no input has changed and what it wrote
is still there untouched, is answered from the cache: nothing is read or rendered, and
this module loads no rendering code for it (a CI job or a pre-push hook pays only the
inputs' snapshot). Otherwise ska.render.builder does the work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ska.cache.codec import INT, PATH, TEXT, dict_of, list_of, pair, record
from ska.cache.inputs import Cached, snapshot, unchanged
from ska.cache.store import Store, key
from ska.errors import UsageError
from ska.model import kinds as K
from ska.render.options import MANIFEST, BuildOptions, BuildResult, Progress, Shard

__all__ = ["MANIFEST", "BuildOptions", "BuildResult", "Shard", "build", "safe_folder"]

# Where people's files live: a build folder must never be one of these or contain them.
PROTECTED = (*K.TOP_FOLDERS, "templates", "schemas", ".git")


def build(
    root: Path, options: BuildOptions | None = None, progress: Progress | None = None
) -> BuildResult:
    """Build the repository's documents (see BuildOptions).

    When no input has changed since a build with the same options, and what it wrote is
    still there untouched, nothing is read or rendered (see ska.cache)."""
    options = options or BuildOptions()
    today = options.today or dt.date.today()
    if options.folder is not None:
        safe_folder(root, options.folder)  # refuse before anything is written, the cache too
    store = Store(root)
    try:
        before = snapshot(root, store)
        memo = key("bygg", str(root.resolve()), options.key(today), _tools(), before.digest)
        remembered = None if options.force else _intact(store.get(memo, BUILT))
        if remembered is not None:
            return remembered
        from ska.render.builder import run

        result = run(root, options, today, progress, Cached(store, before))
        if result.ok and unchanged(root, before):  # nothing changed while it built
            store.put(memo, _record(result), BUILT)
        return result
    finally:
        store.close()


@dataclass(frozen=True)
class _Built:
    """A successful build as the cache remembers it: each output and its stat."""

    folder: Path
    outputs: dict[str, list[str]]  # document id → its output files
    stats: dict[str, tuple[int, int]]  # output file → (size, modification time)


BUILT = record(
    _Built,
    folder=PATH,
    outputs=dict_of(list_of(TEXT)),
    stats=dict_of(pair(INT, INT)),
)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _record(result: BuildResult) -> _Built:
    files = [p for paths in result.outputs.values() for p in paths]
    files += [result.folder / MANIFEST, result.folder / "index.html"]
    stats = {str(p): s for p in files if (s := _stat(p)) is not None}
    outputs = {job: [str(p) for p in paths] for job, paths in result.outputs.items()}
    return _Built(result.folder, outputs, stats)


def _intact(built: _Built | None) -> BuildResult | None:
    """The remembered build, if every file it wrote is still there as it wrote it."""
    if built is None:
        return None
    if any(_stat(Path(p)) != stat_ for p, stat_ in built.stats.items()):
        return None
    result = BuildResult(built.folder, unchanged=list(built.outputs))
    result.outputs = {job: [Path(p) for p in paths] for job, paths in built.outputs.items()}
    return result


def _tools() -> str:
    """The installed pandoc and Typst, by their packages (no process is started)."""
    return f"{metadata.version('pypandoc_binary')}; {metadata.version('typst')}"


def safe_folder(root: Path, folder: Path) -> Path:
    """The build folder, unless writing there could overwrite the repository's own files."""
    target, top = folder.resolve(), root.resolve()
    clash = top.is_relative_to(target) or any(
        target.is_relative_to(top / name) for name in PROTECTED
    )
    if clash or (target.parent == top and (target.name.startswith(".") or target.is_file())):
        raise UsageError(
            f"Byggmappen {folder} skulle kunna skriva över repositoriets egna filer. "
            "Välj en egen mapp, t.ex. bygg/."
        )
    return folder
