"""The everyday workflow in real temporary git repositories: init, ny, --changed, CI, doctor."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from pathlib import Path

import git
import pytest
import yaml

from ska import cli
from ska.errors import UsageError
from ska.model.types import SchoolYear
from ska.validate.run import validate_repository
from ska.workflow.changed import select
from ska.workflow.init import init_repository
from ska.workflow.scaffold import new_initiative, new_plan, new_report, new_unit
from tests.conftest import PROJECT, replace_in, write

TODAY = dt.date(2026, 11, 24)
AUTHOR = {"author": "Test <test@example.invalid>"}


def _commit(repository: git.Repo, message: str) -> None:
    repository.git.add("--all")
    repository.git.commit("-m", message, **AUTHOR)


@pytest.fixture
def kommun(tmp_path: Path) -> Path:
    folder = tmp_path / "kommun"
    init_repository(folder, "Nyby kommun", "kommun", ["svenljunga"], TODAY)
    return folder


def test_init_creates_a_valid_repository_with_a_first_commit(kommun: Path) -> None:
    result = validate_repository(kommun, None, None, TODAY)
    assert [f for f in result.findings if f.severity != "info"] == []
    repository = git.Repo(kommun)
    assert repository.active_branch.name == "main"
    assert repository.head.commit.message == "Systematiskt kvalitetsarbete för Nyby kommun"
    assert not repository.is_dirty(untracked_files=True)
    settings = json.loads((kommun / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (kommun / schema).is_file(), schema
    assert "bygg/" in (kommun / ".gitignore").read_text(encoding="utf-8")


def test_init_never_overwrites(kommun: Path) -> None:
    with pytest.raises(UsageError, match="har redan plans/"):
        init_repository(kommun, "Nyby kommun", "kommun", [], TODAY)


def test_init_refuses_unknown_kind_and_preset(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Okänd typ"):
        init_repository(tmp_path / "a", "X", "bolag", [], TODAY)
    with pytest.raises(UsageError, match="Okänd förinställning: stockholm"):
        init_repository(tmp_path / "b", "X", "kommun", ["stockholm"], TODAY)


def test_new_documents_are_prefilled_and_never_overwritten(kommun: Path) -> None:
    new_unit(kommun, "nyskolan", "Nyskolan", ["grundskola", "fritidshem"], "Anna Ny")
    plan = new_plan(kommun, "nyskolan", SchoolYear(2026), TODAY)
    assert 'ansvarig: "Anna Ny"' in plan.read_text(encoding="utf-8")
    previous = new_report(kommun, "nyskolan", SchoolYear(2025), TODAY)
    replace_in(kommun, "units/nyskolan/2025-26/kvalitetsrapport.md", "id: omrade-1", "id: läsning")
    report = new_report(kommun, "nyskolan", SchoolYear(2026), TODAY)
    text = report.read_text(encoding="utf-8")
    assert "  - id: läsning\n    bedömning:" in text
    assert "elever:" in text
    assert "barn:" not in text
    new_initiative(kommun, "lasning", "Läsning", "nyskolan", TODAY)
    result = validate_repository(kommun, None, rules=False)
    assert result.findings == []
    before = previous.read_bytes()
    with pytest.raises(UsageError, match="finns redan"):
        new_report(kommun, "nyskolan", SchoolYear(2025), TODAY)
    assert previous.read_bytes() == before
    with pytest.raises(UsageError, match="Menade du 'nyskolan'"):
        new_plan(kommun, "nyskola", SchoolYear(2026), TODAY)


def test_ny_commands(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--rot", str(kommun)]
    args = ["ny", "enhet", "byskolan", "--namn", "Byskolan", "--skolformer", "grundskola"]
    assert cli.main([*args, "--rektor", "Bo By", *root]) == 0
    assert cli.main(["ny", "rapport", "byskolan", "--lasar", "2026/27", *root]) == 0
    assert cli.main(["ny", "insats", "matte", "--titel", "Matte", *root]) == 0
    out = capsys.readouterr().out
    assert "Skapade units/byskolan/2026-27/kvalitetsrapport.md." in out
    assert cli.main(["ny", "insats", "matte", *root]) == 2
    assert (
        cli.main(
            ["ny", "enhet", "X", "--namn", "X", "--skolformer", "gymnasium", "--rektor", "Y", *root]
        )
        == 2
    )


def test_changed_on_a_branch_selects_the_unit(kommun: Path) -> None:
    repository = git.Repo(kommun)
    new_unit(kommun, "aaskolan", "Aaskolan", ["grundskola"], "A")
    new_unit(kommun, "bbskolan", "Bbskolan", ["grundskola"], "B")
    _commit(repository, "Två enheter")
    repository.git.checkout("-b", "rapport")
    new_plan(kommun, "bbskolan", SchoolYear(2026), TODAY)
    _commit(repository, "Plan för Bbskolan")
    chosen = select(kommun, "main")
    assert chosen.changed == ["units/bbskolan/2026-27/utvecklingsplan.yaml"]
    assert chosen.selected == ["units/bbskolan"]
    assert chosen.units == ["bbskolan"]
    write(kommun, "plans/mal.yaml", (kommun / "plans/mal.yaml").read_text(encoding="utf-8"))
    replace_in(kommun, "plans/mal.yaml", "period:", "period:  ")
    assert select(kommun, "main").selected is None  # a register file: everything


def test_changed_markdown_summary(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository = git.Repo(kommun)
    new_unit(kommun, "aaskolan", "Aaskolan", ["grundskola"], "A")
    _commit(repository, "Enhet")
    repository.git.checkout("-b", "fel")
    write(kommun, "units/aaskolan/enhet.yaml", "namn: Aaskolan\ntyp: skola\n")
    _commit(repository, "Trasig")
    args = [
        "validate",
        "--changed",
        "--base",
        "main",
        "--rot",
        str(kommun),
        "--datum",
        "2026-11-24",
    ]
    assert cli.main([*args, "--format", "markdown"]) == 1
    text = capsys.readouterr().out
    assert text.startswith("### ska validate\n")
    assert "| `units/aaskolan/enhet.yaml:2:6` | fel | `SCHEMA-värde` |" in text
    assert "| Nyby kommun |" in text  # the status of the affected rows
    assert cli.main([*args[:3], "finns-inte", *args[4:]]) == 2


def _steps(workflow: dict[str, object]) -> list[str]:
    commands = []
    jobs = workflow.get("jobs", {})
    assert isinstance(jobs, dict)
    for job in jobs.values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                if line.startswith("ska "):
                    commands.append(line)
    return commands


def _run(command: str, kommun: Path, replacements: dict[str, str]) -> int:
    for old, new in replacements.items():
        command = command.replace(old, new)
    command = command.split(">")[0]  # the redirection to a summary file
    words = shlex.split(command)[1:]
    if words and words[0] == "build":
        words += ["--lasar", "2026/27"]
    return cli.main([*words, "--rot", str(kommun)])


def test_github_workflow_steps_run_in_order(
    kommun: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow = yaml.safe_load((kommun / ".github/workflows/ska.yml").read_text(encoding="utf-8"))
    commands = _steps(workflow)
    assert commands[0].startswith("ska validate --changed")
    repository = git.Repo(kommun)
    repository.git.checkout("-b", "ny-enhet")
    new_unit(kommun, "aaskolan", "Aaskolan", ["grundskola"], "A")
    _commit(repository, "Ny enhet")
    replacements = {'"origin/${{ github.base_ref }}"': "main"}
    codes = [_run(c, kommun, replacements) for c in commands if "status" not in c]
    assert codes == [0] * len(codes)
    assert (kommun / "bygg/index.html").is_file()
    capsys.readouterr()


def test_gitlab_ci_steps_run_in_order(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipeline = yaml.safe_load((kommun / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    commands = [
        line
        for name in ("validera", "pages")
        for line in pipeline[name]["script"]
        if line.startswith("ska ")
    ]
    assert commands[0].startswith("ska validate --changed")
    replacements = {'"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"': "main"}
    assert [_run(c, kommun, replacements) for c in commands] == [0] * len(commands)
    capsys.readouterr()


def test_pre_commit_hooks_file_is_valid() -> None:
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["ska-validate", "ska-fmt"]
    assert all(h["entry"].startswith("ska ") for h in hooks)


def test_doctor(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["doctor", "--rot", str(kommun)]) == 0
    out = capsys.readouterr().out
    for name in ("Python", "Pandoc", "Typst (PDF)", "git", "Repositorium", "Byggmappen"):
        assert f"✓ {name}:" in out
    blocked = kommun / "fil"
    blocked.write_text("x", encoding="utf-8")
    assert cli.main(["doctor", "--rot", str(kommun), "--bygg", str(blocked / "bygg")]) == 1
    assert "✗ Byggmappen:" in capsys.readouterr().out


def test_diff_command(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository = git.Repo(kommun)
    new_initiative(kommun, "matte", "Matematik i fokus", None, TODAY)
    _commit(repository, "Ny insats")
    assert cli.main(["diff", "HEAD~1", "HEAD", "--rot", str(kommun), "-f", "markdown"]) == 0
    text = capsys.readouterr().out
    assert "Matematik i fokus" in text
    assert cli.main(["diff", "HEAD", "--rot", str(kommun)]) == 0
    assert "inga" in capsys.readouterr().out


def test_fmt_command(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--rot", str(kommun)]
    assert cli.main(["fmt", "--check", *root]) == 0
    unit = kommun / "units/aaskolan/enhet.yaml"
    write(
        kommun,
        "units/aaskolan/enhet.yaml",
        "# Enheten\nrektor: A\nnamn: Aaskolan\ntyp: skolenhet\nskolformer: [grundskola]\n",
    )
    assert cli.main(["fmt", "--check", *root]) == 1
    assert "units/aaskolan/enhet.yaml: skulle formateras" in capsys.readouterr().out
    assert cli.main(["fmt", *root]) == 0
    assert unit.read_text(encoding="utf-8").startswith(
        "# Enheten\nnamn: Aaskolan\ntyp: skolenhet\n"
    )
    assert cli.main(["fmt", "--kontrollera", *root]) == 0


def test_the_bundled_example_is_formatted() -> None:
    from ska.workflow.fmt import format_repository

    result = format_repository(PROJECT, None, check=True)
    assert result.findings == []
    assert result.changed == [], "kör: ska fmt"
