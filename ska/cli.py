"""The `ska` command line: parse arguments, call a core function, print, exit.

Every command is a thin layer over a function in a core module. This module is also
the one error boundary: a `SkaError` becomes its message and exit code, anything else
a short bug report and exit code 3, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from ska import cli_sv
from ska.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    SkaError,
    UsageError,
)
from ska.model.gaps import rendering
from ska.output import OutputFormat, masked_output
from ska.output import console as new_console
from ska.render.options import KINDS

if TYPE_CHECKING:
    from ska.model.types import SchoolYear

cli_sv.install()


def _mask_library_consoles() -> None:
    """Typer draws its usage errors and help with consoles of its own; they mask too."""
    from typer import rich_utils

    from ska.output import masking

    made = getattr(rich_utils, "_get_rich_console", None)
    if made is None or getattr(made, "_ska_masked", False):
        return

    def masked(stderr: bool = False) -> Any:
        return masking(made(stderr=stderr))

    masked._ska_masked = True  # type: ignore[attr-defined]
    rich_utils._get_rich_console = masked


_mask_library_consoles()

app = typer.Typer(
    name="ska",
    help="Systematiskt kvalitetsarbete som text i git: validera, planera och rendera.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
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


YearOption = Annotated[
    str | None,
    typer.Option(
        "--lasar",
        help="Läsåret reglerna bedömer, t.ex. 2025/26. Standard: läsåret som pågår i dag.",
        show_default=False,
    ),
]
JudgedYearOption = Annotated[
    str | None,
    typer.Option(
        "--lasar",
        help="Läsåret att bedöma, t.ex. 2025/26. Standard: läsåret som pågår och, tills allt "
        "i det är inlämnat, läsåret innan.",
        show_default=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--datum",
        help="Datum att bedöma mot, ÅÅÅÅ-MM-DD (vad som hunnit bli aktuellt). Standard: i dag.",
        show_default=False,
    ),
]


TODAY_VARIABLE = "SKA_DATUM"


def _today() -> dt.date:
    """Today, or the date in the environment variable SKA_DATUM: the one place ska asks the
    clock, so a scheduled job, a test or a demonstration can act as on another day."""
    frozen = os.environ.get(TODAY_VARIABLE, "").strip()
    if not frozen:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(frozen)
    except ValueError:
        raise UsageError(
            f"{TODAY_VARIABLE}={frozen} är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-08-15."
        ) from None


def _when(year: str | None, date: str | None) -> tuple[SchoolYear | None, dt.date]:
    from pydantic_core import PydanticCustomError

    from ska.model.types import SchoolYear

    try:
        today = dt.date.fromisoformat(date) if date else _today()
    except ValueError:
        raise UsageError(f"'{date}' är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2026-08-15.") from None
    if year is None:
        return None, today
    as_folder = SchoolYear.from_folder(year.strip())  # 2025-26, as the folders are named
    if as_folder is not None:
        return as_folder, today
    try:
        return SchoolYear.parse(year), today
    except PydanticCustomError as exc:
        hint = (exc.context or {}).get("hint", "")
        raise UsageError(f"{exc.message()}. {hint}".strip()) from None


def _root(root: Path | None) -> Path:
    from ska.load.root import MARKER, find_root

    if root is not None:
        if not root.is_dir():
            raise UsageError(f"Mappen {root} finns inte.")
        return root.resolve()
    found = find_root(Path.cwd())
    if found is None:
        raise UsageError(
            f"Hittar inget ska-repositorium här: ingen mapp uppåt har {MARKER.as_posix()}. "
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
            help="text för människor, json för verktyg, github för anteckningar i GitHub "
            "Actions, markdown för en sammanfattning i en pull request.",
        ),
    ] = OutputFormat.TEXT,
    year: JudgedYearOption = None,
    date: DateOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Avsluta med 1 även vid varningar.")
    ] = False,
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="Kontrollera bara det grenen ändrat mot --base, och det som beror på det.",
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option("--base", help="Grenen att jämföra med. Standard: origin/main eller main."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Kontrollera filerna och kvalitetsarbetets fullständighet för ett läsår.

    Först att filerna går att läsa, följer sitt schema och att hänvisningar finns, sedan
    reglerna ur skollagen, allmänna råd och de lokala förinställningarna i ska.yaml.
    Avslutas med 0 utan fel, 1 med fel (eller varningar med --strict), 2 vid felaktig
    användning och 3 vid internt fel.
    """
    from ska.output import print_text, to_github, to_json, to_markdown
    from ska.status.remembered import judged_sentence

    school_year, today = _when(year, date)
    folder = _root(root)
    if changed:
        from ska.workflow.changed import default_base, select, validate_changed

        chosen = select(folder, base or default_base(folder))
        if chosen.selected == []:  # nothing under plans/ or units/ changed
            typer.echo(f"Inga ändringar i dokumentationen mot {chosen.base}.")
            raise typer.Exit(EXIT_OK)
        result = validate_changed(folder, chosen, school_year, today)
    else:
        from ska.status.remembered import validate_remembered

        result = validate_remembered(folder, paths or None, school_year, today)
    if output is OutputFormat.JSON:
        typer.echo(to_json(result.findings, result.files, result.accepted))
    elif output is OutputFormat.GITHUB:
        if result.findings:
            typer.echo(to_github(result.findings))
    elif output is OutputFormat.MARKDOWN:
        text = to_markdown(result.findings, result.files, result.accepted)
        if result.status_markdown is not None:
            text += "\n" + judged_sentence(result.years, today.isoformat()) + "\n\n"
            text += result.status_markdown
        typer.echo(text, nl=False)
    else:
        console = new_console()
        if result.years:
            console.print(judged_sentence(result.years, today.isoformat()), highlight=False)
        print_text(result.findings, result.files, console, result.accepted)
    raise typer.Exit(EXIT_OK if result.passed(strict) else EXIT_FINDINGS)


