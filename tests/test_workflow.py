"""The everyday workflow in real temporary git repositories: init, ny, --changed, CI, doctor."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import git
import pytest
import yaml

import ska
from ska import cli
from ska.errors import UsageError
from ska.model.types import SchoolYear
from ska.validate.run import validate_repository
from ska.workflow.changed import changed_years, select, validate_changed
from ska.workflow.ci import PACKAGE
from ska.workflow.init import init_repository
from ska.workflow.scaffold import (
    new_initiative,
    new_plan,
    new_report,
    new_self_check,
    new_unit,
)
from tests.conftest import PROJECT, Counter, fill_placeholders, replace_in, write

TODAY = dt.date(2026, 11, 24)
AUTHOR = {"author": "Test <test@example.invalid>"}


def _commit(repository: git.Repo, message: str) -> None:
    repository.git.add("--all")
    repository.git.commit("-m", message, **AUTHOR)


@pytest.fixture
def kommun(tmp_path: Path) -> Path:
    folder = tmp_path / "kommun"
    init_repository(folder, "Nyby kommun", "kommun", ["svenljunga"], TODAY)
    fill_placeholders(folder)
    _commit(git.Repo(folder), "Platshållarna ifyllda")
    return folder


def test_init_creates_a_repository_with_placeholders_and_a_first_commit(tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    init_repository(kommun, "Nyby kommun", "kommun", ["svenljunga"], TODAY)
    repository = git.Repo(kommun)
    assert repository.active_branch.name == "main"
    assert repository.head.commit.message == "Systematiskt kvalitetsarbete för Nyby kommun"
    assert not repository.is_dirty(untracked_files=True)
    # What a person fills in is a placeholder and an error, nothing else is
    result = validate_repository(kommun, None, None, TODAY)
    errors = [f for f in result.findings if f.severity != "info"]
    assert errors
    assert {f.rule for f in errors} == {"MALL-platshållare"}
    assert all(f.line and f.column for f in errors)
    # init invents no decision: no date of today, no § 1
    organiser = (kommun / "plans/huvudman.yaml").read_text(encoding="utf-8")
    assert TODAY.isoformat() not in organiser
    assert '§ 1"' not in organiser
    assert "example.se" not in (kommun / "plans/klagomalsrutin.md").read_text(encoding="utf-8")
    # filled in, it is valid
    fill_placeholders(kommun)
    result = validate_repository(kommun, None, None, TODAY)
    left = [f for f in result.findings if f.severity != "info"]
    assert [f for f in left if f.rule != "SL4-6-dokumentation-sparbar"] == []


def test_a_repository_with_placeholders_is_not_published(tmp_path: Path) -> None:
    from ska.render.build import BuildOptions, build

    kommun = tmp_path / "kommun"
    init_repository(kommun, "Nyby kommun", "kommun", [], TODAY)
    result = build(kommun, BuildOptions(formats=("html",), kinds=("plan",), today=TODAY))
    assert not result.ok
    assert [f.rule for f in result.findings] == ["BYGG-publicering"]
    assert "platshållare" in result.findings[0].message
    assert not list((kommun / "bygg").rglob("*.html")) or all(
        "<Kommunfullmäktiges" not in p.read_text(encoding="utf-8")
        for p in (kommun / "bygg").rglob("*.html")
    )


def test_the_fixture_kommun_is_valid(kommun: Path) -> None:
    result = validate_repository(kommun, None, None, TODAY)
    assert [f for f in result.findings if f.severity != "info"] == []
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
    # ska ny's scaffolds pass only once their placeholders are filled in
    assert result.findings
    assert {f.rule for f in result.findings} == {"MALL-platshållare"}
    fill_placeholders(kommun)
    result = validate_repository(kommun, None, rules=False)
    assert result.findings == []
    before = previous.read_bytes()
    with pytest.raises(UsageError, match="finns redan"):
        new_report(kommun, "nyskolan", SchoolYear(2025), TODAY)
    assert previous.read_bytes() == before
    with pytest.raises(UsageError, match="Menade du 'nyskolan'"):
        new_plan(kommun, "nyskola", SchoolYear(2026), TODAY)


def test_a_new_plan_names_the_rektor_in_office_today(kommun: Path) -> None:
    """After a handover, ska ny fills in today's rektor; the unit template shows how
    rektorer: is written, and uncommented as it stands it is valid."""
    unit = new_unit(kommun, "nyskolan", "Nyskolan", ["grundskola"], "Bo Ny")
    text = unit.read_text(encoding="utf-8")
    assert '#   - {namn: "Bo Ny", från: 2025-11-16}' in text
    text = text.replace("# rektorer:", "rektorer:").replace("#   - ", "  - ")
    text = text.replace('rektor: "Bo Ny"\n', "")
    unit.write_text(text.replace("Förra rektorn", "Anna Ny"), encoding="utf-8")
    assert validate_repository(kommun, [unit], rules=False).findings == []
    plan = new_plan(kommun, "nyskolan", SchoolYear(2026), TODAY)
    assert 'ansvarig: "Bo Ny"' in plan.read_text(encoding="utf-8")
    report = new_report(kommun, "nyskolan", SchoolYear(2024), dt.date(2025, 6, 1))
    assert 'ansvarig: "Anna Ny"' in report.read_text(encoding="utf-8")


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


def test_ny_egenkontroll_writes_points_to_answer(
    kommun: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from ska.model.self_check import SelfCheck

    new_unit(kommun, "nyskolan", "Nyskolan", ["grundskola"], "Anna Ny")
    args = ["ny", "egenkontroll", "nyskolan", "--lasar", "2026/27", "--rot", str(kommun)]
    assert cli.main(args) == 0
    assert "Skapade units/nyskolan/2026-27/egenkontroll.yaml." in capsys.readouterr().out
    path = kommun / "units/nyskolan/2026-27/egenkontroll.yaml"
    check = SelfCheck.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(check.points) >= 5
    assert all(p.answer is None and p.date is None for p in check.points)
    assert validate_repository(kommun, None, rules=False).findings == []
    with pytest.raises(UsageError, match="finns redan"):
        new_self_check(kommun, "nyskolan", SchoolYear(2026), TODAY)


def _plan_on_a_branch(kommun: Path) -> None:
    """Two units on main; a branch that writes one of them a utvecklingsplan."""
    repository = git.Repo(kommun)
    new_unit(kommun, "aaskolan", "Aaskolan", ["grundskola"], "A")
    new_unit(kommun, "bbskolan", "Bbskolan", ["grundskola"], "B")
    _commit(repository, "Två enheter")
    repository.git.checkout("-b", "plan")
    new_plan(kommun, "bbskolan", SchoolYear(2026), TODAY)
    _commit(repository, "Plan för Bbskolan")


def test_changed_on_a_branch_selects_the_unit(kommun: Path) -> None:
    _plan_on_a_branch(kommun)
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


def test_changed_takes_what_did_not_change_from_the_cache(kommun: Path, loads: Counter) -> None:
    """A pull request's check in a big city is not a cold run: `--changed` reads from the
    cache like any validation, and finds what a run without the cache finds."""
    _plan_on_a_branch(kommun)
    chosen = select(kommun, "main")
    assert chosen.selected == ["units/bbskolan"]
    loads.paths.clear()
    first = validate_changed(kommun, chosen, None, TODAY)
    cold = list(loads.paths)
    loads.paths.clear()
    again = validate_changed(kommun, chosen, None, TODAY)
    assert "units/bbskolan/2026-27/utvecklingsplan.yaml" in cold
    assert len(loads.paths) < len(cold)  # only the registers every run reads (ska.yaml, …)
    assert not [p for p in loads.paths if p.startswith("units/")]
    years = changed_years(chosen.changed)
    fresh = validate_repository(kommun, [kommun / "units/bbskolan"], None, TODAY, years=years)
    assert again.findings == first.findings == fresh.findings
    assert again.status_markdown == first.status_markdown


def _workflow(kommun: Path) -> dict[Any, Any]:
    loaded = yaml.safe_load((kommun / ".github/workflows/ska.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _pipeline(kommun: Path) -> dict[str, Any]:
    loaded = yaml.safe_load((kommun / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (".github/workflows/ska.yml", "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_ci_files_follow_the_forges_schemas(kommun: Path, path: str, schema: str) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(checker), "--builtin-schema", schema, str(kommun / path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_installs_this_version_of_ska_from_one_place(kommun: Path) -> None:
    assert f"systematiskt-kvalitetsarbete=={ska.__version__}" == PACKAGE
    workflow, pipeline = _workflow(kommun), _pipeline(kommun)
    assert workflow["env"]["SKA_PAKET"] == PACKAGE
    assert pipeline["variables"]["SKA_PAKET"] == PACKAGE
    installs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "pip" in step.get("run", "")
    ]
    assert installs == ['python -m pip install "$SKA_PAKET"'] * 3
    assert pipeline["default"]["before_script"] == ['python -m pip install "$SKA_PAKET"']
    for path in (".github/workflows/ska.yml", ".gitlab-ci.yml"):
        text = (kommun / path).read_text(encoding="utf-8")
        assert text.count(PACKAGE) == 1, path  # SKA_PAKET is the one place
        assert "@SKA_PAKET@" not in text
        assert "pip install ska" not in text  # the index's `ska` is another project


ACTION = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def test_github_workflow_is_hardened(kommun: Path) -> None:
    text = (kommun / ".github/workflows/ska.yml").read_text(encoding="utf-8")
    workflow = _workflow(kommun)
    uses = [line for line in text.splitlines() if "uses:" in line]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert len(uses) == len(steps) == 10
    assert [line for line in uses if not ACTION.match(line)] == []  # pinned by commit
    pins = {m[1]: m[2] for m in map(ACTION.match, uses) if m}
    assert len(pins) == 5  # and each action at one commit throughout
    assert {s["uses"] for s in steps} == {f"{a}@{sha}" for a, sha in pins.items()}
    assert "pull_request_target" not in text
    assert set(workflow[True]) == {"pull_request", "push", "schedule"}  # YAML 1.1: on = True
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    grants = {name: job["permissions"] for name, job in jobs.items()}
    assert grants == {
        "validera": {"contents": "read"},
        "bygg": {"contents": "read"},
        "publicera": {"pages": "write", "id-token": "write"},
        "forsenat": {"contents": "read"},
    }
    assert jobs["publicera"]["needs"] == "bygg"
    assert jobs["bygg"]["if"] == "github.event_name == 'push'"
    assert jobs["publicera"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    for name, job in jobs.items():
        assert 0 < job["timeout-minutes"] <= 30, name
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), (name, step)  # expressions go through env
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert jobs["validera"]["env"] == {"BASGREN": "${{ github.base_ref }}"}


def _literal(key: str) -> str:
    """The part of a cache key before its first expression or variable."""
    return re.split(r"\$\{\{|\$", key)[0]


def _disjoint(saved: str, restored: list[str]) -> bool:
    """No key in `restored` can pick up a cache saved under `saved`, nor the other way."""
    mine = _literal(saved)
    return all(
        not mine.startswith(_literal(r)) and not _literal(r).startswith(mine) for r in restored
    )


def test_pull_requests_never_share_a_cache_with_publishing(kommun: Path) -> None:
    jobs = _workflow(kommun)["jobs"]
    caches = {
        name: step["with"]
        for name, job in jobs.items()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/cache@")
    }
    assert set(caches) == {"validera", "bygg"}
    assert {c["path"] for c in caches.values()} == {".ska-cache"}
    main = caches["bygg"]
    main_keys = [main["key"], *main["restore-keys"].split()]
    assert _literal(main["key"]) == "ska-main-"
    assert _disjoint(caches["validera"]["key"], main_keys)
    # A pull request may start from main's cache: the safe direction.
    assert "ska-main-" in caches["validera"]["restore-keys"].split()

    pipeline = _pipeline(kommun)
    assert "cache" not in pipeline  # no cache shared by all jobs
    assert "cache" not in pipeline["default"]
    gitlab = {name: job["cache"] for name, job in pipeline.items() if "cache" in job}
    assert set(gitlab) == {"validera", "pages"}
    for cache in gitlab.values():
        assert cache["key"].endswith("-$CI_COMMIT_REF_SLUG")  # one cache per branch
        assert cache["paths"] == [".ska-cache/"]
    assert _disjoint(gitlab["validera"]["key"], [gitlab["pages"]["key"]])


def test_gitlab_pipeline_is_hardened(kommun: Path) -> None:
    pipeline = _pipeline(kommun)
    assert re.fullmatch(r"python:3\.11\.\d+-[a-z]+", pipeline["default"]["image"])
    assert pipeline["default"]["timeout"] == "30 minutes"
    jobs = {n: job for n, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    assert set(jobs) == {"validera", "pages", "forsenat"}
    for name, job in jobs.items():
        assert "only" not in job, name
        assert "except" not in job, name
        assert job["rules"], name
        assert "secrets" not in job, name
        assert "id_tokens" not in job, name
        used = set(re.findall(r"\$(\w+)", "\n".join(job["script"])))
        assert used <= {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME"}, name  # no secrets in scripts
    assert jobs["validera"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert jobs["pages"]["resource_group"] == "pages"
    assert all(isinstance(v, str) and "$" not in v for v in pipeline["variables"].values())


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


@pytest.mark.parametrize("example", ["", "exempel/vetlanda", "exempel/vaggeryd"])
def test_the_bundled_examples_are_formatted(example: str) -> None:
    """A kommun that copies an example and runs `ska fmt` gets no changes."""
    from ska.workflow.fmt import format_repository

    result = format_repository(PROJECT / example, None, check=True)
    assert result.findings == []
    assert result.changed == [], f"kör: ska fmt i {example or 'roten'}"
