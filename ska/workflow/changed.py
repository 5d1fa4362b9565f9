"""`ska validate --changed`: what a branch changed against its base, and what depends on it.

The changed files are those that differ between the merge base of `--base` and HEAD,
plus uncommitted changes. A change to the huvudman's register files (huvudman, mål,
fokusområden, årshjul, ska.yaml) can change the verdict on anything, so it selects the
whole repository; a change in a unit selects the unit and the huvudman's reports that
compile it; a changed insats selects every file that names it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import git

from ska.errors import UsageError
from ska.files import Refused, read_inside
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.status.remembered import Remembered, cached, remember
from ska.validate.run import validate_repository

EVERYTHING = (
    K.ORGANISER.pattern,
    K.BOARD_GOALS.pattern,
    K.FOCUS_AREAS.pattern,
    K.YEAR_WHEEL.pattern,
    K.CONFIG.pattern,
)


@dataclass(frozen=True)
class Selection:
    base: str
    changed: list[str]  # repository-relative paths that changed (existing or deleted)
    selected: list[str] | None  # what to validate; None means everything
    units: list[str]  # the units the change touches, for the status summary


def _runner(root: Path) -> git.Git:
    return git.Git(str(root))


def changed_files(root: Path, base: str) -> list[str]:
    """Paths under `root` changed since the merge base with `base`, committed or not."""
    runner = _runner(root)
    try:
        runner.rev_parse("--verify", "--quiet", f"{base}^{{commit}}")
    except git.GitCommandError:
        raise UsageError(
            f"Hittar inte versionen '{base}' i git. Ange --base, t.ex. origin/main."
        ) from None
    try:
        fork = runner.merge_base(base, "HEAD").strip()
        committed = runner.diff("--name-only", "-z", "--relative", f"{fork}", "HEAD", "--", ".")
        working = runner.diff("--name-only", "-z", "--relative", "HEAD", "--", ".")
        untracked = runner.ls_files("-z", "--others", "--exclude-standard")
    except git.GitCommandError as exc:
        raise UsageError(f"git kunde inte jämföra med '{base}': {exc.stderr.strip()}") from None
    names = f"{committed}\0{working}\0{untracked}".split("\0")
    return sorted({unicodedata.normalize("NFC", n) for n in names if n})


def select(root: Path, base: str) -> Selection:
    changed = changed_files(root, base)
    repo = Repository(root)
    if any(path in EVERYTHING for path in changed):
        return Selection(base, changed, None, list(repo.unit_ids))
    selected: set[str] = set()
    units: set[str] = set()
    for path in changed:
        parts = path.split("/")
        if parts[0] == K.UNITS and len(parts) > 1:
            units.add(parts[1])
            selected.add(K.UNIT.folder(unit=parts[1]))
            for year in repo.files.values():
                if year.unit == parts[1] and year.school_year is not None:
                    selected |= set(repo.organiser_reports(year.school_year))
        elif parts[0] == K.PLANS:
            selected.add(path)
        located = repo.files.get(path)
        if located is not None and located.kind in (K.INITIATIVE, K.UNIT_INITIATIVE):
            selected |= _naming(repo, root, located.stem)
    existing = sorted(p for p in selected if (root / p).exists())
    return Selection(base, changed, existing, sorted(units))


def _naming(repo: Repository, root: Path, ident: str) -> set[str]:
    """Files whose text names the id (the documents that link an insats)."""
    found = set()
    for path, located in repo.files.items():
        if located.kind.format is K.FileFormat.CSV:
            continue
        try:
            text = read_inside(root, located.disk_path).decode("utf-8", errors="replace")
        except (OSError, Refused):
            continue
        if ident in text:
            found.add(path)
    return found


def default_base(root: Path) -> str:
    """origin/main, else main, else master: the branch pull requests go into."""
    runner = _runner(root)
    for ref in ("origin/main", "main", "origin/master", "master"):
        try:
            runner.rev_parse("--verify", "--quiet", f"{ref}^{{commit}}")
        except git.GitCommandError:
            continue
        return ref
    raise UsageError("Hittar ingen huvudgren (main eller master). Ange --base.")


def changed_years(changed: list[str]) -> list[SchoolYear]:
    """The läsår whose folders the changed files are in (`units/x/2025-26/…`,
    `plans/2025-26/…`), oldest first; empty when no change is in a läsår's folder."""
    found = set()
    for path in changed:
        for part in path.split("/")[:3]:
            year = SchoolYear.from_folder(part)
            if year is not None:
                found.add(year)
                break
    return sorted(found)


def validate_changed(
    root: Path, chosen: Selection, year: SchoolYear | None, today: dt.date
) -> Remembered:
    """The findings of `ska validate --changed` for a selection that is not empty, with
    the status of the rows the change touches. What the selection's checks read is taken
    from the cache like in any validation, so a pull request in a big city is not a cold
    run (the CI workflows keep the cache between runs)."""
    paths = None if chosen.selected is None else [root / p for p in chosen.selected]
    years = None if year else changed_years(chosen.changed) or None
    with cached(root) as cache:
        checked = validate_repository(root, paths, year, today, years=years, cache=cache)
    return remember(checked, {"huvudman", *chosen.units})
