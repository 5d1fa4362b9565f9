"""The status matrix as a terminal table, a Markdown table and JSON."""

from __future__ import annotations

import json

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from ska.status.matrix import LEGEND, Mark, Status

_STYLE = {
    Mark.OK: "green",
    Mark.FAILING: "bold red",
    Mark.PENDING: "cyan",
    Mark.EXCEPTION: "yellow",
    Mark.NOT_APPLICABLE: "dim",
}


def wide_enough(console: Console, table: Table) -> Console:
    """A console as wide as the table when output goes to a file or pipe, not a terminal."""
    width = Measurement.get(console, console.options.update_width(10_000), table).maximum
    if console.is_terminal or width <= console.width:
        return console
    return Console(width=width, no_color=console.no_color, highlight=False)


def _title(status: Status) -> str:
    return f"Kvalitetsarbetet läsåret {status.year} (bedömt {status.today})"


def _legend() -> str:
    return "  ".join(f"{mark} {text}" for mark, text in LEGEND.items())


def print_status(status: Status, console: Console) -> None:
    table = Table(title=_title(status), title_justify="left", header_style="bold")
    table.add_column("Enhet", overflow="fold")
    for group in status.groups:
        table.add_column(group.short, justify="center", no_wrap=True)
    table.add_column("Fel", justify="right", no_wrap=True, min_width=3)
    table.add_column("Varn", justify="right", no_wrap=True, min_width=4)
    for row in status.rows:
        cells = [
            f"[{_STYLE[c.mark]}]{c}[/{_STYLE[c.mark]}]"
            for c in (row.cells[g] for g in status.groups)
        ]
        table.add_row(row.name, *cells, str(row.errors), str(row.warnings))
    console = wide_enough(console, table)
    console.print(table)
    columns = ", ".join(
        f"{g.short} = {g.label.lower()}" for g in status.groups if g.short != g.label
    )
    console.print(f"Kolumner: {columns}.", highlight=False)
    console.print(_legend(), highlight=False)


def to_markdown(status: Status) -> str:
    header = ["Enhet", *(g.label for g in status.groups), "Fel", "Varningar"]
    lines = [
        f"### {_title(status)}",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(["---"] + [":-:"] * len(status.groups) + ["--:", "--:"]) + " |",
    ]
    for row in status.rows:
        cells = [str(row.cells[g]) for g in status.groups]
        name = row.name.replace("|", "\\|")
        lines.append("| " + " | ".join([name, *cells, str(row.errors), str(row.warnings)]) + " |")
    lines += ["", _legend(), ""]
    return "\n".join(lines)


def to_json(status: Status) -> str:
    document = {
        "läsår": status.year,
        "datum": status.today,
        "kolumner": [g.value for g in status.groups],
        "rader": [
            {
                "id": row.id,
                "namn": row.name,
                "fel": row.errors,
                "varningar": row.warnings,
                "celler": {
                    g.value: {
                        "status": _JSON_MARK[row.cells[g].mark],
                        "fynd": row.cells[g].findings,
                    }
                    for g in status.groups
                },
            }
            for row in status.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


_JSON_MARK = {
    Mark.OK: "uppfyllt",
    Mark.FAILING: "brister",
    Mark.PENDING: "ej_aktuellt_än",
    Mark.EXCEPTION: "undantag",
    Mark.NOT_APPLICABLE: "gäller_inte",
}
