"""Small-group suppression: which results must be shown as `..` when published.

A value describing fewer people than the threshold (10 by default, Skolverket's
convention) could point out individuals, so it is hidden: primary suppression. A value
that is shown can still give a hidden one away through a sum, so more values are hidden
until no hidden value can be worked out: secondary (complementary) suppression.

`decide` makes one decision over everything a publication shows of a unit (see
ska.results.published), never file by file. Rows describing the same measure, subject,
term and occasion form a family, whatever file they are in; within it, rows are linked
by sums:

- kön: alla = flickor + pojkar (+ others, when the group sizes say there are others);
- grupp: a group is the sum of the groups inside it: `alla` ⊇ `åk 7–9` ⊇ `åk 7` ⊇ `7A`
  (a class of årskurs 7), plus a remainder for whatever is not reported on its own.

Group sizes (`totalt`) count as public and shown values as exact (a share rounded to
whole per cent of a small group is exact anyway). A hidden value is derivable when it is
a linear combination of shown values: when the sums, reduced over the values that are
not shown, have a row with that value alone. Values that are not published at all (a
gender without a row, a grade left out of `åk 7–9`) are unknowns of the sums too; when
their group size comes out between 1 and the threshold − 1 (or cannot be worked out)
they are protected like a hidden row. A share of 0 % or 100 % tells the share of every
part of the group, so such a value above a hidden row is hidden as well.

What this does not cover is said in the README (Vad ska lovar): bounds from shares
near 0 % or 100 %, relations between different measures, and other publications.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from ska.model.results import Gender, ResultRow, grade_of

HIDDEN = ".."


class Reason(StrEnum):
    PRIMARY = "primär"  # the group itself is too small
    SECONDARY = "sekundär"  # it would reveal a hidden value through a sum


@dataclass(frozen=True)
class Decision:
    """The rows (by index) whose value must not be shown, and why, in Swedish."""

    hidden: Mapping[int, Reason] = field(default_factory=dict)
    why: Mapping[int, str] = field(default_factory=dict)

    def reason(self, index: int) -> Reason | None:
        return self.hidden.get(index)


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


def family_key(row: ResultRow) -> tuple[str, ...]:
    """What a row describes apart from gender and group: the rows that sums link."""
    return (row.measure, row.subject or "", str(row.term), row.occasion or "")


# -- groups ----------------------------------------------------------------------------

_TOP = frozenset(
    {"alla", "totalt", "samtliga", "hela skolan", "hela enheten", "skolan", "enheten"}
    | {"alla elever", "alla barn", "hela förskolan", "förskolan"}
)
_RANGE = re.compile(
    r"^(?:åk\.?|årskurs(?:erna)?)?\s*(f|fk|[1-9])\s*[-–—]\s*(?:åk\.?\s*)?([1-9])$",
    re.IGNORECASE,
)
_CLASS = re.compile(r"^(?:klass\s*)?([1-9])\s*[a-zåäö]{1,2}$", re.IGNORECASE)

Identity = tuple[str | int, ...]


def group_identity(row: ResultRow) -> Identity:
    """Which group a row describes, so that `åk 7` and `7` are one group and the groups
    can be nested: ("top",), ("range", 7, 9), ("grade", 7), ("class", 7, "7a") or
    ("other", name)."""
    text = " ".join(row.group.split()).casefold()
    if text in _TOP:
        return ("top",) if row.grade is None else ("grade", row.grade)
    grade = grade_of(text)
    if grade is not None:
        return ("grade", grade)
    match = _RANGE.match(text)
    if match:
        low = int(match[1]) if match[1].isdigit() else 0
        high = int(match[2])
        if low < high:
            return ("range", low, high)
        if low == high:
            return ("grade", low)
    grade = row.grade
    if grade is None and (found := _CLASS.match(text)):
        grade = int(found[1])
    if grade is not None:
        return ("class", grade, text)
    return ("other", text)


def _grades(identity: Identity) -> range | None:
    kind = identity[0]
    if kind in ("grade", "class"):
        grade = int(identity[1])
        return range(grade, grade + 1)
    if kind == "range":
        return range(int(identity[1]), int(identity[2]) + 1)
    return None


def _parent(identity: Identity, present: set[Identity]) -> Identity | None:
    """The smallest group present that holds this one: class → grade → range → top."""
    kind = identity[0]
    if kind == "top":
        return None
    grades = _grades(identity)
    if grades is not None:
        if kind == "class" and ("grade", grades.start) in present:
            return ("grade", grades.start)
        holders = [
            other
            for other in present
            if other[0] == "range"
            and other != identity
            and (span := _grades(other)) is not None
            and span.start <= grades.start
            and grades.stop <= span.stop
        ]
        if holders:
            return min(holders, key=lambda o: (int(o[2]) - int(o[1]), int(o[1])))
    return ("top",) if ("top",) in present else None


# -- one family ------------------------------------------------------------------------

_F, _P, _O, _A = range(4)  # flickor, pojkar, others (neither, or unknown), alla
_GENDER_INDEX = {Gender.GIRLS: _F, Gender.BOYS: _P, Gender.ALL: _A}
_GENDER_WORDS = {_F: "flickor", _P: "pojkar", _O: "övriga", _A: ""}

Equation = dict[int, int]  # variable → coefficient, summing to 0


@dataclass
class _Family:
    """The rows of one measure, subject, term and occasion, as a grid of groups and
    genders with the sums that link its cells."""

    threshold: int
    labels: list[str] = field(default_factory=list)  # group of each node, for messages
    cells: dict[tuple[int, int], int] = field(default_factory=dict)  # (node, gender) → var
    rows: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # var → rows
    names: list[str] = field(default_factory=list)  # each variable, in Swedish
    totals: dict[int, int] = field(default_factory=dict)  # known group sizes
    equations: list[Equation] = field(default_factory=list)
    above: dict[int, list[int]] = field(default_factory=dict)  # var → the sums it is in

    def var(self, node: int, gender: int) -> int:
        key = (node, gender)
        if key not in self.cells:
            self.cells[key] = len(self.names)
            word = _GENDER_WORDS[gender]
            group = self.labels[node]
            self.names.append(f"{word} i {group}" if word else group)
        return self.cells[key]

    def add_sum(self, whole: int, parts: list[int]) -> None:
        equation = {whole: 1}
        for part in parts:
            equation[part] = equation.get(part, 0) - 1
        self.equations.append(equation)
        for part in parts:
            self.above.setdefault(part, []).append(whole)


def _family(members: list[tuple[int, ResultRow]], threshold: int) -> _Family:
    family = _Family(threshold)
    identities: dict[Identity, int] = {}
    by_node: defaultdict[int, dict[int, list[int]]] = defaultdict(dict)
    for index, row in members:
        identity = group_identity(row)
        if identity not in identities:
            identities[identity] = len(family.labels)
            family.labels.append(row.group)
        by_node[identities[identity]].setdefault(_GENDER_INDEX[row.gender], []).append(index)
    present = set(identities)
    children: defaultdict[int, list[int]] = defaultdict(list)
    for identity, node in identities.items():
        holder = _parent(identity, present)
        if holder is not None:
            children[identities[holder]].append(node)
    rests = {}
    for parent in sorted(children):
        rests[parent] = len(family.labels)
        family.labels.append(f"övriga i {family.labels[parent]}")
    node_count = len(family.labels)
    row_of = dict(members)
    others = False  # do the group sizes say some pupils are neither flickor nor pojkar?
    for node, genders in by_node.items():
        for gender, indexes in genders.items():
            var = family.var(node, gender)
            family.rows[var] = indexes
            family.totals[var] = row_of[indexes[0]].total
        if {_F, _P, _A} <= genders.keys():
            sizes = {g: row_of[genders[g][0]].total for g in (_F, _P, _A)}
            others = others or sizes[_F] + sizes[_P] < sizes[_A]
    genders_used = (_F, _P, _O, _A) if others else (_F, _P, _A)
    for node in range(node_count):
        parts = [family.var(node, g) for g in genders_used if g != _A]
        family.add_sum(family.var(node, _A), parts)
    for parent, kids in sorted(children.items()):
        for gender in genders_used:
            parts = [family.var(kid, gender) for kid in [*kids, rests[parent]]]
            family.add_sum(family.var(parent, gender), parts)
    _known_sizes(family)
    return family


def _known_sizes(family: _Family) -> None:
    """Group sizes that follow from the published ones: a sum with one size missing, and
    every part of a group of none."""
    totals = family.totals
    changed = True
    while changed:
        changed = False
        for equation in family.equations:
            unknown = [v for v in equation if v not in totals]
            if not unknown:
                continue
            whole = next(v for v, c in equation.items() if c == 1)
            if totals.get(whole) == 0:
                for var in unknown:
                    totals[var] = 0
                changed = True
            elif len(unknown) == 1:
                (var,) = unknown
                size = -sum(c * totals[v] for v, c in equation.items() if v != var)
                # negative: the groups do not nest as their names say; then no group
                # of that size exists to protect
                totals[var] = size // equation[var]
                changed = True


# -- deciding --------------------------------------------------------------------------


def _determined(equations: list[Equation], unknown: set[int]) -> set[int]:
    """The unknowns that the sums fix: pivots of the reduced echelon form that stand alone
    in their row (the known values move to the right-hand side)."""
    pivots: dict[int, dict[int, Fraction]] = {}
    for equation in equations:
        row = {v: Fraction(c) for v, c in equation.items() if v in unknown and c}
        for pivot, reduced in pivots.items():
            factor = row.get(pivot)
            if factor:
                _subtract(row, reduced, factor)
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {v: c / scale for v, c in row.items()}
        for reduced in pivots.values():
            factor = reduced.get(pivot)
            if factor:
                _subtract(reduced, row, factor)
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[int, Fraction], other: dict[int, Fraction], factor: Fraction) -> None:
    for var, coefficient in other.items():
        value = row.get(var, Fraction(0)) - factor * coefficient
        if value:
            row[var] = value
        else:
            row.pop(var, None)


def _extreme(row: ResultRow) -> str | None:
    """'0 %' or '100 %' when a share says the same of every member of the group."""
    if row.count is None or row.total == 0:
        return None
    if row.count == 0:
        return "0 %"
    return "100 %" if row.count == row.total else None


def _decide_family(
    family: _Family, rows: Sequence[ResultRow], hidden: dict[int, Reason], why: dict[int, str]
) -> None:
    threshold = family.threshold
    totals = family.totals
    shown: set[int] = set()
    hidden_vars: dict[int, str] = {}  # var → why, of the rows hidden for their size
    sensitive: set[int] = set()  # values that must not be worked out
    zero: set[int] = set()  # groups of nobody: their value is known to be 0
    for var in range(len(family.names)):
        indexes = family.rows.get(var)
        size = totals.get(var)
        if size == 0:
            zero.add(var)
        if indexes is None:  # not published: an unknown, protected when small
            if size is None or 0 < size < threshold:
                sensitive.add(var)
            continue
        smallest = min(rows[i].total for i in indexes)
        if smallest < threshold:
            hidden_vars[var] = f"gruppen är mindre än {threshold}"
            for index in indexes:
                hidden[index] = Reason.PRIMARY
                why[index] = hidden_vars[var]
            if smallest > 0:
                sensitive.add(var)
        else:
            shown.add(var)
    if not sensitive:
        return  # nothing small: nothing to protect
    # A share of 0 % or 100 % over a hidden row tells its share whatever else is shown.
    for var, reason in _above_extremes(family, rows, sensitive & set(hidden_vars), shown):
        _hide(family, var, reason, shown, hidden, why)
    while True:
        unknown = {v for v in range(len(family.names)) if v not in shown and v not in zero}
        exposed = sorted(_determined(family.equations, unknown) & sensitive)
        if not exposed:
            break
        target = exposed[0]
        what = family.names[target]
        if target not in family.rows:
            what += " (som inte redovisas)"
        candidates = {v for eq in family.equations if target in eq for v in eq} & shown
        if not candidates:
            candidates = set(shown)  # no sum left to break: hide what is left
        if not candidates:
            break  # the sums alone fix it (contradictory groups): nothing more to hide
        pick = min(candidates, key=lambda v: (totals.get(v, 0), v))
        reason = f"värdet för {what} går annars att räkna ut ur andra värden"
        _hide(family, pick, reason, shown, hidden, why)


def _hide(
    family: _Family,
    var: int,
    reason: str,
    shown: set[int],
    hidden: dict[int, Reason],
    why: dict[int, str],
) -> None:
    shown.discard(var)
    for index in family.rows[var]:
        hidden[index] = Reason.SECONDARY
        why[index] = reason


def _above_extremes(
    family: _Family, rows: Sequence[ResultRow], protected: set[int], shown: set[int]
) -> list[tuple[int, str]]:
    """Shown shares of 0 % or 100 % over a hidden row: they tell its share."""
    found: list[tuple[int, str]] = []
    for var in sorted(protected):
        seen: set[int] = set()
        stack = list(family.above.get(var, []))
        while stack:
            whole = stack.pop()
            if whole in seen:
                continue
            seen.add(whole)
            stack += family.above.get(whole, [])
            if whole in shown and (share := _extreme(rows[family.rows[whole][0]])):
                text = f"värdet {share} visar annars värdet för {family.names[var]}"
                found.append((whole, text))
    return found


def decide(rows: Sequence[ResultRow], threshold: int) -> Decision:
    """Which of `rows` (everything one publication shows) must be hidden, and why.

    Linear in the number of rows for families of bounded size: each family (measure,
    subject, term and occasion) is decided on its own, and one without a small group is
    passed over after its group sizes are worked out.
    """
    families: defaultdict[tuple[str, ...], list[tuple[int, ResultRow]]] = defaultdict(list)
    for index, row in enumerate(rows):
        families[family_key(row)].append((index, row))
    hidden: dict[int, Reason] = {}
    why: dict[int, str] = {}
    for members in families.values():
        _decide_family(_family(members, threshold), rows, hidden, why)
    ordered = dict(sorted(hidden.items()))
    return Decision(ordered, {i: why[i] for i in ordered})
