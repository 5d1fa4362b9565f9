"""Generate a synthetic but valid ska repository with N units, for benchmarks.

The bundled example municipality at the project root (plans/, units/, ska.yaml) is
copied, and its seven units are cycled through: unit i becomes `units/<name>-<i>/` with a
new name, a unique 8-digit skolenhetskod and slightly jittered result figures. The result
is committed to a fresh git repository so that the traceability rule passes.

Usage: python bench/generate.py TARGET UNITS [SEED]
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
from collections import defaultdict
from pathlib import Path

import git

PROJECT = Path(__file__).resolve().parent.parent


def _sources() -> list[Path]:
    return sorted(p for p in (PROJECT / "units").iterdir() if p.is_dir())


def _display_name(enhet: Path) -> str:
    match = re.search(r"^namn: *(.+)$", enhet.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1).strip().strip('"') if match else enhet.parent.name


def _renamed(insats: str, old: str, new: str) -> str:
    return new + insats[len(old) :] if insats.startswith(old) else f"{new}-{insats}"


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    for old, new in mapping.items():
        text = text.replace(old, new)
    return text


def _point_plans_at_copies(plans: Path, first: dict[str, str]) -> None:
    """References from plans/ to an example unit now point at its first copy."""
    # `enhet: <id>` and the ids in an `enheter: [...]` list (the dialogs' units)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, first)) + r")(?![\w-])")
    for path in plans.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        new = re.sub(
            r"^(\s*(?:enhet: *\S+|enheter: *\[.*\]))$",
            lambda m: pattern.sub(lambda u: first[u.group(1)], m.group(1)),
            text,
            flags=re.MULTILINE,
        )
        if new != text:
            path.write_text(new, encoding="utf-8")


def _jitter_csv(text: str, rng: random.Random) -> str:
    """Move antal/totalt by at most one; keep antal <= totalt and 'alla' = sum of sexes."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or "antal" not in rows[0] or "totalt" not in rows[0]:
        return text
    head = rows[0]
    a, t = head.index("antal"), head.index("totalt")
    k = head.index("kön") if "kön" in head else None
    key_cols = [i for i, c in enumerate(head) if c in {"mått", "termin", "grupp"}]
    groups: dict[tuple[str, ...], list[list[str]]] = defaultdict(list)
    for row in rows[1:]:
        if len(row) == len(head):
            groups[tuple(row[i] for i in key_cols)].append(row)
    for members in groups.values():
        if not all(r[a].isdigit() and r[t].isdigit() for r in members):
            continue
        parts = [r for r in members if k is None or r[k] != "alla"]
        total = [r for r in members if k is not None and r[k] == "alla"]
        for row in parts:
            tot = max(1, int(row[t]) + rng.choice((-1, 0, 0, 1)))
            num = min(tot, max(0, int(row[a]) + rng.choice((-1, 0, 0, 1))))
            row[t], row[a] = str(tot), str(num)
        if len(total) == 1 and len(parts) >= 2:
            total[0][a] = str(sum(int(r[a]) for r in parts))
            total[0][t] = str(sum(int(r[t]) for r in parts))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _copy_unit(
    source: Path, dest: Path, index: int, code: str, rng: random.Random, units: dict[str, str]
) -> None:
    """Copy one example unit; `units` maps the example's unit ids to this batch's copies."""
    new_name = f"{_display_name(source / 'enhet.yaml')} {index}"
    # The unit's own insatser have ids that must stay unique across the repository.
    ids = {p.stem: _renamed(p.stem, source.name, dest.name) for p in source.glob("insatser/*")}
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        rel = _replace_all(path.relative_to(source).as_posix(), ids)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _replace_all(path.read_text(encoding="utf-8"), ids)
        if rel == "enhet.yaml":
            text = re.sub(r"^namn: .*$", f"namn: {new_name}", text, flags=re.MULTILINE)
            text = re.sub(
                r"^skolenhetskod: .*$", f'skolenhetskod: "{code}"', text, flags=re.MULTILINE
            )
            text = re.sub(
                r"^elever_från: \[(.*)\]$",
                lambda m: _feeders(m[1], units),
                text,
                flags=re.MULTILINE,
            )
        elif path.suffix == ".csv":
            text = _jitter_csv(text, rng)
        target.write_text(text, encoding="utf-8")


def _feeders(listed: str, units: dict[str, str]) -> str:
    """`elever_från` pointing at the copies of the same batch (left out if there are none)."""
    copies = [units[u.strip()] for u in listed.split(",") if u.strip() in units]
    return f"elever_från: [{', '.join(copies)}]" if copies else ""


def _ska_yaml(names: list[str]) -> str:
    """ska.yaml with the example's exception repeated for every copy of byskolan."""
    text = (PROJECT / "ska.yaml").read_text(encoding="utf-8")
    head, sep, block = text.partition("undantag:\n")
    if not sep:
        return text
    entry = re.match(r"(  - regel:.*?)(?=\n\S|\Z)", block, re.DOTALL)
    if entry is None:
        return text
    rest = block[entry.end() :]
    copies = [
        entry.group(1).replace("enhet: byskolan", f"enhet: {n}")
        for n in names
        if n.startswith("byskolan-")
    ]
    return head + sep + "\n".join(copies) + "\n" + rest


def _commit(target: Path) -> None:
    repo = git.Repo.init(target)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Bänk")
        config.set_value("user", "email", "bank@example.invalid")
    (target / ".gitignore").write_text("bygg/\n", encoding="utf-8")
    repo.git.add("-A")
    repo.git.commit("-q", "-m", "Syntetisk kommun för prestandamätning")


def generate(target: Path, units: int, seed: int = 1) -> None:
    """Write a repository with `units` units into the empty or missing folder `target`."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    for folder in ("plans", "schemas"):
        shutil.copytree(PROJECT / folder, target / folder)
    sources = _sources()
    codes = rng.sample(range(10_000_000, 100_000_000), units)
    names = []
    for i in range(units):
        source = sources[i % len(sources)]
        name = f"{source.name}-{i}"
        names.append(name)
        start = i - i % len(sources)
        batch = {
            s.name: f"{s.name}-{start + j}" for j, s in enumerate(sources) if start + j < units
        }
        _copy_unit(source, target / "units" / name, i, str(codes[i]), rng, batch)
    first = {s.name: f"{s.name}-{i}" for i, s in enumerate(sources) if i < units}
    _point_plans_at_copies(target / "plans", first)
    (target / "ska.yaml").write_text(_ska_yaml(names), encoding="utf-8")
    _commit(target)


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
