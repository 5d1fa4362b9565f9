"""File checks (`RuleSpec.each_file`): remembered by each file's content, and computed on
the other cores while the main process reads the repository.

A file check sees one file's text and nothing else, so its hits can be cached by the
file's content hash and computed in another process: only the path goes there and only
the hits come back, both small. `start` hands the uncached work to worker processes
before the repository is loaded; `hits` collects it when the rules run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

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
Task = tuple[str, str, Located]  # (rule id, path, where it is)
Found = dict[tuple[str, str], list[Hit]]  # (rule id, path) → hits


def _check(root: Path, tasks: list[Task], settings: Settings) -> Found:
    """Run in a worker: each task's check on the file as it is on disk."""
    found: Found = {}
    texts: dict[str, str | None] = {}
    for rule_id, path, located in tasks:
        if path not in texts:
            try:
                texts[path] = decode(read_inside(root, located.disk_path), path)[0]
            except (OSError, Refused):
                texts[path] = None
        text = texts[path]
        check = rules_by_id()[rule_id].file_check
        assert check is not None
        found[(rule_id, path)] = [] if text is None else list(check(path, text, located, settings))
    return found


class FileChecks:
    """The file checks of one run: from the cache, from workers, or computed here."""

    def __init__(self, cache: Cached | None) -> None:
        self.cache = cache
        self.known: dict[str, list[Hit]] = {}  # cache key → hits
        self.futures: list[Future[Found]] = []
        self.found: Found = {}
        self.keys: dict[tuple[str, str], str] = {}
        self._settings_of: tuple[Settings, str] | None = None

    def _settings(self, ctx: Context) -> str:
        """`repr(ctx.settings)`, worked out once per settings object (a pydantic repr
        costs more than the rest of a key)."""
        if self._settings_of is None or self._settings_of[0] is not ctx.settings:
            self._settings_of = (ctx.settings, repr(ctx.settings))
        return self._settings_of[1]

    def _key(self, ctx: Context, rule: Rule, path: str) -> str | None:
        if self.cache is None:
            return None
        if (rule.id, path) not in self.keys:
            sha = self.cache.sha(ctx.repo.files[path].disk_path)
            if sha is None:
                return None
            parts = ["filregel", rule.id, path, sha, self._settings(ctx)]
            if rule.files_by_year:
                parts.append(str(_located(ctx, rule, ctx.repo.files[path]).school_year))
            self.keys[(rule.id, path)] = key(*parts)
        return self.keys[(rule.id, path)]

    def _tasks(self, ctx: Context, rules: list[Rule]) -> list[Task]:
        """Every (rule, file) pair the rules select, looked up in the cache at once."""
        pairs = [
            (rule, path, located)
            for rule in rules
            for path, located in ctx.repo.files.items()
            if rule.file_select is not None and rule.file_select(ctx, path, located)
        ]
        if self.cache is not None:
            wanted = [k for r, p, _ in pairs if (k := self._key(ctx, r, p)) is not None]
            self.known.update(self.cache.store.get_many(wanted, HITS))
        return [
            (rule.id, path, _located(ctx, rule, located))
            for rule, path, located in pairs
            if self._key(ctx, rule, path) not in self.known
        ]

    def start(self, repo: Repository, year: SchoolYear, today: dt.date) -> None:
        """Look up the cache and start the uncached work in worker processes."""
        config, _ = resolve(repo, today)
        ctx = Context(repo, year, today, config.settings)
        rules = [
            r
            for r in all_rules()
            if r.file_check is not None and config.severities.get(r.id) is not None
        ]
        tasks = self._tasks(ctx, rules)
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
        assert rule.file_check is not None
        assert rule.file_select is not None
        for future in self.futures:
            # A worker that died leaves its files to be checked here below instead.
            with contextlib.suppress(BrokenProcessPool, OSError):
                self.found.update(future.result())
        self.futures = []
        hits: list[Hit] = []
        fresh: dict[str, list[Hit]] = {}
        for path, located in ctx.repo.files.items():
            if not rule.file_select(ctx, path, located):
                continue
            cache_key = self._key(ctx, rule, path)
            found = self.known.get(cache_key) if cache_key is not None else None
            if found is None:
                found = self.found.get((rule.id, path))
            if found is None:
                text = source_text(ctx, path)
                dated = _located(ctx, rule, located)
                found = (
                    [] if text is None else list(rule.file_check(path, text, dated, ctx.settings))
                )
            if cache_key is not None and cache_key not in self.known:
                fresh[cache_key] = found
            hits += found
        if self.cache is not None:
            self.cache.store.put_many(fresh, HITS)
        return hits


def _located(ctx: Context, rule: Rule, located: Located) -> Located:
    """Where the file is, as the rule's check sees it: with `files_by_year`, a file
    without a läsår of its own is read as of the läsår being judged."""
    if rule.files_by_year and located.school_year is None:
        return dataclasses.replace(located, school_year=ctx.year)
    return located


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
