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
from functools import lru_cache

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
    return _identity(row.group, row.grade)


@lru_cache(maxsize=4096)  # the same few group names come back on every row
def _identity(group: str, given: int | None) -> Identity:
    text = " ".join(group.split()).casefold()
    if text in _TOP:
        return ("top",) if given is None else ("grade", given)
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
    grade = given
    if grade is None and (found := _CLASS.match(text)):
        grade = int(found[1])
    if grade is not None:
        return ("class", grade, text)
    return ("other", text)


def identity_of(group: str) -> Identity:
    """Which group a name such as `åk 7`, `7A` or `åk 7–9` describes (see group_identity)."""
    return _identity(group, None)


def within(inner: Identity, outer: Identity) -> bool:
    """Whether the group `inner` is part of `outer` (or is it): a class of årskurs 7 and
    årskurs 7 are within `åk 7`, and both within `åk 7–9`; other names only within
    themselves."""
    if inner == outer:
        return True
    span, inside = _grades(outer), _grades(inner)
    if span is None or inside is None or outer[0] == "class":
        return False
    return span.start <= inside.start and inside.stop <= span.stop


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


def _whole(parent: Identity, kids: list[Identity]) -> bool:
    """Whether the groups inside `parent` are all of it: a range of årskurser whose every
    årskurs is there (as a grade or a smaller range) holds no one else, which anyone can
    tell. A grade's classes, or the top's groups, may leave pupils out."""
    if parent[0] != "range":
        return False
    span = _grades(parent)
    covered = {g for kid in kids if kid[0] in ("grade", "range") for g in (_grades(kid) or ())}
    return span is not None and set(span) <= covered


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
    # var → the smallest pieces (a group without parts, one gender) it is made of
    atoms: dict[int, frozenset[tuple[int, int]]] = field(default_factory=dict)
    atoms_all: set[tuple[int, int]] = field(default_factory=set)

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
    identity_of = {node: identity for identity, node in identities.items()}
    rests = {}
    for parent in sorted(children):
        if _whole(identity_of[parent], [identity_of[kid] for kid in children[parent]]):
            continue  # nobody else is in it: the sum has no remainder
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
            rest = [rests[parent]] if parent in rests else []
            parts = [family.var(kid, gender) for kid in [*kids, *rest]]
            family.add_sum(family.var(parent, gender), parts)
    leaves: dict[int, list[int]] = {}

    def leaves_of(node: int) -> list[int]:
        if node not in leaves:
            rest = [rests[node]] if node in rests else []
            parts = [*children[node], *rest] if node in children else []
            leaves[node] = [leaf for part in parts for leaf in leaves_of(part)] or [node]
        return leaves[node]

    base = [g for g in genders_used if g != _A]
    for (node, gender), var in family.cells.items():
        within = base if gender == _A else [gender]
        family.atoms[var] = frozenset((leaf, g) for leaf in leaves_of(node) for g in within)
        family.atoms_all |= family.atoms[var]
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


Atom = tuple[int, int]  # (a group without parts, a gender that is not alla)
ENUMERATE = 14  # up to this many blocks every union of them is tried; beyond, single ones
EPSILON = 1e-9  # the sums have small whole coefficients: anything this small is zero


def _echelon(
    rows: list[tuple[dict[Atom, float], float]],
) -> dict[Atom, tuple[dict[Atom, float], float]]:
    """Rows (coefficients, right-hand side) in reduced echelon form: pivot → row."""
    pivots: dict[Atom, tuple[dict[Atom, float], float]] = {}
    for coefficients, rhs in rows:
        row = dict(coefficients)
        for pivot, (reduced, value) in pivots.items():
            factor = row.get(pivot)
            if factor is not None:
                _subtract(row, reduced, factor)
                rhs -= factor * value
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {a: c / scale for a, c in row.items()}
        rhs /= scale
        for other, (reduced, value) in list(pivots.items()):
            factor = reduced.get(pivot)
            if factor is not None:
                _subtract(reduced, row, factor)
                pivots[other] = (reduced, value - factor * rhs)
        pivots[pivot] = (row, rhs)
    return pivots


def _in_span(target: frozenset[Atom], sets: list[frozenset[Atom]]) -> bool:
    """Whether the indicator of `target` is a linear combination of those of `sets`."""
    pivots = _echelon([(dict.fromkeys(s, 1.0), 0.0) for s in sets])
    row = dict.fromkeys(target, 1.0)
    for pivot, (reduced, _) in pivots.items():
        factor = row.get(pivot)
        if factor is not None:
            _subtract(row, reduced, factor)
    return not row