class ViewFormat(StrEnum):
    """How a command prints what it shows (status, results, diff): for a person in the
    terminal, as Markdown, or as JSON for a program. Findings have their own formats
    (`output.OutputFormat`), and so do built documents (`render.options.FORMATS`)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command("status")
def status_command(
    output: Annotated[
        ViewFormat,
        typer.Option(
            "--format",
            "-f",
            help="text för terminalen, markdown för en pull request eller rapport, json för "
            "verktyg.",
        ),
    ] = ViewFormat.TEXT,
    year: JudgedYearOption = None,
    date: DateOption = None,
    weeks: Annotated[
        int, typer.Option("--veckor", min=0, help="Hur många veckor framåt som visas.")
    ] = 4,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Avsluta med 1 om någon cell visar brister eller något är försenat."
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Visa hur komplett kvalitetsarbetet är och vad som är på gång.

    En rad per enhet och huvudmannen, en kolumn per kravgrupp (planering, uppföljning,
    analys, insatser, delaktighet …). Sedan årshjulets händelser de närmaste veckorna och
    dokument som är försenade: de saknas, har fel eller kom in i git efter sista dagen.
    """
    from ska.load.repository import Repository
    from ska.status.agenda import build_agenda
    from ska.status.matrix import build_statuses
    from ska.status.remembered import cached, judged_sentence
    from ska.status.render import (
        agenda_markdown,
        print_agenda,
        print_status,
        to_json,
        to_markdown,
    )
    from ska.validate.run import validate_repository

    school_year, today = _when(year, date)
    folder = _root(root)
    with cached(folder) as cache:
        result = validate_repository(folder, None, school_year, today, cache=cache)
    statuses = build_statuses(result)
    agenda = build_agenda(Repository(folder), result.years, today, weeks, result.obligations)
    judged = judged_sentence([str(y) for y in result.years], today.isoformat())
    if output is ViewFormat.JSON:
        typer.echo(to_json(statuses, agenda))
    elif output is ViewFormat.MARKDOWN:
        tables = "\n".join(to_markdown(s) for s in statuses)
        typer.echo(judged + "\n\n" + tables + "\n" + agenda_markdown(agenda), nl=False)
    else:
        console = new_console()
        console.print(judged, highlight=False)
        for status in statuses:
            print_status(status, console)
        print_agenda(agenda, console)
    failed = any(not s.complete for s in statuses) or bool(agenda.overdue)
    raise typer.Exit(EXIT_FINDINGS if strict and failed else EXIT_OK)


class RulesFormat(StrEnum):
    """How `ska regler` prints the catalogue: as ViewFormat, without JSON."""

    TEXT = "text"
    MARKDOWN = "markdown"


