"""What a unit's results publish: every row with the one decision on which are hidden.

A unit's kvalitetsrapport shows its result tables of the läsår, charts over three läsår
and the analysis; the huvudman's report sets the units side by side; `ska resultat`
shows trends, gaps and comparisons. All of them read the rows from here, so a value is
hidden in every view or in none, and no view decides on its own. The decision
(ska.suppression.decide) is made over all of a unit's result files of every läsår
together: the same term can be in two läsår's files, and one report shows several
läsår, so a value hidden in one file cannot be worked out from another.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ska.load.csvtable import Table
from ska.load.repository import Repository
from ska.model import kinds as K
from ska.model.results import ResultRow
from ska.model.types import SchoolYear
from ska.suppression import Reason, decide


@dataclass(frozen=True, slots=True)
class UnitTable:
    """One result file of a unit: `units/<unit>/<year>/resultat/<name>.csv`."""

    unit: str
    year: SchoolYear
    path: str
    table: Table[ResultRow]


@dataclass(frozen=True, slots=True)
class PublishedRow:
    """One result row as it may be published: hidden (with why) or shown."""

    unit: str
    year: SchoolYear  # the läsår of the file it is in
    path: str
    line: int
    row: ResultRow
    reason: Reason | None  # None: shown
    why: str = ""  # in Swedish, when hidden

    @property
    def hidden(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True, slots=True)
class Published:
    """All of one unit's result rows, in file order, with the decision applied."""

    unit: str
    rows: tuple[PublishedRow, ...]

    def of_year(self, year: SchoolYear) -> list[PublishedRow]:
        return [r for r in self.rows if r.year == year]

    def of_file(self, path: str) -> list[PublishedRow]:
        return [r for r in self.rows if r.path == path]

    def paths(self, year: SchoolYear) -> list[str]:
        """The unit's result files of a läsår, in order."""
        return list(dict.fromkeys(r.path for r in self.rows if r.year == year))


def publish(tables: Iterable[UnitTable], threshold: int) -> dict[str, Published]:
    """Each unit's rows with one decision over all of the unit's tables."""
    by_unit: defaultdict[str, list[UnitTable]] = defaultdict(list)
    for table in tables:
        by_unit[table.unit].append(table)
    found: dict[str, Published] = {}
    for unit, unit_tables in by_unit.items():
        placed = [(t, index, row) for t in unit_tables for index, row in enumerate(t.table.rows)]
        decision = decide([row for _, _, row in placed], threshold)
        rows = []
        for position, (t, index, row) in enumerate(placed):
            lines = t.table.lines
            line = lines[index] if index < len(lines) else 0
            reason = decision.reason(position)
            why = decision.why.get(position, "")
            rows.append(PublishedRow(unit, t.year, t.path, line, row, reason, why))
        found[unit] = Published(unit, tuple(rows))
    return found


def unit_tables(repo: Repository, units: Iterable[str] | None = None) -> list[UnitTable]:
    """The valid result tables of the repository (of the given units), in path order."""
    index = _result_files(repo)
    wanted = sorted(index) if units is None else sorted(set(units) & index.keys())
    found: list[UnitTable] = []
    for path, unit, year in sorted(entry for u in wanted for entry in index[u]):
        table = repo.model(path, Table)
        if table is not None:
            found.append(UnitTable(unit, year, path, table))
    return found


# Repository → its result files by unit, and by threshold every unit's publication as
# far as worked out: a repository's files do not change while it is loaded, and a build
# prepares many documents from one.
_FILES: weakref.WeakKeyDictionary[Repository, dict[str, list[tuple[str, str, SchoolYear]]]] = (
    weakref.WeakKeyDictionary()
)
_MEMO: weakref.WeakKeyDictionary[Repository, dict[int, dict[str, Published]]] = (
    weakref.WeakKeyDictionary()
)


def _result_files(repo: Repository) -> dict[str, list[tuple[str, str, SchoolYear]]]:
    if repo not in _FILES:
        found: dict[str, list[tuple[str, str, SchoolYear]]] = {}
        for path, located in repo.files.items():
            if located.kind is K.RESULTS and located.unit and located.school_year:
                found.setdefault(located.unit, []).append((path, located.unit, located.school_year))
        _FILES[repo] = found
    return _FILES[repo]


def published(repo: Repository, unit: str, threshold: int) -> Published:
    """A unit's results as they may be published (no rows when it has none); only the
    unit's own files are read."""
    memo = _MEMO.setdefault(repo, {}).setdefault(threshold, {})
    if unit not in memo:
        memo[unit] = publish(unit_tables(repo, [unit]), threshold).get(unit, Published(unit, ()))
    return memo[unit]


def publications(repo: Repository, threshold: int) -> dict[str, Published]:
    """Every unit's results as they may be published (units with result files)."""
    return {unit: published(repo, unit, threshold) for unit in sorted(_result_files(repo))}


def single(rows: Sequence[ResultRow], threshold: int, unit: str = "") -> list[PublishedRow]:
    """Loose rows taken as one publication (for charts and tables drawn from rows alone)."""
    if not rows:
        return []
    year = rows[0].term.school_year
    table = Table(list(rows), list(range(2, len(rows) + 2)))
    return list(publish([UnitTable(unit, year, "", table)], threshold)[unit].rows)
