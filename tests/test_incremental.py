"""Incremental validation: after a change, what ska takes from the cache and what it works
out again give exactly what a run without cache finds, and the work done grows with
what changed, not with the repository (ska.cache.memo, ska.load.reads)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ska.cache.store import FOLDER
from ska.model.types import SchoolYear
from ska.rules import run as rules_run
from ska.status.remembered import Remembered, remember, validate_remembered
from ska.validate.run import validate_repository
from tests.conftest import AFTER_YEAR, RESOURCES, Counter, append, replace_in, write
from tests.test_gitinfo import commit, init_git

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate

YEAR = SchoolYear(2025)
DURING = dt.date(2026, 3, 2)  # mid läsår: pending deadlines, not yet overdue
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"


def fresh(root: Path, today: dt.date) -> Remembered:
    """What a run without any cache finds."""
    return remember(validate_repository(root, None, YEAR, today))


def same(root: Path, today: dt.date, changed: bool = True) -> None:
    """A run with the cache (warmed by earlier runs) finds what a run without it finds;
    after a change, not as the whole answer simply remembered."""
    cached = validate_remembered(root, None, YEAR, today)
    assert cached.from_cache is not changed
    expected = fresh(root, today)
    assert cached.findings == expected.findings
    assert cached.accepted == expected.accepted
    assert cached.status_markdown == expected.status_markdown


def _edits() -> dict[str, Callable[[Path], None]]:
    return {
        "unit report text": lambda r: append(r, REPORT, "\nEn ny mening i analysen.\n"),
        "unit report analysis emptied": lambda r: replace_in(
            r, REPORT, "## Analys", "## Analys\n\n## Tidigare analys"
        ),
        "report loses its goal areas": lambda r: replace_in(
            r, REPORT, "läroplansområden:", "tidigare_områden:"
        ),
        "report dated in the future": lambda r: replace_in(
            r, REPORT, "datum: 2026-06-", "datum: 2027-06-"
        ),
        "unit renamed": lambda r: replace_in(r, "units/testskolan/enhet.yaml", "namn:", "namn: Ny"),
        "plan changed": lambda r: append(r, PLAN, "\n# en kommentar\n"),
        "results changed": lambda r: _first_results(r),
        "organiser report changed": lambda r: append(
            r, "plans/2025-26/kvalitetsrapport.md", "\nMer text om huvudmannens analys.\n"
        ),
        "huvudman changed": lambda r: append(r, "plans/huvudman.yaml", "\n# kommentar\n"),
        "new file": lambda r: write(r, "units/testskolan/2025-26/anteckning.md", "# Anteckning\n"),
        "file removed": lambda r: (r / PLAN).unlink(),
    }


def _first_results(root: Path) -> None:
    table = sorted((root / "units/testskolan").rglob("*.csv"))[0]
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


EDITS = _edits()


@pytest.mark.parametrize("name", sorted(EDITS))
def test_after_a_change_the_cache_answers_as_a_fresh_run(repo: Path, name: str) -> None:
    assert EDITS
    for today in (DURING, AFTER_YEAR):
        validate_remembered(repo, None, YEAR, today)  # warm the cache
    EDITS[name](repo)
    for today in (DURING, AFTER_YEAR):
        same(repo, today)


def test_in_git_a_commit_is_seen(repo: Path) -> None:
    """When documents reached the main branch is an input too (git's commits)."""
    init_git(repo)
    commit(repo, "2026-05-02")
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    append(repo, REPORT, "\nSent tillägg.\n")
    commit(repo, "2026-07-20")
    same(repo, AFTER_YEAR)
    write(repo, "units/testskolan/2025-26/ny.md", "# Ny\n")  # untracked: a finding each run
    same(repo, AFTER_YEAR)


@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_random_edits_give_what_a_fresh_run_gives(data: st.DataObject) -> None:
    """Lines removed from or repeated in files picked at random: whatever they break, the
    cache answers as a run without it does."""
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder) / "kommun"
        shutil.copytree(RESOURCES / "minimal", repo)
        _edit_at_random(repo, data)


def _edit_at_random(repo: Path, data: st.DataObject) -> None:
    files = sorted(p for p in repo.rglob("*") if p.is_file() and FOLDER not in p.parts)
    assert files
    before = {p: p.read_bytes() for p in files}
    validate_remembered(repo, None, YEAR, AFTER_YEAR)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(files))
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
        if not lines:
            continue
        index = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[index]
        else:
            lines.insert(index, lines[index])
        path.write_text("".join(lines), encoding="utf-8")
    # A line repeated and then removed again leaves the file as it was: then the answer
    # is rightly the one remembered.
    same(repo, AFTER_YEAR, changed=any(p.read_bytes() != text for p, text in before.items()))


class Checks:
    """How many rule checks a run worked out."""

    def __init__(self) -> None:
        self.count = 0


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Checks:
    done = Checks()
    guarded = rules_run._guarded

    def checking(*args: object) -> rules_run.Checked:
        done.count += 1
        return guarded(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules_run, "_guarded", checking)
    return done


def _one_change(tmp_path: Path, units: int, loads: Counter, checks: Checks) -> tuple[int, int]:
    root = tmp_path / f"kommun-{units}"
    generate(root, units)
    validate_remembered(root, None, YEAR, AFTER_YEAR)
    report = next((root / "units").glob("*/2025-26/kvalitetsrapport.md"))
    report.write_text(report.read_text(encoding="utf-8") + "\nÄndrad.\n", encoding="utf-8")
    loads.paths.clear()
    checks.count = 0
    validate_remembered(root, None, YEAR, AFTER_YEAR)
    # Still read in full: every insats, for the rules over Context.initiatives.
    return len([p for p in loads.paths if "/insatser/" not in p]), checks.count


def test_one_changed_report_costs_the_same_in_a_small_and_a_large_kommun(
    tmp_path: Path, loads: Counter, checks: Checks
) -> None:
    small = _one_change(tmp_path, 7, loads, checks)
    large = _one_change(tmp_path, 21, loads, checks)
    assert small == large, (small, large)
    parsed, rerun = large
    assert 0 < parsed < 40  # the changed report and the few files its checks read
    assert 0 < rerun < 60
    shutil.rmtree(tmp_path, ignore_errors=True)
