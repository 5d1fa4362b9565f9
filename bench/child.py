"""Run one command and print its wall time, processor time and peak memory as JSON.

The benchmark starts each measured command through this small process rather than
directly: on Linux a child's peak memory (ru_maxrss) counts the memory of the process
that started it, up to the moment it started (the kernel carries the parent's high-water
mark over the exec). The benchmark itself holds a whole validated repository in memory,
which would otherwise show as the child's. This process is small, and forks the command.
Usage: python bench/child.py COMMAND [ARG...]
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the command: its output is not measured
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(sys.argv[1], sys.argv[1:])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    print(
        json.dumps(
            {
                "wall": time.perf_counter() - start,
                "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mb": usage.ru_maxrss / 1024,
                "returncode": os.waitstatus_to_exitcode(status),
            }
        )
    )


if __name__ == "__main__":
    main()
