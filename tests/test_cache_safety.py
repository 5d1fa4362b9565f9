"""Attacks on the cache, tried against the real commands: the cache holds data, never code,
and a cache that git tracks is neither read nor written.

Whoever can write `.ska-cache/` (a commit, or a CI cache that a pull request saved) must
not be able to run code in the next `ska validate`, `ska status` or `ska build`, which in
CI may hold the secrets for publishing. Each test here fails if its protection is
removed: the pickles planted are real exploits (see the first test), planted under the
very keys the next run reads.
"""

from __future__ import annotations

import os
import pickle
import shlex
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from git import Repo

from ska import cli
from ska.cache import store as store_module
from ska.cache.inputs import snapshot
from ska.cache.store import FOLDER, Store, git_files, key, tracks_cache
from ska.findings import Finding, Severity
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.status.remembered import REMEMBERED, Remembered, validate_remembered
from tests.conftest import AFTER_YEAR, append, write
from tests.test_gitinfo import commit, init_git

YEAR = SchoolYear(2025)
PINNED = ("--lasar", "2025/26", "--datum", "2026-08-15")
KINDS = ("plan", "huvudmannarapport", "enhetsrapport")
SCREENING = "units/testskolan/2025-26/resultat/screening.csv"


class _Exploit:
    """Unpickling this runs a shell command that creates `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    return tmp_path / "ska-körde-koden"


@pytest.fixture
def payload(marker: Path, tmp_path: Path) -> bytes:
    """A real exploit: loading it with pickle runs code (checked here on another marker)."""
    control = tmp_path / "kontroll"
    pickle.loads(pickle.dumps(_Exploit(control)))
    assert control.exists()
    return pickle.dumps(_Exploit(marker))


def _database(root: Path) -> Path:
    return root / FOLDER / "cache.sqlite"


def _poison(root: Path, payload: bytes) -> int:
    """Put `payload` in place of every stored value and every hash of the stat index:
    the keys are those the run before wrote, so exactly those the next run reads."""
    with sqlite3.connect(_database(root)) as db:
        rows = db.execute("UPDATE blob SET value = ?", (payload,)).rowcount
        db.execute("UPDATE stat SET sha = ?", (payload,))
    return rows


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    return code, capsys.readouterr().out


def _uncached(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str]:
    with monkeypatch.context() as patch:
        patch.setenv("SKA_CACHE", "av")
        return _run(capsys, *args)


@pytest.mark.parametrize(
    "command",
    [
        ("validate", *PINNED, "--format", "json"),
        ("validate", *PINNED, "--format", "markdown"),
        ("status", *PINNED, "--format", "json"),
    ],
    ids=["validate", "validate-markdown", "status"],
)
def test_a_planted_pickle_runs_no_code(
    repo: Path,
    payload: bytes,
    marker: Path,
    command: tuple[str, ...],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = (*command, "--rot", str(repo))
    expected = _uncached(capsys, monkeypatch, *args)
    assert _run(capsys, *args) == expected  # cold: fills the cache
    assert _poison(repo, payload) > 0
    assert _run(capsys, *args) == expected
    assert not marker.exists()
    assert _run(capsys, *args) == expected  # the cache, written anew, is used again
    assert not marker.exists()
    with sqlite3.connect(_database(repo)) as db:
        assert db.execute("SELECT count(*) FROM blob WHERE value = ?", (payload,)).fetchone() == (
            0,
        )


def test_a_planted_pickle_in_a_warm_validate_runs_no_code(
    repo: Path, payload: bytes, marker: Path
) -> None:
    cold = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    _poison(repo, payload)
    again = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not marker.exists()
    assert not again.from_cache  # the planted value is absent, not an error
    assert (again.findings, again.files, again.accepted) == (cold.findings, cold.files, [])
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache


def test_a_planted_pickle_runs_no_code_in_a_build(
    repo: Path, payload: bytes, marker: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "bygg"
    first = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS))
    assert first.ok
    assert first.built
    written = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert _poison(repo, payload) > 0
    again = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS))
    assert not marker.exists()
    assert again.ok
    assert sorted(again.unchanged) == sorted(first.built)
    assert {p: p.read_bytes() for p in written} == written


def test_an_old_cache_of_pickles_is_emptied(repo: Path, payload: bytes, marker: Path) -> None:
    """A cache of the previous format held pickles, under keys this ska never asks for:
    the file is emptied when opened, so that nothing of them is left to be loaded."""
    (repo / FOLDER).mkdir()
    with sqlite3.connect(_database(repo)) as db:  # as ska wrote it before
        db.execute("CREATE TABLE blob (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE stat (path TEXT PRIMARY KEY, sig TEXT, sha TEXT)")
        db.executemany(
            "INSERT INTO blob VALUES (?, ?)", [(f"{n:064x}", payload) for n in range(50)]
        )
    result = validate_remembered(repo, None, YEAR, AFTER_YEAR)
    assert not marker.exists()
    assert not result.from_cache
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    with sqlite3.connect(_database(repo)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        values = [row[0] for row in db.execute("SELECT value FROM blob")]
    assert values
    assert all(isinstance(v, str) for v in values)
    assert not any(payload in p.read_bytes() for p in (repo / FOLDER).iterdir())


def test_a_planted_chart_cannot_write_outside_the_build_folder(repo: Path, tmp_path: Path) -> None:
    """The charts' cache in the build folder names the files to write: a planted entry
    naming a file outside is redrawn, not followed."""
    append(repo, SCREENING, "Läsflyt över gränsvärdet,vt2026,åk 2,alla,30,40,\n")  # a trend
    folder = tmp_path / "ut" / "bygg"
    assert build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS)).ok
    entries = sorted((folder / ".diagram").glob("*.json"))
    assert entries
    charts = {p: p.read_bytes() for p in folder.rglob("diagram-*.svg")}
    assert charts
    escape = "../../../../../utanför.svg"
    for entry in entries:
        entry.write_text(f'[["{escape}", "<svg>planterad</svg>", "t", "a"]]', encoding="utf-8")
    again = build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS, force=True))
    assert again.ok, again.findings
    assert not list(tmp_path.rglob("utanför.svg"))
    assert {p: p.read_bytes() for p in charts} == charts


def _track_the_cache(root: Path) -> None:
    with Repo(root) as git:
        git.git.add("-f", FOLDER)
        git.git.commit("--no-verify", "-m", "Cachen av misstag")


@pytest.fixture
def tracked(repo: Path) -> Path:
    """A repository whose cache (written by a run) has been committed."""
    init_git(repo)
    commit(repo, "2025-09-01")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    _track_the_cache(repo)
    assert tracks_cache(git_files(repo))
    return repo


def _contents(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / FOLDER).iterdir())}


def test_a_tracked_cache_is_not_read(tracked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = validate_remembered(tracked, None, YEAR, AFTER_YEAR)
    # What the next run would read: the key of its options and of the inputs as they are.
    digest = snapshot(tracked, Store(tracked), ("bygg",)).digest
    run_key = key("validate", str(tracked), [], str(YEAR), AFTER_YEAR, digest)
    planted = Finding("plans/huvudman.yaml", 1, 1, "PLANTERAD", Severity.INFO, "Planterad.")
    with sqlite3.connect(_database(tracked)) as db:
        db.execute(
            "INSERT OR REPLACE INTO blob VALUES (?, ?)",
            (run_key, REMEMBERED.dumps(Remembered([planted], 1, [], None))),
        )
    result = validate_remembered(tracked, None, YEAR, AFTER_YEAR)
    assert not result.from_cache
    assert result.findings == fresh.findings
    assert planted not in result.findings
    # The same run with the check taken away finds the planted answer: the test is real.
    monkeypatch.setattr(store_module, "tracks_cache", lambda listing: False)
    unchecked = validate_remembered(tracked, None, YEAR, AFTER_YEAR)
    assert unchecked.from_cache
    assert unchecked.findings == [planted]


def test_a_tracked_cache_is_not_written(
    tracked: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(tracked)
    assert not validate_remembered(tracked, None, YEAR, AFTER_YEAR).from_cache
    assert not validate_remembered(tracked, None, YEAR, AFTER_YEAR).from_cache
    assert cli.main(["status", *PINNED, "--rot", str(tracked)]) == 0
    assert _contents(tracked) == before
    # The same run with the check taken away writes to it: the test is real.
    monkeypatch.setattr(store_module, "tracks_cache", lambda listing: False)
    validate_remembered(tracked, None, YEAR, AFTER_YEAR)
    assert _contents(tracked) != before


def test_doctor_tells_how_to_untrack_the_cache(
    tracked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, "doctor", "--rot", str(tracked))
    assert code == 1
    assert "✗ Cachen: .ska-cache/ är incheckad i git och används därför inte" in out
    assert "git rm -r --cached .ska-cache" in out
    with Repo(tracked) as git:  # what doctor says to do
        git.git.rm("-r", "--cached", FOLDER)
        git.git.commit("--no-verify", "-m", "Cachen ur git")
    code, out = _run(capsys, "doctor", "--rot", str(tracked))
    assert "✓ Cachen: .ska-cache/ är inte incheckad i git" in out
    assert code == 0
    validate_remembered(tracked, None, YEAR, AFTER_YEAR)
    assert validate_remembered(tracked, None, YEAR, AFTER_YEAR).from_cache


@pytest.mark.parametrize(
    ("path", "is_tracked"),
    [
        (f"{FOLDER}/cache.sqlite", True),
        (f"{FOLDER}/.gitignore", True),
        (".SKA-Cache/cache.sqlite", True),  # the same folder where names ignore case
        (f"units/skolan/{FOLDER}/cache.sqlite", False),
        (f"{FOLDER}-gammal/cache.sqlite", False),
        (f"x\t{FOLDER}", False),
        ("plans/huvudman.yaml", False),
    ],
)
def test_which_listings_track_the_cache(tmp_path: Path, path: str, is_tracked: bool) -> None:
    init_git(tmp_path)
    write(tmp_path, "plans/huvudman.yaml", "namn: Kommun\n")
    write(tmp_path, path, "x")
    with Repo(tmp_path) as git:
        git.git.add("-f", "--", path)
    listing = git_files(tmp_path)
    assert listing is not None
    assert path.encode() in listing
    assert tracks_cache(listing) is is_tracked


def test_a_cache_folder_committed_as_a_link_is_tracked(tmp_path: Path) -> None:
    """A committed link `.ska-cache` → a folder the committer controls is a tracked cache."""
    init_git(tmp_path)
    write(tmp_path, "units/skolan/cache/cache.sqlite", "x")
    (tmp_path / FOLDER).symlink_to("units/skolan/cache")
    with Repo(tmp_path) as git:
        git.git.add("-f", "--", FOLDER)
    assert tracks_cache(git_files(tmp_path))


def test_outside_git_the_cache_is_not_tracked(tmp_path: Path) -> None:
    assert git_files(tmp_path) is None
    assert not tracks_cache(None)
    write(tmp_path, "plans/huvudman.yaml", "namn: Kommun\n")
    store = Store(tmp_path)
    assert not store.tracked
    store.close()
    assert (tmp_path / FOLDER / "cache.sqlite").exists()


def test_the_check_costs_no_extra_git_process(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm validate asks git once, for the listing that the content hashes need too."""
    init_git(repo)
    commit(repo, "2025-09-01")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    calls: list[list[str]] = []
    run = subprocess.run

    def counting(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    assert validate_remembered(repo, None, YEAR, AFTER_YEAR).from_cache
    assert calls == [["git", "ls-files", "-s", "-z"]]
