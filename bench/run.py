"""Benchmarks for `ska validate` and `ska build` on synthetic repositories.

Sizes: 40 and 1,000 units (and 20,000 with BENCH_LARGE=1). `ska build` for 1,000 units
and more runs only with BENCH_BUILD_LARGE=1, and then also split as `--shard K/4`, each
shard timed on its own from a clean state (as a CI matrix runs them), with its peak memory,
then once more with nothing changed. BENCH_SIZES=40,1000 picks the sizes and BENCH_KEEP=1
keeps the generated repositories. Prints a Swedish table with the target of each figure
beside it, or Markdown with --markdown.
Usage: python bench/run.py [--markdown]

The machine may be shared: the ratios (against a bare libyaml parse of the same YAML,
measured in the same run) are what to compare between runs, not the absolute times.

"Cold" runs start without `.ska-cache/`; "warm" is the best of three runs with nothing
changed; "after one change" edits one unit's report. Peak memory is the validate child's
own ru_maxrss, measured by bench/child.py.
check-jsonschema only checks the schemas, ska also its rules.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from ska.findings import Severity
from ska.model.types import SchoolYear
from ska.validate.run import validate_repository

PYTHON = sys.executable
VALIDATE = ["validate", "--lasar", "2025/26", "--datum", "2026-08-15"]
SKIPPED = "hoppades över"
Row = tuple[str, dict[int, str]]
SHARDS = 4
# The targets of issue 22, shown beside each figure.
TARGETS = {
    "validate kall / libyaml": "högst 2×",
    "validate efter en ändrad enhet / libyaml": "högst 0,2×",
    "Processortid: validate kall / libyaml": "högst 2× (på två kärnor)",
    "Processortid: efter en ändrad enhet / libyaml": "högst 0,2×",
    "Högsta minne, validate kall": "högst 300 MB vid 1 000 enheter",
    "build utan ändringar": "under 1 s vid 1 000 enheter",
}


def machine() -> str:
    model = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} kärnor, {model or 'okänd processor'}, Python {platform.python_version()}"
    )


CPU: dict[str, float] = {}  # processor seconds (user + system) of the last child


def run_child(args: list[str], cwd: Path) -> tuple[float, float]:
    """Run a child process; return wall seconds and its own peak memory in MB (its
    processor seconds, which a busy shared machine disturbs less, in CPU["last"]).
    It starts through bench/child.py, so that its peak is its own (see there)."""
    helper = Path(__file__).resolve().parent / "child.py"
    out = subprocess.run(
        [PYTHON, str(helper), *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout
    measured = json.loads(out)
    CPU["last"] = measured["cpu"]
    return measured["wall"], measured["peak_mb"]


def cpu(action: Callable[[], object]) -> float:
    """The processor seconds `action` takes in this process."""
    start = time.process_time()
    action()
    return time.process_time() - start


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def touch_unit(root: Path, note: str) -> None:
    """Change one unit's report text, as a rektor editing one paragraph would."""
    report = next((root / "units").glob("*/2025-26/kvalitetsrapport.md"))
    text = report.read_text(encoding="utf-8")
    report.write_text(text + f"\nÄndrad under mätningen ({note}).\n", encoding="utf-8")


def yaml_texts(root: Path) -> list[str]:
    """The YAML files and the Markdown front matter that ska parses."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))]
    for md in sorted(root.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            texts.append(text[4:].split("\n---", 1)[0])
    return texts


def peer_command(root: Path) -> list[list[str]] | None:
    """check-jsonschema calls, one per schema, mapped like ska init's editor settings."""
    from ska.workflow.init import EDITOR

    exe = Path(PYTHON).parent / "check-jsonschema"
    if not exe.exists():
        return None
    calls = []
    for schema, patterns in EDITOR["yaml.schemas"].items():  # type: ignore[attr-defined]
        files = [str(f) for p in ([patterns] if isinstance(patterns, str) else patterns)
                 for f in sorted(root.glob(p))]  # fmt: skip
        if files:
            calls.append([str(exe), "--schemafile", str(root / schema), *files])
    return calls


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def forget(root: Path) -> None:
    """Remove ska's cache, so that the next run is cold."""
    shutil.rmtree(root / ".ska-cache", ignore_errors=True)


