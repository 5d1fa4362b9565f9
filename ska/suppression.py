"""Small-group suppression: which results must be shown as `..` when published.

A value describing fewer people than the threshold (10 by default, Skolverket's
convention) could point out individuals, so it is hidden: primary suppression. When
one gender of a cell (measure, subject, term, occasion and group) is hidden but the
other is shown and so is the total for `alla`, the hidden value can be subtracted out;
the other gender is then hidden too: secondary suppression.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum

from ska.model.results import Gender, ResultRow

HIDDEN = ".."


class Reason(StrEnum):
    PRIMARY = "primär"  # the group itself is too small
    SECONDARY = "sekundär"  # it would reveal a hidden value through the total


def cell_key(row: ResultRow) -> tuple[str, ...]:
    """What a row describes apart from gender: the rows of one cell add up to `alla`."""
    return (
        row.measure,
        row.subject or "",
        str(row.term),
        row.occasion or "",
        str(row.grade) if row.grade is not None else "",
        row.group,
    )


def suppressed(rows: Sequence[ResultRow], threshold: int) -> dict[int, Reason]:
    """The indexes of the rows whose value must not be shown, with the reason, in order."""
    hidden = {index: Reason.PRIMARY for index, row in enumerate(rows) if row.total < threshold}
    cells: defaultdict[tuple[str, ...], defaultdict[Gender, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index, row in enumerate(rows):
        cells[cell_key(row)][row.gender].append(index)
    for by_gender in cells.values():
        if all(index in hidden for index in by_gender[Gender.ALL]):
            continue  # no total is shown, so nothing can be subtracted out
        girls, boys = by_gender[Gender.GIRLS], by_gender[Gender.BOYS]
        for one, other in ((girls, boys), (boys, girls)):
            if any(index in hidden for index in one):
                for index in other:
                    hidden.setdefault(index, Reason.SECONDARY)
    return dict(sorted(hidden.items()))
