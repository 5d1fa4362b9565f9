"""How fast `ska.personnummer` finds and masks numbers in a 2 MiB text.

Texts: ordinary Swedish prose, a CSV of result rows, a run of digits, and the worst case,
nothing but valid numbers (one every 12 characters). Prints the best of five runs, in
CPU time of this process (steadier than the wall clock on a shared machine).
Usage: python bench/personnummer.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ska.personnummer import find, mask

SIZE = 2 * 1024 * 1024
TEXTS = {
    "löptext": "Eleverna i åk 6 läser 20 minuter om dagen sedan 2025-08-18. ",
    "resultattabell": "Läsflyt över gränsvärdet,ht2025,åk 2,flickor,14,19,\n",
    "siffror": "1234567890",
    "bara personnummer": "121212-1212\n",
    "personnummer med mellanslag": "19121212 - 1212 ",
}


def best(run: Callable[[str], object], text: str) -> float:
    times = []
    for _ in range(5):
        start = time.process_time()
        run(text)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    print(f"{'text (2 MiB)':30} {'find':>8} {'mask':>8} {'nummer':>8}")
    for name, piece in TEXTS.items():
        text = (piece * (SIZE // len(piece) + 1))[:SIZE]
        found = len(find(text))
        print(f"{name:30} {best(find, text):7.3f}s {best(mask, text):7.3f}s {found:8d}")


if __name__ == "__main__":
    main()