@app.command("regler")
def rules_command(
    output: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="text, eller markdown för dokumentationen."),
    ] = RulesFormat.TEXT,
) -> None:
    """Lista alla regler och fynd med id, klass och standardallvarlighet."""
    from rich.table import Table

    from ska.rules.catalog import all_checks
    from ska.rules.docs import rule_list_markdown, severity_text

    if output is RulesFormat.MARKDOWN:
        typer.echo(rule_list_markdown(), nl=False)
        return
    from ska.status.render import wide_enough

    table = Table(header_style="bold", box=None)
    from ska.rules.engine import Rule

    for column in ("Id", "Klass", "Allvarlighet", "I kraft", "Vad regeln kontrollerar"):
        table.add_column(column, no_wrap=column in ("Id", "I kraft"))
    for check in all_checks():
        validity = check.validity if isinstance(check, Rule) else "alla läsår"
        table.add_row(
            check.id, check.rule_class.label, severity_text(check.severity), validity, check.title
        )
    console = wide_enough(new_console(), table)
    console.print(table)
    console.print("Kör ska forklara ID för förklaring, källa och exempel.", highlight=False)


@app.command("forklara")
def explain_command(
    rule_id: Annotated[
        str, typer.Argument(metavar="REGEL", help="Regelns id, t.ex. SL4-3-analys.")
    ],
) -> None:
    """Förklara en regel eller ett fynd: vad det betyder, varför, källan och exempel."""
    from ska.rules.docs import explanation, find, unknown_rule_hint

    rule = find(rule_id)
    if rule is None:
        raise UsageError(f"Regeln '{rule_id}' finns inte. {unknown_rule_hint(rule_id)}")
    typer.echo(explanation(rule))


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
    console = new_console()
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


BUILD_KINDS = {
    "alla": KINDS,
    "rapporter": ("huvudmannarapport", "enhetsrapport"),
    "plan": ("plan",),
    "utvecklingsplaner": ("utvecklingsplan",),
    "arshjul": ("arshjul",),
    "malkort": ("malkort",),
    "insatser": ("insatser",),
}


