"""File checks (`RuleSpec.each_file`): remembered by each file's content, and computed on
the other cores while the main process reads the repository.

A file check sees one file's text and nothing else, so what the file checks find in a
file can be cached by its content hash (one entry per file, for every check that reads
it) and computed in another process: only the path goes there and only the hits come
back, both small. `start` hands the uncached work to worker processes before the
repository is loaded; `hits` collects it when the rules run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ska.cache.codec import dict_of
from ska.cache.inputs import Cached
from ska.cache.store import key
from ska.files import Refused, read_inside
from ska.load.discovery import Located
from ska.load.repository import Repository
from ska.load.text import decode
from ska.model.settings import Settings
from ska.model.types import SchoolYear
from ska.rules.catalog import all_rules, rules_by_id
from ska.rules.config import resolve
from ska.rules.context import Context
from ska.rules.engine import HITS, Hit, Rule
from ska.rules.sources import source_text

# Below this many uncached files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
FileHits = dict[str, list[Hit]]  # rule id → its hits in one file
FILE_HITS = dict_of(HITS)
# (the file's name in `found`, its path, its place on disk, (rule id, where the rule sees it))
Task = tuple[str, str, str, list[tuple[str, Located]]]


@dataclasses.dataclass(frozen=True)
class _File:
    """A file some file checks read in a läsår, and the name their hits go by: the cache
    key (its content, the settings, the läsår where a check depends on it, which checks),
    or without a cache the path and the läsår."""

    name: str
    checks: tuple[tuple[Rule, Located], ...]  # each rule and where it sees the file
    ids: frozenset[str]  # the rules' ids
    cached: bool


def _check(root: Path, tasks: list[Task], settings: Settings) -> dict[str, FileHits]:
    """Run in a worker: each file's checks on the file as it is on disk."""
    found: dict[str, FileHits] = {}
    for name, path, disk_path, checks in tasks:
        try:
            text: str | None = decode(read_inside(root, disk_path), path)[0]
        except (OSError, Refused):
            text = None
        rules = rules_by_id()
        found[name] = {r: _hits(rules[r], path, text, at, settings) for r, at in checks}
    return found


def _hits(
    rule: Rule, path: str, text: str | None, located: Located, settings: Settings
) -> list[Hit]:
    assert rule.file_check is not None
    return [] if text is None else list(rule.file_check(path, text, located, settings))


class FileChecks:
    """The file checks of one run: from the cache, from workers, or computed here."""

    def __init__(self, cache: Cached | None) -> None:
        self.cache = cache
        self.found: dict[str, FileHits] = {}  # a file's name → what its checks found
        self.futures: list[Future[dict[str, FileHits]]] = []
        self._stored: set[str] = set()  # the names the cache holds
        self._plans: dict[tuple[SchoolYear, str], dict[str, _File]] = {}
        self._settings_of: tuple[Settings, str] | None = None

    def _settings(self, ctx: Context) -> str:
        """A digest of `repr(ctx.settings)`, worked out once per settings object (a
        pydantic repr costs more than the rest of a key, and is long)."""
        if self._settings_of is None or self._settings_of[0] is not ctx.settings:
            self._settings_of = (
                ctx.settings,
                hashlib.sha256(repr(ctx.settings).encode()).hexdigest(),
            )
        return self._settings_of[1]

    def _plan(self, ctx: Context) -> dict[str, _File]:
        """Every file a file check reads in the läsår judged, by path; what the cache
        holds for them is taken when the plan is made."""
        settings = self._settings(ctx)
        plan = self._plans.get((ctx.year, settings))
        if plan is not None:
            return plan
        rules = [r for r in all_rules() if r.file_check is not None]
        plan = {}
        for path, located in ctx.repo.files.items():
            checks = tuple(
                (rule, _located(ctx, rule, located))
                for rule in rules
                if rule.file_select is not None and rule.file_select(ctx, path, located)
            )
            if checks:
                plan[path] = self._file(ctx, path, located, checks, settings)
        self._plans[(ctx.year, settings)] = plan
        self._look_up(plan)
        return plan

    def _file(
        self,
        ctx: Context,
        path: str,
        located: Located,
        checks: tuple[tuple[Rule, Located], ...],
        settings: str,
    ) -> _File:
        ids = [rule.id for rule, _ in checks]
        names = frozenset(ids)
        by_year = any(rule.files_by_year for rule, _ in checks) and located.school_year is None
        year = str(ctx.year) if by_year else ""
        sha = self.cache.sha(located.disk_path) if self.cache is not None else None
        if sha is None:
            return _File(f"{path}\0{year}\0{' '.join(ids)}", checks, names, cached=False)
        return _File(key("filregler", path, sha, settings, year, ids), checks, names, cached=True)

    def _look_up(self, plan: dict[str, _File]) -> None:
        """Take from the cache what it holds for the plan's files."""
        if self.cache is None:
            return
        wanted = [f.name for f in plan.values() if f.cached and f.name not in self.found]
        known = self.cache.store.get_many(wanted, FILE_HITS)
        self.found.update(known)
        self._stored |= known.keys()

    def start(self, repo: Repository, year: SchoolYear, today: dt.date) -> None:
        """Look up the cache and start the uncached work in worker processes."""
        config, _ = resolve(repo, today)
        plan = self._plan(Context(repo, year, today, config.settings))
        tasks: list[Task] = [
            (file.name, path, repo.files[path].disk_path, [(r.id, at) for r, at in file.checks])
            for path, file in plan.items()
            if file.name not in self.found
        ]
        workers = (os.cpu_count() or 1) - 1  # the main process loads meanwhile
        if len(tasks) < PARALLEL_FROM or workers < 1 or "fork" not in _methods():
            return
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        chunks = max(1, workers * 4)
        self.futures = [
            pool.submit(_check, repo.root, tasks[i::chunks], config.settings) for i in range(chunks)
        ]
        pool.shutdown(wait=False)

    def hits(self, ctx: Context, rule: Rule) -> list[Hit]:
        """The rule's hits over the files it selects."""
        for future in self.futures:
            # A worker that died leaves its files to be checked here below instead.
            with contextlib.suppress(BrokenProcessPool, OSError):
                self.found.update(future.result())
        self.futures = []
        plan = self._plan(ctx)
        hits: list[Hit] = []
        fresh: dict[str, FileHits] = {}
        for path, file in plan.items():
            if rule.id not in file.ids:
                continue
            found = self.found.get(file.name)
            if found is None or rule.id not in found:
                text = source_text(ctx, path)
                found = {r.id: _hits(r, path, text, at, ctx.settings) for r, at in file.checks}
                self.found[file.name] = found
            if file.cached and file.name not in self._stored:
                fresh[file.name] = found
            hits += found[rule.id]
        if self.cache is not None and fresh:
            self.cache.store.put_many(fresh, FILE_HITS)
            self._stored |= fresh.keys()
        return hits


def _located(ctx: Context, rule: Rule, located: Located) -> Located:
    """Where the file is, as the rule's check sees it: with `files_by_year`, a file
    without a läsår of its own is read as of the läsår being judged."""
    if rule.files_by_year and located.school_year is None:
        return dataclasses.replace(located, school_year=ctx.year)
    return located


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