def _subtract(row: dict[Atom, float], other: dict[Atom, float], factor: float) -> None:
    for key, coefficient in other.items():
        value = row.get(key, 0.0) - factor * coefficient
        if abs(value) > EPSILON:
            row[key] = value
        else:
            row.pop(key, None)


def _small_known(family: _Family, shown: set[int]) -> tuple[frozenset[Atom], float] | None:
    """A set of pupils smaller than the threshold (but not empty) whose result follows
    from the values shown, with its size; None when there is none.

    Every shown value is the sum over a set of atoms. Atoms that every shown set holds
    or leaves out alike form a block; any set whose result follows is a union of blocks.
    When the shown sets fix every block, a small union holds a small block, so each
    block is checked; otherwise every union of blocks is tried (up to ENUMERATE blocks,
    beyond that each block alone). Sizes come from the shown sizes the same way."""
    empty = {a for a in family.atoms_all if family.totals.get(family.cells[a]) == 0}
    sets = {v: family.atoms[v] - empty for v in shown}
    signature: dict[Atom, list[int]] = {}
    for var in sorted(sets):
        for atom in sets[var]:
            signature.setdefault(atom, []).append(var)
    blocks: dict[tuple[int, ...], set[Atom]] = {}
    for atom, vars_ in signature.items():
        blocks.setdefault(tuple(vars_), set()).add(atom)
    order = sorted(blocks)  # block keys
    index = {key: i for i, key in enumerate(order)}
    rows = [
        (
            {(i, 0): 1.0 for key in order if var in key for i in (index[key],)},
            float(family.totals[var]),
        )
        for var in sorted(sets)
    ]
    pivots = _echelon(rows)
    size = [0.0] * len(order)  # a particular solution: free blocks 0
    for (i, _), (_, value) in pivots.items():
        size[i] = value
    threshold = family.threshold

    def small(value: float) -> bool:  # sizes are whole numbers, up to rounding
        return 0.5 < value < threshold - 0.5

    free = [i for i in range(len(order)) if (i, 0) not in pivots]
    if not free:
        for i, key in enumerate(order):
            if small(size[i]):
                return frozenset(blocks[key]), size[i]
        return None
    # x is in the span when, written over the pivots, it matches on the free blocks
    candidates: list[list[int]]
    if len(order) <= ENUMERATE:
        candidates = [
            [i for i in range(len(order)) if mask >> i & 1] for mask in range(1, 1 << len(order))
        ]
        candidates.sort(key=len)
    else:
        candidates = [[i] for i in range(len(order))]
    for chosen in candidates:
        picked = set(chosen)
        total = 0.0
        implied = dict.fromkeys(free, 0.0)
        for (i, _), (reduced, _) in pivots.items():
            if i in picked:
                total += size[i]
                for (j, _), c in reduced.items():
                    if j != i:
                        implied[j] += c
        matches = all(abs(implied[j] - (j in picked)) < EPSILON for j in free)
        if matches and small(total):
            return frozenset(a for i in chosen for a in blocks[order[i]]), total
    return None


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
    primary: set[int] = set()
    for var, indexes in family.rows.items():
        if min(rows[i].total for i in indexes) < threshold:
            primary.add(var)
            for index in indexes:
                hidden[index] = Reason.PRIMARY
                why[index] = f"gruppen är mindre än {threshold}"
        else:
            shown.add(var)
    # A share of 0 % or 100 % over a hidden row tells its share whatever else is shown.
    protected = {v for v in primary if totals.get(v, 0) > 0}
    for var, reason in _above_extremes(family, rows, protected, shown):
        _hide(family, var, reason, shown, hidden, why)
    while shown:
        found = _small_known(family, shown)
        if found is None:
            break
        atoms, _ = found
        what = _describe(family, atoms)
        reason = f"värdet för {what} går annars att räkna ut ur andra värden"
        # The smallest shown value without which the group no longer follows; when it
        # follows in several ways, the smallest value over it, and the loop goes on.
        ordered = sorted(shown, key=lambda v: (totals[v], v))
        pick = next(
            (v for v in ordered if not _in_span(atoms, [family.atoms[u] for u in shown if u != v])),
            None,
        )
        if pick is None:
            pick = next((v for v in ordered if family.atoms[v] & atoms), ordered[0])
        _hide(family, pick, reason, shown, hidden, why)


def _describe(family: _Family, atoms: frozenset[Atom]) -> str:
    """A group in words: the cell it is, or the smallest cell it is part of."""
    exact = [v for v, a in family.atoms.items() if a == atoms]
    if exact:
        var = min(exact, key=lambda v: (v not in family.rows, v))
        return family.names[var] + ("" if var in family.rows else " (som inte redovisas)")
    around = [v for v, a in family.atoms.items() if atoms <= a]
    if not around:  # only when the sizes do not add up
        return f"en grupp med färre än {family.threshold}"
    smallest = min(around, key=lambda v: (len(family.atoms[v]), v))
    return f"en del av {family.names[smallest]} med färre än {family.threshold}"


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


