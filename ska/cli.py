"""The `ska` command line: parse arguments, call a core function, print, exit.

Every command is a thin layer over a function in a core module. This module is also
the one error boundary: a `SkaError` becomes its message and exit code, anything else
a short bug report and exit code 3, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ska import cli_sv
from ska.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    SkaError,
    UsageError,
)
from ska.output import OutputFormat

cli_sv.install()

app = typer.Typer(
    name="ska",
    help="Systematiskt kvalitetsarbete som text i git: validera, planera och rendera.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--rot",
        help="Repositoriets rot (mappen med plans/ och units/). "
        "Standard: närmaste mapp uppåt som har plans/huvudman.yaml.",
        file_okay=False,
        show_default=False,
    ),
]


def _root(root: Path | None) -> Path:
    from ska.load.repository import find_root

    if root is not None:
        if not root.is_dir():
            raise UsageError(f"Mappen {root} finns inte.")
        return root.resolve()
    found = find_root(Path.cwd())
    if found is None:
        raise UsageError(
            "Hittar inget ska-repositorium här: ingen mapp uppåt har plans/huvudman.yaml. "
            "Gå till repositoriets mapp eller ange --rot."
        )
    return found


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SÖKVÄG",
            help="Filer eller mappar att kontrollera. Standard: hela repositoriet.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text för människor, json för verktyg, github för anteckningar i GitHub Actions.",
        ),
    ] = OutputFormat.TEXT,
    root: RootOption = None,
) -> None:
    """Kontrollera filerna: att de går att läsa, följer sitt schema och att hänvisningar finns.

    Avslutas med 0 utan fel, 1 med fel, 2 vid felaktig användning och 3 vid internt fel.
    """
    from ska.output import print_text, to_github, to_json
    from ska.validate.run import validate_repository

    result = validate_repository(_root(root), paths or None)
    if output is OutputFormat.JSON:
        typer.echo(to_json(result.findings, result.files))
    elif output is OutputFormat.GITHUB:
        if result.findings:
            typer.echo(to_github(result.findings))
    else:
        print_text(result.findings, result.files, Console())
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@app.command("schema")
def schema_command(
    folder: Annotated[
        Path | None,
        typer.Option("--katalog", help="Mappen schemafilerna skrivs till. Standard: schemas/."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--kontrollera", help="Skriv inget; avsluta med 1 om schemas/ är inaktuell."),
    ] = False,
    root: RootOption = None,
) -> None:
    """Skriv JSON Schema för varje sorts fil, för editorer och andra verktyg."""
    from ska.schema_export import export_schemas, stale_schemas

    dest = folder if folder is not None else _root(root) / "schemas"
    console = Console()
    if check:
        stale = stale_schemas(dest)
        for name in stale:
            console.print(f"Inaktuell: {dest / name}", highlight=False)
        if stale:
            console.print("Kör ska schema för att uppdatera.", highlight=False)
            raise typer.Exit(EXIT_FINDINGS)
        console.print(f"Schemafilerna i {dest} är aktuella.", highlight=False)
        return
    written = export_schemas(dest)
    console.print(f"Skrev {len(written)} schemafiler till {dest}.", highlight=False)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where exceptions become exit codes."""
    err = Console(stderr=True)
    try:
        app(args=argv, prog_name="ska")
    except SystemExit as exc:  # Typer ends every run this way, with the exit code
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE if exc.code else EXIT_OK
    except SkaError as exc:
        err.print(f"ska: {exc}", highlight=False)
        return exc.exit_code
    except Exception as exc:  # the boundary: no traceback reaches the user
        err.print(
            f"ska: internt fel ({type(exc).__name__}: {exc}).\n"
            "Det här är ett fel i ska, inte i dina filer. Rapportera det med kommandot du "
            "körde och den här texten.",
            highlight=False,
        )
        return EXIT_INTERNAL
    return EXIT_OK


def run() -> None:
    sys.exit(main())