def measure_validate(root: Path, n: int, rows: dict[str, dict[int, str]]) -> None:
    year, today = SchoolYear(2025), date(2026, 8, 15)
    cli = [PYTHON, "-m", "ska", *VALIDATE, "--rot", str(root)]
    result = validate_repository(root, None, year, today)
    rows["Filer"][n] = str(result.files)
    rows["Fel i validering (ska vara 0)"][n] = str(result.count(Severity.ERROR))
    forget(root)
    cold, peak = run_child(cli, root)
    cold_cpu = CPU["last"]
    warm = min(run_child(cli, root)[0] for _ in range(3))
    touch_unit(root, "validate")
    changed, changed_peak = run_child(cli, root)
    changed_cpu = CPU["last"]
    rows["validate kall (ny process, ingen cache)"][n] = fmt(cold)
    rows["validate varm (ny process, inget ändrat)"][n] = fmt(warm)
    rows["validate efter en ändrad enhet (ny process)"][n] = fmt(changed)
    rows["Högsta minne, validate kall"][n] = f"{peak:.0f} MB"
    rows["Högsta minne, efter en ändrad enhet"][n] = f"{changed_peak:.0f} MB"
    inproc = min(timed(lambda: validate_repository(root, None, year, today)) for _ in range(2))
    rows["validate i processen, utan cache"][n] = fmt(inproc)
    texts = yaml_texts(root)
    floor = min(timed(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
                for _ in range(2))  # fmt: skip
    rows["Golv: bara libyaml (CSafeLoader)"][n] = fmt(floor)
    floor_cpu = min(cpu(lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
                    for _ in range(2))  # fmt: skip
    rows["validate kall / libyaml"][n] = f"{cold / floor:.1f}×"
    rows["validate efter en ändrad enhet / libyaml"][n] = f"{changed / floor:.2f}×"
    rows["Processortid: validate kall / libyaml"][n] = (
        f"{cold_cpu / floor_cpu:.1f}× ({fmt(cold_cpu)} / {fmt(floor_cpu)})"
    )
    rows["Processortid: efter en ändrad enhet / libyaml"][n] = (
        f"{changed_cpu / floor_cpu:.2f}× ({fmt(changed_cpu)})"
    )
    calls = peer_command(root)
    if calls is None:
        rows["check-jsonschema (samma YAML-filer)"][n] = "ej tillgänglig"
    else:
        peer = sum(run_child(c, root)[0] for c in calls)
        rows["check-jsonschema (samma YAML-filer)"][n] = fmt(peer)
        rows["check-jsonschema / validate kall"][n] = f"{peer / cold:.1f}×"


def measure_build(root: Path, n: int, rows: dict[str, dict[int, str]]) -> None:
    labels = ["build alla PDF", "build utan ändringar", "build efter en ändrad enhet",
              "tid per dokument", "Golv: bara Typst (typst.compile)", "build / Typst"]  # fmt: skip
    shard_labels = [f"build del {k}/{SHARDS} (ingen cache)" for k in range(1, SHARDS + 1)]
    large = n >= 1000
    if large and os.environ.get("BENCH_BUILD_LARGE") != "1":
        for label in labels + shard_labels:
            rows[label][n] = SKIPPED
        return
    cli = [PYTHON, "-m", "ska", "build", "--rot", str(root), "-f", "pdf"]
    for k, label in enumerate(shard_labels, start=1):
        if not large:
            rows[label][n] = SKIPPED
            continue
        forget(root)
        shutil.rmtree(root / "bygg", ignore_errors=True)
        seconds, peak = run_child([*cli, "--shard", f"{k}/{SHARDS}"], root)
        again, _ = run_child([*cli, "--shard", f"{k}/{SHARDS}"], root)
        rows[label][n] = f"{fmt(seconds)}, högst {peak:.0f} MB; utan ändringar {fmt(again)}"
    forget(root)
    full, _ = run_child(cli, root)
    pdfs = list((root / "bygg").rglob("*.pdf"))
    noop, _ = run_child(cli, root)
    touch_unit(root, "build")
    changed, _ = run_child(cli, root)
    rows[labels[0]][n] = f"{fmt(full)} ({len(pdfs)} PDF)"
    rows[labels[1]][n] = fmt(noop)
    rows[labels[2]][n] = fmt(changed)
    rows[labels[3]][n] = fmt(full / len(pdfs)) if pdfs else "–"
    typ = sorted((root / "bygg").rglob("*.typ"))
    if not typ:
        rows[labels[4]][n] = rows[labels[5]][n] = "inga .typ-filer kvar"
        return
    import typst

    bare = timed(
        lambda: [typst.compile(str(t), root=str(root), pdf_standards=["ua-1"]) for t in typ]
    )
    rows[labels[4]][n] = f"{fmt(bare)} ({len(typ)} filer)"
    rows[labels[5]][n] = f"{full / bare:.1f}×"


def table(rows: dict[str, dict[int, str]], sizes: list[int], markdown: bool) -> str:
    head = ["Mätning", *[f"{n} enheter" for n in sizes], "Mål"]
    body = [
        [label, *[values.get(n, "–") for n in sizes], TARGETS.get(label, "")]
        for label, values in rows.items()
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in body])
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *body]
    )


def main() -> None:
    markdown = "--markdown" in sys.argv
    # As an installed ska: its modules compiled once (PYTHONDONTWRITEBYTECODE would
    # otherwise make every measured process compile them again).
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "ska", quiet=1)
    sizes = [40, 1000] + ([20_000] if os.environ.get("BENCH_LARGE") == "1" else [])
    if os.environ.get("BENCH_SIZES"):  # e.g. BENCH_SIZES=40 for a quick run
        sizes = [int(n) for n in os.environ["BENCH_SIZES"].split(",")]
    rows: dict[str, dict[int, str]] = {}
    keep = os.environ.get("BENCH_KEEP")
    for n in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"ska-bench-{n}-"))
        try:
            root = folder / "kommun"
            start = time.perf_counter()
            generate(root, n)
            print(f"Genererade {n} enheter på {fmt(time.perf_counter() - start)}", file=sys.stderr)
            measured: dict[str, dict[int, str]] = _Rows(rows)
            measure_validate(root, n, measured)
            measure_build(root, n, measured)
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    print(f"Maskin: {machine()}")
    print(table(rows, sizes, markdown))


class _Rows(dict[str, dict[int, str]]):
    """Rows in first-seen order, created on first use and shared across sizes."""

    def __init__(self, shared: dict[str, dict[int, str]]) -> None:
        super().__init__()
        self.shared = shared

    def __missing__(self, label: str) -> dict[int, str]:
        return self.shared.setdefault(label, {})


if __name__ == "__main__":
    main()