@app.command("build")
def build_command(
    what: Annotated[
        str,
        typer.Argument(
            metavar="VAD",
            help="alla, rapporter (enheternas och huvudmannens), plan, arshjul, "
            "utvecklingsplaner (enheternas, för läsåret som pågår eller --lasar) eller "
            "malkort (nämndens mål följda upp, för läsåret som pågår eller --lasar) eller "
            "insatser (sammanställningen av alla insatser, alla läsår).",
        ),
    ] = "alla",
    year: YearOption = None,
    formats: Annotated[
        str,
        typer.Option("--format", "-f", help="Format att skapa, kommaseparerade: pdf, html, docx."),
    ] = "pdf,html,docx",
    folder: Annotated[
        Path | None,
        typer.Option("--bygg", help="Byggmappen. Standard: byggmapp i ska.yaml, annars bygg/."),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option("--shard", help="Bygg bara del K av N, t.ex. 2/4, för parallella CI-jobb."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--tvinga", help="Bygg om allt, även det som inte har ändrats.")
    ] = False,
    date: DateOption = None,
    root: RootOption = None,
) -> None:
    """Bygg kvalitetsrapporterna som PDF (tillgänglig, PDF/UA-1), webbsida och Word,
    och en startsida som länkar till allt, i byggmappen."""
    from ska.render.build import build
    from ska.render.options import FORMATS, BuildOptions, Shard
    from ska.render.progress import reporter

    if what not in BUILD_KINDS:
        raise UsageError(f"Okänt val '{what}'. Välj bland {', '.join(BUILD_KINDS)}.")
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"Okänt format: {', '.join(unknown) or formats}. Välj bland pdf, html, docx."
        )
    school_year, today = _when(year, date)
    console = new_console()
    with reporter(console) as progress:
        options = BuildOptions(
            folder=folder,
            years=[school_year] if school_year else None,
            formats=chosen,
            shard=Shard.parse(shard) if shard else None,
            force=force,
            kinds=BUILD_KINDS[what],
            today=today,
        )
        result = build(_root(root), options, progress)
    from ska.output import print_text

    for_humans = f"{len(result.built)} dokument byggda, {len(result.unchanged)} oförändrade"
    if result.findings:
        print_text(result.findings, 0, console)
    console.print(f"{for_humans}. Utdata i {result.folder}.", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


@app.command("init")
def init_command(
    folder: Annotated[
        Path, typer.Argument(metavar="MAPP", help="Mappen för det nya repositoriet.")
    ] = Path("."),
    name: Annotated[
        str, typer.Option("--namn", help="Huvudmannens namn, t.ex. Svenljunga kommun.")
    ] = "Kommunen",
    kind: Annotated[
        str, typer.Option("--typ", help="kommun, region, enskild eller stat.")
    ] = "kommun",
    presets: Annotated[
        str,
        typer.Option(
            "--forinstallningar",
            help="Lokala regler ur en kommuns plan, kommaseparerade: svenljunga, vetlanda, …",
        ),
    ] = "",
) -> None:
    """Skapa ett nytt repositorium: struktur, en minimal plan som validerar, ska.yaml,
    scheman för VS Code, CI för GitHub och GitLab, och en första git-commit."""
    from ska.workflow.init import init_repository

    chosen = [p.strip() for p in presets.split(",") if p.strip()]
    written = init_repository(folder, name, kind, chosen, _today())
    console = new_console()
    console.print(f"Skapade {len(written)} filer i {folder} och en första commit.", highlight=False)
    console.print("Nästa steg: ska ny enhet ID --namn … --skolformer … --rektor …", highlight=False)


results_app = typer.Typer(invoke_without_command=True)
app.add_typer(results_app, name="resultat")


@results_app.callback()
def results_command(
    context: typer.Context,
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--enhet",
            "-e",
            help="Visa allt för enheten (id, kan anges flera gånger). Standard: flaggor och "
            "jämförelser för alla enheter.",
            show_default=False,
        ),
    ] = None,
    every_unit: Annotated[
        bool,
        typer.Option("--alla", help="Visa trender, könsskillnader och kohorter för alla enheter."),
    ] = False,
    output: Annotated[
        ViewFormat,
        typer.Option("--format", "-f", help="text, markdown (för en rapport eller PR) eller json."),
    ] = ViewFormat.TEXT,
    year: Annotated[
        str | None,
        typer.Option(
            "--lasar",
            help="Läsåret att analysera, t.ex. 2025/26. Standard: läsåret rapporterna nu "
            "skrivs om (juli–december det som just slutat), eller det senaste med resultat "
            "före det.",
            show_default=False,
        ),
    ] = None,
    date: DateOption = None,
    root: RootOption = None,
) -> None:
    """Resultaten analyserade: trender, flickor och pojkar, jämförelser med riket och
    kommunen, samma elever över tid och flaggor att analysera. Import av resultat.

    Flaggor visar det enheternas analyser ska ta upp: en nedgång sedan förra mätningen,
    en växande skillnad mellan flickor och pojkar, ett resultat under riket. Grupper med
    färre än min_gruppstorlek visas aldrig. Tröskelvärdena ställs in i ska.yaml.
    """
    if context.invoked_subcommand is not None:
        return
    import json

    from ska.load.repository import Repository
    from ska.results.analysis import to_json
    from ska.results.view import overview, print_overview, to_markdown
    from ska.rules.config import resolve

    school_year, today = _when(year, date)
    top = _root(root)
    settings = resolve(Repository(top), today)[0].settings
    from ska.model.year_wheel import DocumentKind
    from ska.planning.obligations import year_meant

    reported = year_meant(DocumentKind.UNIT_REPORT, today)  # the läsår reports are about
    view = overview(top, school_year, settings, units, every_unit, reported)
    if output is ViewFormat.JSON:
        document = to_json(view.analysis)
        if view.chosen is not None:
            document = {
                key: [i for i in value if i.get("enhet") in view.chosen]
                if isinstance(value, list)
                else value
                for key, value in document.items()
            }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output is ViewFormat.MARKDOWN:
        typer.echo(to_markdown(view), nl=False)
    else:
        print_overview(view, new_console())


