"""`ska build`: every document of the repository, rendered only when its inputs changed.

For each document: prepare its context (cheap: reading models, arranging data), render
the Jinja template to Markdown, and compare a key over that Markdown, its charts, the
conversion templates and the tools' versions with the key of the last build. Only a
changed key leads to rendering work (pandoc, Typst), which runs on all cores. Output
goes only into the build folder; the manifest there remembers the keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ska import __version__
from ska.cache.codec import INT, PATH, TEXT, dict_of, list_of, pair, record
from ska.cache.inputs import Cached, snapshot
from ska.cache.store import Store, key
from ska.errors import SkaError, UsageError
from ska.files import inside, write_atomic
from ska.findings import Finding, error
from ska.load.repository import Repository, bulk
from ska.model.types import SchoolYear
from ska.render import convert
from ska.render.chartcache import ChartCache
from ska.render.context import Prepared
from ska.render.documents import KINDS, Inputs, Job, jobs_for
from ska.render.site import write_site
from ska.render.templating import TemplateFailure, environment, render, template_source
from ska.rules.config import resolve

MANIFEST = ".ska-bygg.json"
CONVERSION_TEMPLATES = ("typst/ska.typst", "filters/bilder.lua", "html/ska.css", "referens.docx")


@dataclass(frozen=True)
class Shard:
    """Build slice `index` (1-based) of `count`, for a CI matrix."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageError(f"'{text}' är ingen del. Skriv t.ex. --shard 1/4.") from None
        if not 1 <= index <= count:
            raise UsageError(f"Delen {index}/{count} finns inte: välj 1 till {count}.")
        return cls(index, count)


@dataclass
class BuildResult:
    folder: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    outputs: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings


Progress = Callable[[str], None]


