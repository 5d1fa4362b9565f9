"""Benchmark: how fast `ska validate` reads and checks a repository.

Builds a synthetic kommun by copying the bundled example's units N times into a
temporary folder, then times discovery, loading and validation, and prints figures:
files per second, MB per second, and peak memory. Run with `make bench`.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from ska.load.yamlfast import parse_yaml
from ska.validate.run import validate_repository

PROJECT = Path(__file__).resolve().parent.parent


def _copy_kommun(target: Path, copies: int) -> int:
    shutil.copytree(PROJECT / "plans", target / "plans")
    units = [p for p in (PROJECT / "units").iterdir() if p.is_dir()]
    for i in range(copies):
        for unit in units:
            shutil.copytree(unit, target / "units" / f"{unit.name}-{i}")
    return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())


def _time(label: str, runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<44} {best * 1000:9.1f} ms (bäst av {runs})")
    return best


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        size = _copy_kommun(root, copies)
        result = validate_repository(root)
        files = result.files
        print(f"Syntetisk kommun: {files} filer, {size / 1e6:.2f} MB ({copies} kopior av enheter)")
        total = _time("ska validate, hela repositoriet", 3, lambda: validate_repository(root))
        print(f"{'  filer per sekund':<44} {files / total:9.0f}")
        print(f"{'  MB per sekund':<44} {size / 1e6 / total:9.2f}")
        one = next(root.glob("units/*/2025-26/utvecklingsplan.yaml"))
        _time("ska validate, en fil", 5, lambda: validate_repository(root, [one]))

        yaml_files = list(root.rglob("*.yaml"))
        texts = [p.read_text(encoding="utf-8") for p in yaml_files]
        yaml_mb = sum(len(t.encode()) for t in texts) / 1e6
        fast = _time(
            "YAML: ska (libyaml + positioner)", 3, lambda: [parse_yaml(t, "x") for t in texts]
        )
        safe = _time(
            "YAML: PyYAML SafeLoader (ren Python)",
            1,
            lambda: [yaml.load(t, Loader=yaml.SafeLoader) for t in texts],
        )
        print(f"{'  ska YAML MB/s':<44} {yaml_mb / fast:9.2f}")
        print(f"{'  ren Python-PyYAML MB/s':<44} {yaml_mb / safe:9.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'Högsta minnesanvändning':<44} {peak:9.0f} MB")
    del result


if __name__ == "__main__":
    main()