@results_app.command("importera")
def import_command(
    source: Annotated[
        Path, typer.Argument(metavar="KÄLLA", help="CSV-filen att importera.", show_default=False)
    ],
    mapping: Annotated[
        str,
        typer.Option(
            "--mappning",
            "-m",
            help="Mappningen i plans/import/, t.ex. plans/import/skolverket-betyg.yaml.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--torrkorning", help="Visa vad som skulle skrivas, utan att skriva.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Importera resultat eller jämförelsevärden från en CSV-export, med en mappning.

    Raderna skrivs i ska:s format till `units/<enhet>/<läsår>/resultat/` eller
    `plans/jämförelser/`. Inget skrivs om något fel hittas. Se docs/import.md.
    """
    from ska.output import print_text
    from ska.results.importing import import_results

    folder = _root(root)
    if not source.is_file():
        raise UsageError(f"{source} finns inte eller är ingen fil.")
    result = import_results(folder, mapping, source, dry_run)
    console = new_console()
    if result.findings:
        print_text(result.findings, 0, console, summary_line=False)
    verb = "skulle skrivas" if dry_run else "skrevs"
    if result.ok:
        console.print(
            f"{result.rows} rader {verb} till {len(result.written)} filer"
            + (f", {result.skipped} hoppades över" if result.skipped else "")
            + ".",
            highlight=False,
        )
        for path in result.written:
            console.print(f"  {path}", highlight=False)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


ny_app = typer.Typer(
    help="Skapa ett nytt dokument från en mall, ifyllt med det repositoriet redan vet.",
    no_args_is_help=True,
)
app.add_typer(ny_app, name="ny")


def _created(path: Path, root: Path) -> None:
    new_console().print(f"Skapade {path.relative_to(root).as_posix()}.", highlight=False)


@ny_app.command("enhet")
def new_unit_command(
    unit_id: Annotated[str, typer.Argument(metavar="ID", help="Enhetens id, t.ex. åsenskolan.")],
    name: Annotated[str, typer.Option("--namn", help="Enhetens namn.")],
    forms: Annotated[
        str, typer.Option("--skolformer", help="Kommaseparerade, t.ex. grundskola,fritidshem.")
    ],
    principal: Annotated[str, typer.Option("--rektor", help="Rektors namn.")],
    code: Annotated[
        str,
        typer.Option(
            "--skolenhetskod",
            help="Skolverkets skolenhetskod, åtta siffror (importen känner igen enheten på den).",
        ),
    ] = "",
    root: RootOption = None,
) -> None:
    """En ny enhet: units/ID/enhet.yaml."""
    from ska.workflow.scaffold import new_unit

    folder = _root(root)
    chosen = [f.strip() for f in forms.split(",") if f.strip()]
    _created(new_unit(folder, unit_id, name, chosen, principal, code), folder)


def _new_for_year(
    make: Callable[[Path, str, SchoolYear, dt.date], Path],
    kind: str,
    unit_id: str,
    year: str | None,
    date: str | None,
    root: Path | None,
) -> None:
    """A document for the läsår given, or the one the user means today."""
    from ska.model.year_wheel import DocumentKind
    from ska.planning.obligations import year_meant

    school_year, today = _when(year, date)
    folder = _root(root)
    chosen = school_year or year_meant(DocumentKind(kind), today)
    _created(make(folder, unit_id, chosen, today), folder)


NewYearOption = Annotated[
    str | None,
    typer.Option(
        "--lasar",
        help="Läsåret dokumentet gäller, t.ex. 2025/26. Standard: för en utvecklingsplan "
        "läsåret som pågår; för en rapport läsåret som just slutat (juli–december), annars "
        "läsåret som pågår.",
        show_default=False,
    ),
]


@ny_app.command("utvecklingsplan")
def new_plan_command(
    unit_id: Annotated[str, typer.Argument(metavar="ENHET", help="Enhetens id.")],
    year: NewYearOption = None,
    date: DateOption = None,
    root: RootOption = None,
) -> None:
    """Enhetens utvecklingsplan för läsåret, med rektor ifylld."""
    from ska.workflow.scaffold import new_plan

    _new_for_year(new_plan, "utvecklingsplan", unit_id, year, date, root)


@ny_app.command("egenkontroll")
def new_self_check_command(
    unit_id: Annotated[str, typer.Argument(metavar="ENHET", help="Enhetens id.")],
    year: NewYearOption = None,
    date: DateOption = None,
    root: RootOption = None,
) -> None:
    """Enhetens egenkontroll för läsåret: kontrollpunkter att besvara ja, nej eller delvis."""
    from ska.workflow.scaffold import new_self_check

    # For the läsår going on, as an utvecklingsplan.
    _new_for_year(new_self_check, "utvecklingsplan", unit_id, year, date, root)


@ny_app.command("rapport")
def new_report_command(
    unit_id: Annotated[str, typer.Argument(metavar="ENHET", help="Enhetens id, eller huvudman.")],
    year: NewYearOption = None,
    date: DateOption = None,
    root: RootOption = None,
) -> None:
    """Enhetens (eller huvudmannens) kvalitetsrapport för läsåret, med förra årets
    utvecklingsområden att följa upp."""
    from ska.workflow.scaffold import new_organiser_report, new_report

    def organiser(folder: Path, _: str, school_year: SchoolYear, today: dt.date) -> Path:
        return new_organiser_report(folder, school_year, today)

    make = organiser if unit_id == "huvudman" else new_report
    _new_for_year(make, "kvalitetsrapport", unit_id, year, date, root)


@ny_app.command("insats")
def new_initiative_command(
    initiative_id: Annotated[str, typer.Argument(metavar="ID", help="Insatsens id.")],
    title: Annotated[str, typer.Option("--titel", help="Insatsens namn.")] = "",
    unit_id: Annotated[
        str | None, typer.Option("--enhet", help="Enheten, för en insats på enhetsnivå.")
    ] = None,
    root: RootOption = None,
) -> None:
    """En ny insats med Syfte, Mål, Åtgärder, period och uppföljning att fylla i."""
    from ska.workflow.scaffold import new_initiative

    folder = _root(root)
    path = new_initiative(folder, initiative_id, title or initiative_id, unit_id, _today())
    _created(path, folder)


@app.command("doctor")
def doctor_command(
    folder: Annotated[
        Path | None, typer.Option("--bygg", help="Byggmappen att pröva. Standard: bygg/.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Kontrollera att allt ska behöver finns: Python, Pandoc, Typst, git och byggmappen."""
    from ska.load.root import find_root
    from ska.workflow.doctor import diagnose

    found = root.resolve() if root is not None else find_root(Path.cwd())
    build_folder = folder or (found / "bygg" if found else None)
    checks = diagnose(found, build_folder)
    console = new_console()
    for check in checks:
        mark = "[green]✓[/green]" if check.ok else "[bold red]✗[/bold red]"
        console.print(f"{mark} {check.name}: {escape(check.detail)}", highlight=False)
        if check.fix:
            console.print(f"    [green]→[/green] {escape(check.fix)}", highlight=False)
    raise typer.Exit(EXIT_OK if all(c.ok for c in checks) else EXIT_FINDINGS)


@app.command("fmt")
def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="SÖKVÄG", help="Filer eller mappar. Standard: hela repositoriet."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            "--kontrollera",
            help="Skriv inget; avsluta med 1 om någon fil skulle ändras (för CI).",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Snygga till YAML: nycklar i schemats ordning, indrag och citattecken. Kommentarerna
    behålls, en redan formaterad fil lämnas orörd och varje fil skrivs atomärt."""
    from ska.output import print_text
    from ska.workflow.fmt import format_repository

    folder = _root(root)
    result = format_repository(folder, paths or None, check)
    console = new_console()
    verb = "skulle formateras" if check else "formaterad"
    for path in result.changed:
        console.print(f"{path}: {verb}", highlight=False)
    if result.findings:
        print_text(result.findings, result.files, console)
    count = len(result.changed)
    done = "skulle ändras" if check else "ändrades"
    console.print(f"{count} av {result.files} filer {done}.", highlight=False)
    failed = bool(result.findings) or (check and bool(result.changed))
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("diff")
def diff_command(
    old: Annotated[
        str, typer.Argument(metavar="FRÅN", help="En version i git, t.ex. main eller v2025.")
    ],
    new: Annotated[
        str,
        typer.Argument(metavar="TILL", help="En version i git; WORKTREE för filerna på disk."),
    ] = "WORKTREE",
    output: Annotated[
        ViewFormat,
        typer.Option("--format", "-f", help="text, markdown (för nämnden eller en PR) eller json."),
    ] = ViewFormat.TEXT,
    root: RootOption = None,
) -> None:
    """Visa vilka mål, indikatorer, insatser, utvecklingsområden och åtaganden som lagts
    till, tagits bort eller ändrats mellan två versioner – inte en raddiff."""
    from ska.workflow.history import semantic_diff, to_json, to_markdown, to_text

    result = semantic_diff(_root(root), old, new)
    render = {ViewFormat.TEXT: to_text, ViewFormat.MARKDOWN: to_markdown, ViewFormat.JSON: to_json}
    typer.echo(render[output](result), nl=False)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; the one place where exceptions become exit codes. Everything it
    prints passes through the masking of personnummer (ska.output.masked_output)."""
    # Outside the rules (which judge gaps themselves) a part of a file that failed its
    # schema shows as a marker rather than stopping the command (see ska.model.gaps).
    with masked_output(), rendering(True):
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    err = new_console(stderr=True)
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
    code = main()
    # What is still alive goes back to the system with the process. CPython would first
    # run a last collection over every object (a big city's validated repository: about
    # three seconds at 1,000 units); set aside, they are left to the exit.
    gc.freeze()
    sys.exit(code)