def build(
    root: Path,
    folder: Path | None = None,
    years: list[SchoolYear] | None = None,
    formats: tuple[str, ...] = convert.FORMATS,
    shard: Shard | None = None,
    force: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    today: dt.date | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> BuildResult:
    """Build the repository's documents into `folder` (default: the configured one).

    When no input has changed since a build with the same options, and what it wrote is
    still there untouched, nothing is read or rendered (see ska.cache)."""
    today = today or dt.date.today()
    if folder is not None:
        _safe_folder(root, folder)  # refuse before anything is written, the cache too
    store = Store(root)
    try:
        before = snapshot(root, store)
        options = (folder, years, formats, shard, kinds, today, _tools())
        memo = key("bygg", str(root.resolve()), options, before.digest)
        remembered = None if force else _intact(store.get(memo, BUILT))
        if remembered is not None:
            return remembered
        with bulk():
            result = _build(
                root,
                folder,
                years,
                formats,
                shard,
                force,
                progress,
                workers,
                today,
                kinds,
                Cached(store, before),
            )
        if result.ok and snapshot(root, store).digest == before.digest:
            store.put(memo, _record(result), BUILT)
        return result
    finally:
        store.close()


def _build(
    root: Path,
    folder: Path | None,
    years: list[SchoolYear] | None,
    formats: tuple[str, ...],
    shard: Shard | None,
    force: bool,
    progress: Progress | None,
    workers: int | None,
    today: dt.date,
    kinds: tuple[str, ...],
    cache: Cached | None = None,
) -> BuildResult:
    repo = Repository(root)
    config, _ = resolve(repo, today)
    folder = _safe_folder(root, folder or root / config.settings.build_folder)
    folder.mkdir(parents=True, exist_ok=True)
    result = BuildResult(folder)
    manifest = _read_manifest(folder)
    env = environment(root)
    jobs = jobs_for(repo, years, kinds, today)
    if shard is not None:
        jobs = [j for i, j in enumerate(jobs) if i % shard.count == shard.index - 1]
    conversion = _conversion_key(root, formats)
    inputs = Inputs(
        root,
        config.settings.min_group_size,
        today,
        ChartCache(folder / ".diagram"),
        settings=config.settings,
        cache=cache,
    )
    pending: list[tuple[Job, Prepared, str, str]] = []
    for job in jobs:
        try:
            prepared = job.prepare(inputs)
        except TemplateFailure as exc:
            result.findings.append(exc.finding)
            continue
        if prepared is None:
            result.findings.append(_source_broken(job))
            continue
        try:
            text = render(env, job.template, prepared.context)
        except TemplateFailure as exc:
            result.findings.append(exc.finding)
            continue
        key = _key(text, prepared.assets, conversion)
        outputs = [folder / job.folder / f"{job.stem}.{f}" for f in formats]
        outputs += [folder / job.folder / name for name in job.published]
        result.outputs[job.id] = outputs
        known = manifest.get(job.id, {})
        if not force and known.get("nyckel") == key and all(p.exists() for p in outputs):
            result.unchanged.append(job.id)
            continue
        pending.append((job, prepared, text, key))

    def render_one(item: tuple[Job, Prepared, str, str]) -> tuple[Job, str, Finding | None]:
        job, prepared, text, key = item
        try:
            _render(root, folder, job, prepared, text, formats)
        except SkaError as exc:
            return job, key, error("BYGG-konvertering", job.source, str(exc))
        return job, key, None

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for job, key, problem in pool.map(render_one, pending):
            if problem is not None:
                result.findings.append(problem)
                manifest.pop(job.id, None)
                continue
            manifest[job.id] = {"nyckel": key}
            result.built.append(job.id)
            if progress is not None:
                progress(job.id)
    if shard is None:  # every document built so far, not only this run's selection
        every = jobs_for(repo, None, KINDS, today)
        present = {
            job.id: [folder / job.folder / f"{job.stem}.{f}" for f in convert.FORMATS]
            + [folder / job.folder / name for name in job.published]
            for job in every
        }
        write_site(folder, repo, every, present)
    write_atomic(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return result


# Where people's files live: a build folder must never be one of these or contain them.
PROTECTED = ("plans", "units", "templates", "schemas", ".git")


def _safe_folder(root: Path, folder: Path) -> Path:
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


def _render(
    root: Path, folder: Path, job: Job, prepared: Prepared, text: str, formats: tuple[str, ...]
) -> None:
    out = inside(folder, folder / job.folder)
    out.mkdir(parents=True, exist_ok=True)
    source = out / f"{job.stem}.md"
    write_atomic(source, text)
    assets = []
    for name, content in prepared.assets.items():
        write_atomic(inside(out, out / name), content)
        assets.append(out / name)
    if "pdf" in formats:
        typ = out / f"{job.stem}.typ"
        convert.to_typst(
            source,
            typ,
            template_source(root, "typst/ska.typst"),
            template_source(root, "filters/bilder.lua"),
        )
        convert.to_pdf(typ, assets, out / f"{job.stem}.pdf")
    if "html" in formats:
        convert.to_html(source, out / f"{job.stem}.html", template_source(root, "html/ska.css"))
    if "docx" in formats:
        convert.to_docx(source, out / f"{job.stem}.docx", template_source(root, "referens.docx"))


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
    if any(_stat(Path(p)) != stat for p, stat in built.stats.items()):
        return None
    result = BuildResult(built.folder, unchanged=list(built.outputs))
    result.outputs = {job: [Path(p) for p in paths] for job, paths in built.outputs.items()}
    return result


def _tools() -> str:
    """The installed pandoc and Typst, by their packages (no process is started)."""
    return f"{metadata.version('pypandoc_binary')}; {metadata.version('typst')}"


def _key(text: str, assets: dict[str, str | bytes], conversion: str) -> str:
    digest = hashlib.sha256()
    for part in (text, conversion):
        digest.update(part.encode("utf-8") + b"\0")
    for name, content in sorted(assets.items()):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(content.encode("utf-8") if isinstance(content, str) else content)
        digest.update(b"\0")
    return digest.hexdigest()


def _conversion_key(root: Path, formats: tuple[str, ...]) -> str:
    digest = hashlib.sha256(f"{__version__}; {convert.versions()}; {formats}".encode())
    for name in CONVERSION_TEMPLATES:
        digest.update(template_source(root, name).read_bytes())
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """The last build's keys; a missing or unreadable manifest means: rebuild everything."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v for k, v in data.items() if isinstance(v, dict) and isinstance(v.get("nyckel"), str)
    }


def _source_broken(job: Job) -> Finding:
    return error(
        "BYGG-källa",
        job.source,
        f"{job.title} byggs inte: källan går inte att läsa eller följer inte sitt schema.",
        "Kör ska validate och rätta felen i filen.",
    )
