"""The work `ska build` does, counted rather than timed: each document is read once, the
results are analysed once per läsår and git is asked once, however many documents are
built; a big kommun's comparison of every unit is drawn as one chart that fits a page."""

from __future__ import annotations

import datetime as dt
from collections import Counter as Tally
from pathlib import Path
from typing import Any

import pytest

from ska import gitinfo
from ska.render.build import BuildOptions, build
from ska.results import analysis
from tests.conftest import AFTER_YEAR, Counter


def test_a_build_reads_each_document_once_and_analyses_each_year_once(
    repo: Path, loads: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status matrix in the huvudman's report validates the repository: it reads the
    documents and analyses the results the build has already read and analysed."""
    years: list[str] = []
    asked: list[int] = []

    def analysed(*args: Any, **kwargs: Any) -> Any:
        years.append(str(args[2] if len(args) > 2 else kwargs.get("year")))
        return real_analyse(*args, **kwargs)

    def status(root: Path) -> set[str] | None:
        asked.append(1)
        return real_status(root)

    real_analyse, real_status = analysis.analyse, gitinfo.changed_since_commit
    monkeypatch.setattr(analysis, "analyse", analysed)
    monkeypatch.setattr(gitinfo, "changed_since_commit", status)
    result = build(repo, BuildOptions(formats=("html",), today=AFTER_YEAR))
    assert result.ok, result.findings
    assert len(result.built) >= 3  # the plan, the unit's and the huvudman's reports
    parsed = Tally(loads.paths)
    assert parsed
    assert max(parsed.values()) == 1, parsed.most_common(3)
    assert years
    assert len(years) == len(set(years)), years  # once per läsår
    assert asked == [1]  # git status, for every document's provenance


def test_a_build_of_many_documents_keeps_few_waiting(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents are handed to the converters as they are prepared: no more than a few
    prepared documents wait at any time (a big city's 2,000 would not fit in memory)."""
    from ska.render import builder

    prepared: list[int] = []
    done: list[str] = []
    waiting: list[int] = []
    real_tidy, real_render = builder._tidy, builder._render

    def tidy() -> None:  # called once after each document is prepared
        prepared.append(1)
        real_tidy()

    def convert(folder: Path, job: Any, *rest: Any) -> Any:
        waiting.append(len(prepared) - len(done))
        found = real_render(folder, job, *rest)
        done.append(job.id)
        return found

    monkeypatch.setattr(builder, "_tidy", tidy)
    monkeypatch.setattr(builder, "_render", convert)
    options = BuildOptions(formats=("html",), today=dt.date(2026, 8, 15), workers=1)
    result = build(repo, options)
    assert result.ok
    assert len(result.built) >= 6
    assert waiting
    assert max(waiting) <= 2 * 1 + 2, waiting
