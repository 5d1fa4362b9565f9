"""Progress while building: a bar on a terminal, one plain line per document in CI logs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn


@contextmanager
def reporter(console: Console) -> Iterator[Callable[[str], None]]:
    """A callback to report each finished document."""
    if not console.is_terminal:
        yield lambda document: console.print(f"byggt: {document}", highlight=False)
        return
    with Progress(
        TextColumn("Bygger"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        yield lambda document: bar.update(task, advance=1, description=document)