def decide(rows: Sequence[ResultRow], threshold: int, *, quick: bool = True) -> Decision:
    """Which of `rows` (everything one publication shows) must be hidden, and why.

    Linear in the number of rows for groups of bounded size: each family (measure,
    subject, term and occasion) splits into the groups that nest, each decided on its
    own; one group on its own (the common case: flickor, pojkar and alla of åk 6) by a
    short cut that decides as the general method does (`quick=False` turns it off, for
    tests that compare the two).
    """
    families: defaultdict[tuple[str, ...], list[tuple[int, ResultRow]]] = defaultdict(list)
    for index, row in enumerate(rows):
        families[family_key(row)].append((index, row))
    hidden: dict[int, Reason] = {}
    why: dict[int, str] = {}
    for members in families.values():
        for part in _nested(members):
            if quick and _decide_single(part, threshold, hidden, why):
                continue
            _decide_family(_family(part, threshold), rows, hidden, why)
    ordered = dict(sorted(hidden.items()))
    return Decision(ordered, {i: why[i] for i in ordered})


def _nested(members: list[tuple[int, ResultRow]]) -> list[list[tuple[int, ResultRow]]]:
    """The rows of a family by the groups that nest together (åk 1, åk 2 and åk 3 alone
    do not; with alla, all of them do)."""
    by_identity: dict[Identity, list[tuple[int, ResultRow]]] = {}
    for index, row in members:
        by_identity.setdefault(_identity(row.group, row.grade), []).append((index, row))
    if len(by_identity) == 1:
        return [members]
    present = set(by_identity)
    root: dict[Identity, Identity] = {}

    def top(identity: Identity) -> Identity:
        if identity not in root:
            holder = _parent(identity, present)
            root[identity] = identity if holder is None else top(holder)
        return root[identity]

    parts: dict[Identity, list[tuple[int, ResultRow]]] = {}
    for identity, rows in by_identity.items():
        parts.setdefault(top(identity), []).extend(rows)
    return list(parts.values())


def _decide_single(
    members: list[tuple[int, ResultRow]],
    threshold: int,
    hidden: dict[int, Reason],
    why: dict[int, str],
) -> bool:
    """One group (flickor, pojkar, alla) decided directly; False when the rows are more
    than one group, or flickor and pojkar do not add up to alla."""
    first = members[0][1]
    identity = _identity(first.group, first.grade)
    by_gender: dict[int, list[int]] = {}
    size: dict[int, int] = {}
    smallest: dict[int, int] = {}
    share: dict[int, ResultRow] = {}
    for index, row in members:
        if _identity(row.group, row.grade) != identity:
            return False
        gender = _GENDER_INDEX[row.gender]
        if gender not in by_gender:
            by_gender[gender] = []
            size[gender] = row.total
            share[gender] = row
        by_gender[gender].append(index)
        smallest[gender] = min(smallest.get(gender, row.total), row.total)
    if len(size) == 3 and size[_F] + size[_P] != size[_A]:
        return False  # others, or sizes that do not add up: the general method
    shown = set()
    for gender, indexes in by_gender.items():
        if smallest[gender] < threshold:
            for index in indexes:
                hidden[index] = Reason.PRIMARY
                why[index] = f"gruppen är mindre än {threshold}"
        else:
            shown.add(gender)

    def hide(gender: int, reason: str) -> None:
        shown.discard(gender)
        for index in by_gender[gender]:
            hidden[index] = Reason.SECONDARY
            why[index] = reason

    def name(gender: int) -> str:
        return f"{_GENDER_WORDS[gender]} i {first.group}"

    if _A in shown and (extreme := _extreme(share[_A])):
        for part in (_F, _P):  # the first primary part, as the general method names it
            if part in by_gender and part not in shown and size[part] > 0:
                hide(_A, f"värdet {extreme} visar annars värdet för {name(part)}")
                break
    if _A in shown:
        for known, other in ((_F, _P), (_P, _F)):
            if known in shown and other not in shown:
                left = size[_A] - size[known]
                if 0 < left < threshold:
                    what = name(other) + ("" if other in by_gender else " (som inte redovisas)")
                    pick = min((known, _A), key=lambda g: (size[g], g))
                    hide(pick, f"värdet för {what} går annars att räkna ut ur andra värden")
                break
    return True
