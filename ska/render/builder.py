"""The work of `ska build` when something changed (ska.render.build decides that).

For each document: prepare its context (cheap: reading models, arranging data), render
the Jinja template to Markdown, and compare a key over that Markdown, the people's
Markdown it places, its assets, the conversion templates and the tools' versions with
the key of the last build. Only a changed key leads to rendering work (pandoc, Typst),
which runs on all cores.

What is published is checked before it is written: a document whose text holds a
personnummer is not published, and every page and picture is parsed and refused if it
holds anything that could run (see pagecheck). Output goes only into the build folder,
never through a symbolic link inside it; the manifest there remembers each document's
key and what each of its files should be, so a file damaged or removed since is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import re
import stat
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ska import __version__, personnummer, placeholders
from ska.cache.inputs import Cached
from ska.checks.commands import BYGG_KALLA, BYGG_KONVERTERING, BYGG_PUBLICERING
from ska.errors import SkaError, UsageError
from ska.files import write_atomic
from ska.findings import Finding, Severity
from ska.load.repository import Repository, bulk
from ska.model.gaps import GapReached, rendering
from ska.pandoc import PandocError
from ska.render import convert, pagecheck
from ska.render.build import safe_folder
from ska.render.chartcache import ChartCache
from ska.render.context import Prepared
from ska.render.convert import markdown_text
from ska.render.document import Source, assemble, plain_text, relative_pages
from ska.render.documents import Inputs, Job, jobs_for
from ska.render.logo import read_logo
from ska.render.options import FORMATS, KINDS, MANIFEST, BuildOptions, BuildResult, Progress
from ska.render.site import write_site
from ska.render.templating import (
    Rendered,
    TemplateFailure,
    environment,
    render_document,
    template_bytes,
)
from ska.rules.config import resolve

CONVERSION_TEMPLATES = (
    "typst/ska.typst",
    "html/ska.html",
    "html/ska.css",
    "referens.docx",
)


def run(
    root: Path,
    options: BuildOptions,
    today: dt.date,
    progress: Progress | None = None,
    cache: Cached | None = None,
) -> BuildResult:
    """Build the documents `options` ask for, each only where its key changed."""
    with bulk(), rendering(True):  # the rules it asks for the status set their own mode
        return _build(root, options, today, progress, cache)


def _build(
    root: Path,
    options: BuildOptions,
    today: dt.date,
    progress: Progress | None,
    cache: Cached | None = None,
) -> BuildResult:
    repo = Repository(root)
    config, _ = resolve(repo, today)
    folder = safe_folder(root, options.folder or root / config.settings.build_folder)
    _writable(folder)
    _sweep(folder)
    result = BuildResult(folder)
    manifest = _read_manifest(folder)
    env = environment(root)
    every = jobs_for(repo, None, KINDS, today)
    jobs = jobs_for(repo, options.years, options.kinds, today)
    if options.shard is not None:
        count, index = options.shard.count, options.shard.index
        jobs = [j for i, j in enumerate(jobs) if i % count == index - 1]
    templates = {name: template_bytes(root, name) for name in CONVERSION_TEMPLATES}
    logo: dict[str, bytes] = {}
    if config.settings.logo:
        logo, refused = read_logo(root, config.settings.logo)
        result.findings += [refused] if refused else []
    conversion = _conversion_key(templates, logo)
    inputs = Inputs(
        root,
        config.settings.min_group_size,
        today,
        ChartCache(folder / ".diagram"),
        settings=config.settings,
        cache=cache,
        repo=repo,
    )
    pages = {job.source: f"{job.folder}/{job.stem}.html" for job in reversed(every)}

    def prepare(job: Job) -> tuple[Source, str] | Finding:
        """The document's source and key, or the finding why it cannot be built."""
        try:
            with rendering(True):  # a part that failed its schema shows as a marker
                prepared = job.prepare(inputs)
                if prepared is None:
                    return _source_broken(job, _why_broken(repo, job))
                rendered = render_document(env, job.template, prepared.context)
        except TemplateFailure as exc:
            return exc.finding
        except PandocError as exc:  # people's Markdown that pandoc may not read
            return BYGG_KONVERTERING.error(job.source, str(exc))
        except GapReached as reached:
            return _source_broken(job, reached.gap.describe())
        except TypeError:  # a value that failed its schema, used in a calculation
            if not repo.document(job.source).findings:
                raise
            return _source_broken(job, _why_broken(repo, job))
        source = Source(
            root,
            job.source,
            rendered,
            {**prepared.assets, **logo},
            prepared.pictures,
            relative_pages(job.folder, pages),
        )
        return source, _key(rendered, prepared, conversion)

    def render_one(job: Job, source: Source) -> Finding | None:
        try:
            return _render(folder, job, source, options.formats, templates)
        except SkaError as exc:
            return BYGG_KONVERTERING.error(job.source, str(exc))

    def settle(job: Job, digest: str, rendering_of: Future[Finding | None]) -> None:
        problem = rendering_of.result()
        if problem is not None:
            result.findings.append(problem)
            manifest.pop(job.id, None)
            return
        manifest[job.id] = {"nyckel": digest, "filer": _fingerprints(folder, job, result)}
        result.built.append(job.id)
        if progress is not None:
            progress(job.id)

    # Each document is handed to the pool as soon as it is prepared, and at most a few
    # wait there: a build of thousands of documents keeps only those in memory, and the
    # other cores convert while this one prepares.
    workers = options.workers or os.cpu_count() or 1
    waiting: deque[tuple[Job, str, Future[Finding | None]]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool, _collected():
        for job in jobs:
            made = prepare(job)
            _tidy()
            if isinstance(made, Finding):
                result.findings.append(made)
                continue
            source, digest = made
            outputs = [folder / job.folder / f"{job.stem}.{f}" for f in options.formats]
            outputs += [folder / job.folder / name for name in job.published]
            result.outputs[job.id] = outputs
            if not options.force and _unchanged(manifest.get(job.id), digest, folder, outputs):
                result.unchanged.append(job.id)
                continue
            waiting.append((job, digest, pool.submit(render_one, job, source)))
            while len(waiting) > 2 * workers:
                settle(*waiting.popleft())
        while waiting:
            settle(*waiting.popleft())
    if options.shard is None:  # every document built so far, not only this run's selection
        present = {
            job.id: [folder / job.folder / f"{job.stem}.{f}" for f in FORMATS]
            + [folder / job.folder / name for name in job.published]
            for job in every
        }
        _no_links(folder, folder / "index.html")
        statuses = {job.year: inputs.status(job.year) for job in every if job.year}
        write_site(folder, repo, every, present, statuses, inputs.today)
    _guarded_write(folder, folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    return result


@contextmanager
def _collected() -> Iterator[None]:
    """Within the block, _tidy sets aside what is alive; afterwards the collector sees it
    all again."""
    try:
        yield
    finally:
        gc.unfreeze()


def _tidy() -> None:
    """Collect what one document's preparation left in reference cycles, then set all
    that is still alive aside from the collector's view (gc.freeze), so the next
    collection looks only at the next document's objects.

    A chart's figure and its artists refer to each other, and hold pixel buffers of
    megabytes. The collector alone seldom looks at old objects while a big repository is
    in memory, so a build of a thousand units' reports grew by gigabytes; a full
    collection after each document over all of the repository's objects would take about
    a second each time."""
    gc.collect()
    gc.freeze()


def _writable(folder: Path) -> None:
    """Create the build folder, or say in Swedish why it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".ska-skrivtest-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UsageError(
            f"Byggmappen {folder} går inte att skriva i: {exc.strerror or exc}. "
            "Välj en annan mapp med --mapp, eller ändra rättigheterna."
        ) from None


# A writer's temporary file (ska.files.temporary_beside): `.name.ext.` and eight characters.
_TEMPORARY = re.compile(r"\.[^/]+\.[A-Za-z0-9]+\.[A-Za-z0-9_]{8}")


def _sweep(folder: Path) -> None:
    """Remove what a killed build left half-written: temporaries never become outputs."""
    for parent, folders, names in os.walk(folder):  # never follows a link
        folders[:] = [name for name in folders if not name.startswith(".git")]
        for name in names:
            path = Path(parent) / name
            if _TEMPORARY.fullmatch(name) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)


def _no_links(folder: Path, path: Path) -> None:
    """Refuse to write through a symbolic link inside the build folder."""
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        raise SkaError(f"{path} ligger utanför byggmappen {folder}; inget skrevs.") from None
    current = folder
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        if stat.S_ISLNK(mode):
            raise SkaError(
                f"{current.relative_to(folder)} i byggmappen är en symbolisk länk; "
                "ska skriver aldrig genom en länk. Ta bort länken och bygg igen."
            )


def _guarded_write(folder: Path, path: Path, data: str | bytes) -> None:
    _no_links(folder, path)
    write_atomic(path, data)


def _render(
    folder: Path,
    job: Job,
    source: Source,
    formats: tuple[str, ...],
    templates: dict[str, bytes],
) -> Finding | None:
    """Assemble, check and write one document; a finding when it may not be published."""
    out = folder / job.folder
    _no_links(folder, out)
    for name in [f"{job.stem}.{f}" for f in (*formats, "md", "typ")] + list(source.assets):
        _no_links(folder, out / name)
    doc = assemble(source)
    text = plain_text(doc)
    waiting = placeholders.find(text)
    if waiting:
        shown = ", ".join(sorted({p.text for p in waiting})[:3])
        return BYGG_PUBLICERING.error(
            job.source,
            f"{job.title} publiceras inte: det finns platshållare som inte är ifyllda ({shown}).",
            "Fyll i dem i källan (ska validate visar var: MALL-platshållare) och bygg igen.",
        )
    found = personnummer.find(text)
    if found:
        numbers = ", ".join(sorted({m.masked for m in found}))
        return BYGG_PUBLICERING.error(
            job.source,
            f"{job.title} publiceras inte: texten innehåller personnummer ({numbers}).",
            "Ta bort numret ur källan (ska validate visar var: PUB-personnummer) och bygg igen.",
        )
    for name, content in source.assets.items():
        if name.endswith(".svg"):
            text = content if isinstance(content, str) else content.decode("utf-8", "replace")
            if pagecheck.problems(text, svg=True):
                return _unsafe(job, name, pagecheck.problems(text, svg=True))
    convert.write_document(doc, out, job.stem, formats, source.assets, templates)
    if "html" in formats:
        page = out / f"{job.stem}.html"
        problems = pagecheck.problems(page.read_text(encoding="utf-8"))
        if problems:
            page.unlink()
            return _unsafe(job, page.name, problems)
    return None


def _unsafe(job: Job, name: str, problems: list[str]) -> Finding:
    return BYGG_PUBLICERING.error(
        job.source,
        f"{job.title} publiceras inte: {name} innehåller {', '.join(sorted(set(problems)))}, "
        "som skulle kunna köras i en webbläsare.",
        "Det här ska inte kunna hända; rapportera felet till ska:s utvecklare.",
    )


def _fingerprints(folder: Path, job: Job, result: BuildResult) -> dict[str, list[object]]:
    """What each of the document's files is: size, modification time and content hash."""
    found: dict[str, list[object]] = {}
    for path in result.outputs.get(job.id, []):
        try:
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
        found[path.relative_to(folder).as_posix()] = [info.st_size, info.st_mtime_ns, digest]
    return found


def _unchanged(
    known: dict[str, object] | None, digest: str, folder: Path, outputs: list[Path]
) -> bool:
    """Whether the last build made the document from the same inputs and every file it
    wrote is still there as it was written."""
    if known is None or known.get("nyckel") != digest:
        return False
    files = known.get("filer")
    if not isinstance(files, dict):
        return False
    for path in outputs:
        expected = files.get(path.relative_to(folder).as_posix())
        if not (isinstance(expected, list) and len(expected) == 3):
            return False
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode) or info.st_size != expected[0]:
            return False
        if info.st_mtime_ns != expected[1]:
            try:
                if hashlib.sha256(path.read_bytes()).hexdigest() != expected[2]:
                    return False
            except OSError:
                return False
    return True


def _key(rendered: Rendered, prepared: Prepared, conversion: str) -> str:
    digest = hashlib.sha256()
    for part in (rendered.markdown, conversion):
        digest.update(part.encode("utf-8") + b"\0")
    for insert in rendered.inserts:
        digest.update(f"{insert.path}\0{insert.line}\0{insert.shift}\0{insert.text}\0".encode())
    for name, content in sorted(prepared.assets.items()):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(content.encode("utf-8") if isinstance(content, str) else content)
        digest.update(b"\0")
    for (path, target), name in sorted(prepared.pictures.items()):
        digest.update(f"{path}\0{target}\0{name}\0".encode())
    return digest.hexdigest()


def _conversion_key(templates: dict[str, bytes], logo: dict[str, bytes]) -> str:
    """What turns Markdown into files, whatever the formats asked for: a file of a format
    already built from the same key is up to date, so fewer formats build nothing."""
    digest = hashlib.sha256(f"{__version__}; {convert.versions()}".encode())
    for name in CONVERSION_TEMPLATES:
        digest.update(templates[name])
    for name, data in logo.items():
        digest.update(name.encode("utf-8") + b"\0" + data)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict[str, dict[str, object]]:
    """The last build's keys; a missing or unreadable manifest means: rebuild everything."""
    path = folder / MANIFEST
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v for k, v in data.items() if isinstance(v, dict) and isinstance(v.get("nyckel"), str)
    }


def document_markdown(root: Path, template: str, prepared: Prepared, path: str = "") -> str:
    """A document's Markdown as it is published: the template filled in, people's
    Markdown in place, every link and picture decided (for tests and inspection)."""
    rendered = render_document(environment(root), template, prepared.context)
    source = Source(root, path, rendered, prepared.assets, prepared.pictures)
    return markdown_text(assemble(source))


def _source_broken(job: Job, why: str) -> Finding:
    return BYGG_KALLA.error(
        job.source,
        f"{job.title} byggs inte: {why}.",
        "Kör ska validate och rätta felen i filen; resten av dokumenten byggs ändå.",
    )


def _why_broken(repo: Repository, job: Job) -> str:
    """Why a document's source could not be read: its first error, with its line."""
    if job.source not in repo.files:
        return f"{job.source} finns inte"
    errors = [f for f in repo.document(job.source).findings if f.severity is Severity.ERROR]
    if not errors:
        return "källan går inte att läsa eller följer inte sitt schema"
    first = errors[0]
    where = f"{job.source} rad {first.line}" if first.line else job.source
    more = f" (och {len(errors) - 1} fel till)" if len(errors) > 1 else ""
    return f"{where}: {first.message.rstrip('.')}{more}"
