"""The cache: a warm `ska validate` parses nothing, a change is seen, a broken cache is
ignored, and file checks are redone only for the files that changed."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from git import Repo

from ska.cache import store as store_module
from ska.cache.codec import INT, list_of
from ska.cache.inputs import snapshot, unchanged
from ska.cache.store import FOLDER, Store
from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.results.analysis import analyse
from ska.rules import filechecks
from ska.rules.accessibility import _open as open_pdf
from ska.rules.context import Context
from ska.rules.sources import source_text
from ska.status.remembered import validate_remembered
from ska.validate.run import ValidationResult, validate_repository
from tests.conftest import AFTER_YEAR, Counter, append, in_fresh_process, write
from tests.test_gitinfo import commit, init_git
from tests.test_rules_accessibility import UNTITLED
from tests.test_rules_accessibility import build as build_pdf

YEAR = SchoolYear(2025)
NUMBERS = list_of(INT)
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every file a file check reads in this test."""
    counter = Counter()

    def counting(ctx: Context, path: str) -> str | None:
        counter.paths.append(path)
        return source_text(ctx, path)

    monkeypatch.setattr(filechecks, "source_text", counting)
    return counter


def test_a_warm_validate_parses_no_files(repo: Path, loads: Counter) -> None:
    cold = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not cold.from_cache
    assert len(loads.paths) >= cold.files > 0
    loads.paths.clear()
    warm = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert warm.from_cache
    assert loads.paths == []
    assert (warm.findings, warm.files, warm.accepted) == (cold.findings, cold.files, cold.accepted)
    assert warm.status_markdown == cold.status_markdown


def test_a_warm_validate_loads_no_rules(repo: Path) -> None:
    """A pre-commit hook that finds nothing changed pays for the snapshot of the files,
    not for importing the rules: in a fresh process the remembered answer is printed
    without them (the first run, which has work, loads them)."""
    heavy = ["ska.rules.catalog", "ska.validate.run", "ska.status.matrix"]
    (printed, first), (again_printed, again) = (
        in_fresh_process(["validate", "--rot", str(repo)], heavy) for _ in range(2)
    )
    assert first == f"0 {heavy!r}"
    assert again == "0 []"
    assert printed == again_printed  # the findings


def test_a_change_is_seen(repo: Path) -> None:
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    append(repo, REPORT, "Eleven har personnummer 121212-1212 i texten.")
    changed = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not changed.from_cache
    assert "PUB-personnummer" in {f.rule for f in changed.findings}


def test_the_options_are_part_of_the_key(repo: Path) -> None:
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not validate_remembered(repo, None, YEAR, dt.date(2026, 1, 10)).from_cache
    assert not validate_remembered(repo, None, SchoolYear(2024), AFTER_YEAR).from_cache
    assert not validate_remembered(repo, [repo / "plans"], YEAR, AFTER_YEAR).from_cache
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache


