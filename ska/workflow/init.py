"""`ska init`: a new kommun's repository, valid from the first commit.

It writes the layout with a minimal plan that `ska validate` accepts, the configuration,
the JSON Schemas and a VS Code configuration that uses them, CI workflows for GitHub and
GitLab, and makes the first git commit.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import yaml

from ska.errors import UsageError
from ska.files import write_atomic
from ska.model import kinds as K
from ska.model.organiser import OrganiserKind
from ska.model.types import SchoolYear
from ska.rules.presets import PRESETS
from ska.schema_export import export_schemas
from ska.workflow.ci import GITHUB_WORKFLOW, GITLAB_CI
from ska.workflow.fmt import format_repository
from ska.workflow.scaffold import create

GITIGNORE = "# Byggda dokument skapas av ska build och publiceras av CI.\nbygg/\n.venv/\n"


def _schema(kind: K.Kind) -> str:
    return f"./schemas/{kind.schema}.schema.json"


EDITOR = {
    "yaml.schemas": {
        _schema(K.ORGANISER): K.ORGANISER.glob,
        _schema(K.BOARD_GOALS): K.BOARD_GOALS.glob,
        _schema(K.FOCUS_AREAS): K.FOCUS_AREAS.glob,
        _schema(K.YEAR_WHEEL): K.YEAR_WHEEL.glob,
        _schema(K.INITIATIVE): [K.INITIATIVE.glob, K.UNIT_INITIATIVE.glob],
        _schema(K.KAA): K.KAA.glob,
        _schema(K.INTERNAL_CONTROL): K.INTERNAL_CONTROL.glob,
        _schema(K.UNIT): K.UNIT.glob,
        _schema(K.DEVELOPMENT_PLAN): K.DEVELOPMENT_PLAN.glob,
        _schema(K.CONFIG): K.CONFIG.glob,
    },
    "files.encoding": "utf8",
    "files.eol": "\n",
}


def init_repository(
    folder: Path, name: str, kind: str, presets: list[str], today: dt.date
) -> list[Path]:
    """Create the repository in `folder`; refuse if it already holds an ska repository."""
    if (folder / K.PLANS).exists() or (folder / K.UNITS).exists():
        raise UsageError(f"{folder} har redan plans/ eller units/; inget skrevs.")
    if kind not in {k.value for k in OrganiserKind}:
        raise UsageError(
            f"Okänd typ av huvudman '{kind}'. Välj kommun, region, enskild eller stat."
        )
    unknown = [p for p in presets if p not in PRESETS]
    if unknown:
        raise UsageError(
            f"Okänd förinställning: {', '.join(unknown)}. Finns: {', '.join(PRESETS)}."
        )
    folder.mkdir(parents=True, exist_ok=True)
    year = SchoolYear.containing(today)
    context = {
        "namn": name,
        "typ": kind,
        "år": today.year,
        "idag": today.isoformat(),
        "förinställningar": ", ".join(presets),
    }
    context["händelser"] = _preset_events(presets)
    written = [
        create(folder, K.ORGANISER.path(), "huvudman.yaml.j2", context),
        create(folder, K.BOARD_GOALS.path(), "mal.yaml.j2", context),
        create(folder, K.YEAR_WHEEL.path(), "arshjul.yaml.j2", context),
        create(folder, K.COMPLAINTS.path(), "klagomalsrutin.md.j2", context),
        create(folder, K.CONFIG.path(), "ska.yaml.j2", context),
        create(
            folder,
            K.INITIATIVE.path(name="systematiskt-kvalitetsarbete"),
            "insats.yaml.j2",
            {
                "id": "systematiskt-kvalitetsarbete",
                "titel": "Systematiskt kvalitetsarbete i ska",
                "ansvarig": "utvecklingsledare",
                "verksamhetsformer": "alla",
                "start": f"{today.year}-{today.month:02d}",
                "slut": f"{year.last_day.year}-06",
                "uppföljning": year.last_day.replace(day=1).isoformat(),
            },
        ),
    ]
    if kind == OrganiserKind.MUNICIPALITY.value:
        for calendar_year in sorted({year.first_day.year, year.last_day.year}):
            if dt.date(calendar_year, 1, 1) <= today:
                written.append(
                    create(
                        folder,
                        K.KAA.path(calendar_year=calendar_year),
                        "kaa.yaml.j2",
                        {"år": calendar_year},
                    )
                )
    (folder / K.UNITS).mkdir(exist_ok=True)
    for rel, text in (
        (".gitignore", GITIGNORE),
        (".vscode/settings.json", json.dumps(EDITOR, ensure_ascii=False, indent=2) + "\n"),
        (".github/workflows/ska.yml", GITHUB_WORKFLOW),
        (".gitlab-ci.yml", GITLAB_CI),
    ):
        if not (folder / rel).exists():
            write_atomic(folder / rel, text)
            written.append(folder / rel)
    written += export_schemas(folder / "schemas")
    format_repository(folder)  # so that `ska fmt --check` passes from the first commit
    _first_commit(folder, name)
    return written


def _preset_events(presets: list[str]) -> str:
    """Årshjul events that the chosen presets require, as YAML list items."""
    from ska.model.year_wheel import MONTHS, EventKind

    events = []
    for preset in presets:
        required_events = PRESETS[preset].settings.get("required_events", ())
        assert isinstance(required_events, tuple)
        for required in required_events:
            when: list[str] = [MONTHS[choice[0] - 1] for choice in required.months]
            if required.weeks:
                when.append(f"v. {required.weeks[0]}–{required.weeks[1]}")
            while len(when) < required.occurrences:
                when.append(MONTHS[(8 + 2 * len(when) - 1) % 12])
            kind = required.kind or EventKind.FOLLOW_UP
            events.append(
                {
                    "id": _ident(required.name),
                    "namn": required.name,
                    "typ": kind.value,
                    "när": when or ["september"],
                    "nivå": "huvudman",
                    "ansvarig": ["utvecklingsledare"],
                }
            )
    if not events:
        return ""
    unique = {e["id"]: e for e in events}
    return yaml.safe_dump(list(unique.values()), allow_unicode=True, sort_keys=False, width=1000)


def _ident(name: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in name.casefold())
    return "-".join(filter(None, kept.split("-")))[:60].strip("-")


def _first_commit(folder: Path, name: str) -> None:
    try:
        repository = git.Repo(folder)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        repository = git.Repo.init(folder, initial_branch="main")
    with repository:  # closes the git processes that reading objects keeps running
        repository.git.add("--all")
        author = git.Actor("ska", "ska@example.invalid")
        if repository.head.is_valid():
            message = f"Lägg till ska för {name}"
        else:
            message = f"Systematiskt kvalitetsarbete för {name}"
        repository.index.commit(message, author=author, committer=author)