def test_a_new_version_of_ska_does_not_trust_the_old_cache(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    before = _values(repo)
    assert before
    monkeypatch.setattr(store_module, "CODE", "en annan version av ska")
    assert not validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    after = _values(repo)  # the old version's values are gone, not kept beside the new
    assert after
    assert not after & before


def _values(repo: Path) -> set[str]:
    with sqlite3.connect(repo / FOLDER / "cache.sqlite") as db:
        return {key for (key,) in db.execute("SELECT key FROM blob")}


def test_a_corrupt_cache_is_ignored_and_replaced(repo: Path) -> None:
    first = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    database = repo / FOLDER / "cache.sqlite"
    for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
        (repo / FOLDER / name).unlink(missing_ok=True)
    database.write_bytes(b"inte en databas" * 100)
    again = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not again.from_cache
    assert again.findings == first.findings
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache


def test_a_value_that_cannot_be_read_back_is_not_there(repo: Path) -> None:
    store = Store(repo)
    store.put("nyckel", [1, 2, 3], NUMBERS)
    assert store.get("nyckel", NUMBERS) == [1, 2, 3]
    with sqlite3.connect(repo / FOLDER / "cache.sqlite") as db:
        db.execute("UPDATE blob SET value = x'00ff'")
    assert store.get("nyckel", NUMBERS) is None
    assert store.get_many(["nyckel"], NUMBERS) == {}
    store.close()


def test_the_cache_can_be_turned_off(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKA_CACHE", "av")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    assert not (repo / FOLDER).exists()


def test_the_cache_folder_ignores_itself_in_git(repo: Path) -> None:
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert (repo / FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_file_checks_read_only_the_files_that_changed(repo: Path, reads: Counter) -> None:
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert REPORT in reads.paths
    reads.paths.clear()
    append(repo, REPORT, "En ny mening om läsningen.")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert set(reads.paths) == {REPORT}


def test_file_checks_are_remembered_once_per_file(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What every file check found in a file is one cache entry, not one per check: a
    big city's run looks up a number of entries that grows with its files alone."""
    runs: list[list[str]] = []
    get_many = Store.get_many

    def counting(self: Store, keys: Any, codec: Any) -> Any:
        keys = list(keys)
        if codec is filechecks.FILE_HITS:
            runs[-1].extend(keys)
        return get_many(self, keys, codec)

    monkeypatch.setattr(Store, "get_many", counting)
    for edit in ("", "En ny mening om läsningen."):
        append(repo, REPORT, edit)
        runs.append([])
        validate_remembered(repo, None, YEAR, AFTER_YEAR)
    files = len(Repository(repo).files)
    for asked in runs:
        assert 0 < len(asked) == len(set(asked)) <= files


def test_file_checks_give_the_same_hits_from_the_cache(repo: Path) -> None:
    append(repo, REPORT, "Här står en förskolechef och 121212-1212.")
    cold = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    append(repo, "units/testskolan/2025-26/utvecklingsplan.yaml", "# en kommentar\n")
    warm = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not warm.from_cache
    assert warm.findings == cold.findings
    assert {"PUB-personnummer", "TERM-foraldrade-begrepp"} <= {f.rule for f in warm.findings}


def test_a_rewrite_within_the_same_second_is_seen(tmp_path: Path) -> None:
    write(tmp_path, "plans/a.yaml", "namn: Ett\n")
    store = Store(tmp_path)
    first = snapshot(tmp_path, store)
    stat = (tmp_path / "plans/a.yaml").stat()
    write(tmp_path, "plans/a.yaml", "namn: Två\n")  # same size
    os.utime(tmp_path / "plans/a.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = snapshot(tmp_path, store)
    store.close()
    assert first.files["plans/a.yaml"] != second.files["plans/a.yaml"]
    assert second.changed_since(first) == {"plans/a.yaml"}


def test_git_state_is_part_of_the_key(repo: Path) -> None:
    init_git(repo)
    commit(repo, "2025-09-01")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    write(repo, "units/testskolan/2025-26/resultat/ny.csv", "mått,termin,grupp,kön,antal,totalt\n")
    untracked = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not untracked.from_cache
    commit(repo, "2025-09-02")
    committed = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not committed.from_cache
    assert {f.rule for f in untracked.findings} - {f.rule for f in committed.findings} == {
        "SL4-6-dokumentation-sparbar"
    }


def test_a_change_while_a_run_works_is_seen_by_its_stat(repo: Path) -> None:
    """A run stores its answer only if its inputs did not change while it ran; that is
    told by the files' stat and git's index and commits, without hashing or asking git."""
    init_git(repo)
    commit(repo, "2025-09-01")
    store = Store(repo)
    try:
        before = snapshot(repo, store)
        assert unchanged(repo, before)
        with Repo(repo) as git_repo:
            git_repo.git.status()  # rewrites the index, changes nothing it tracks
        assert unchanged(repo, before)
        append(repo, REPORT, "En mening till.")
        assert not unchanged(repo, before)
        before = snapshot(repo, store)
        write(repo, "units/testskolan/2025-26/ny.md", "Ny fil.\n")
        assert not unchanged(repo, before)  # a new file
        before = snapshot(repo, store)
        with Repo(repo) as git_repo:
            git_repo.git.add("--all")
        assert not unchanged(repo, before)  # staged: git's index changed
        before = snapshot(repo, store)
        commit(repo, "2025-09-02")
        assert not unchanged(repo, before)  # a commit moves the branch
        assert unchanged(repo, snapshot(repo, store))
    finally:
        store.close()


def _serial_then_parallel(repo: Path, monkeypatch: pytest.MonkeyPatch) -> ValidationResult:
    """The findings of a report with hits, checked serially; then file checks are made to
    go to worker processes, as on a big repository with several cores."""
    append(repo, REPORT, "Här står en förskolechef och 121212-1212.")
    serial = validate_repository(repo, None, YEAR, AFTER_YEAR)
    monkeypatch.setattr(filechecks, "PARALLEL_FROM", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    return serial


def test_file_checks_in_worker_processes_find_the_same(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _serial_then_parallel(repo, monkeypatch)
    started: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        started.append(1)
        return ProcessPoolExecutor(*args, **kwargs)

    monkeypatch.setattr("ska.rules.filechecks.ProcessPoolExecutor", counting)
    parallel = validate_repository(repo, None, YEAR, AFTER_YEAR)
    assert started == [1]
    assert parallel.findings == serial.findings
    assert {"PUB-personnummer", "TERM-foraldrade-begrepp"} <= {f.rule for f in parallel.findings}


def test_the_results_analysis_is_redone_only_when_results_change(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return analyse(*args, **kwargs)

    monkeypatch.setattr("ska.results.analysis.analyse", counting)
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    append(repo, REPORT, "En mening till i rapporten.")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert calls == [1]
    append(
        repo,
        "units/testskolan/2025-26/resultat/screening.csv",
        "Nytt mått,vt2026,åk 2,alla,5,20,\n",
    )
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert calls == [1, 1]


def test_built_pdfs_are_read_again_only_when_they_change(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = build_pdf(repo, tmp_path / "källa", "rapport", UNTITLED)
    opened: list[str] = []

    def counting(file: Path) -> Any:
        opened.append(file.name)
        return open_pdf(file)

    monkeypatch.setattr("ska.rules.accessibility._open", counting)
    first = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert opened == ["rapport.pdf"]
    append(repo, REPORT, "En mening till.")
    again = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert opened == ["rapport.pdf"]
    pdf_findings = [f for f in first.findings if f.path == "bygg/rapport.pdf"]
    assert pdf_findings
    assert [f for f in again.findings if f.path == "bygg/rapport.pdf"] == pdf_findings
    pdf.write_bytes(pdf.read_bytes() + b"\n")  # a new build of it
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert opened == ["rapport.pdf", "rapport.pdf"]


def test_a_changed_report_leaves_unchanged_result_tables_unread(repo: Path, loads: Counter) -> None:
    table = "units/testskolan/2025-26/resultat/screening.csv"
    first = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert table in loads.paths
    loads.paths.clear()
    append(repo, REPORT, "En mening till.")
    again = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert REPORT in loads.paths
    assert table not in loads.paths
    assert [f for f in again.findings if f.path == table] == [
        f for f in first.findings if f.path == table
    ]


def test_a_worker_that_dies_leaves_its_files_to_the_main_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _serial_then_parallel(repo, monkeypatch)
    monkeypatch.setattr(filechecks, "_check", _die)
    assert validate_repository(repo, None, YEAR, AFTER_YEAR).findings == serial.findings


def _die(*args: Any) -> Any:
    """A worker's task that kills the worker (module level, so it can be sent to one)."""
    os._exit(1)


def test_a_standing_document_is_remembered_per_läsår(repo: Path) -> None:
    """The term rule reads plans/ as of the läsår judged: what it found for 2025/26 must
    not be reused for 2018/19, when förskolechef was the right word."""
    append(repo, "plans/huvudman.yaml", "# Förskolecheferna leder förskolorna.\n")
    current = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert "TERM-foraldrade-begrepp" in {f.rule for f in current.findings}
    earlier = validate_remembered(repo, None, SchoolYear.parse("2018/19"), dt.date(2019, 8, 15))
    assert "TERM-foraldrade-begrepp" not in {f.rule for f in earlier.findings}
    again = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert again.findings == current.findings
