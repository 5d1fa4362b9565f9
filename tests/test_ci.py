"""The CI that `ska init` writes, run for real on this machine.

ska's wheel is built from the checkout once. Each job then gets what the forge would give
it: a fresh virtual environment (which sees the dependencies already installed here, so
pip needs no network), a fresh clone of the kommun's repository from a bare remote, and
the job's shell steps with the variables the workflow defines. The install step installs
the wheel, so a broken install line, a wheel without templates or a broken command fails.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest
import yaml

import ska
from ska import cli
from ska.workflow.ci import PACKAGE
from tests.conftest import PROJECT, fill_placeholders

SOURCES = ("pyproject.toml", "README.md", "ska", "templates")
"""What a build of ska reads from the checkout."""

PR_BRANCH = "ny-enhet"


def _run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _ok(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = _run(args, cwd, env)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _pip_environment() -> dict[str, str]:
    """This machine's environment without its pip settings, and no package index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_NO_CACHE_DIR": "1"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@dataclass(frozen=True)
class Built:
    wheel: Path
    dependencies: Path
    """A folder with everything installed here except ska itself."""
    remote: Path
    """The kommun's repository as a bare remote: main from `ska init`, and a branch."""
    workflow: str
    pipeline: str


def _build_wheel(folder: Path) -> Path:
    source = folder / "source"
    source.mkdir()
    for name in SOURCES:
        original = PROJECT / name
        if original.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(original, source / name, ignore=ignore)
        else:
            shutil.copy2(original, source / name)
    dist = folder / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = _run([*command, "--quiet", "-w", str(dist), str(source)], folder, _pip_environment())
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""  # the build is quiet: no deprecated or ambiguous settings
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def _dependencies(folder: Path) -> Path:
    """Links to this environment's installed packages, leaving out ska's own install."""
    farm = folder / "installerat"
    farm.mkdir()
    site = {Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
    own = re.compile(r"^(ska|systematiskt_kvalitetsarbete)([-.].*)?$|^__editable__|\.pth$")
    for directory in site:
        for entry in directory.iterdir():
            if not own.search(entry.name) and not (farm / entry.name).exists():
                (farm / entry.name).symlink_to(entry)
    return farm


def _environment(folder: Path, dependencies: Path) -> Path:
    """A new virtual environment without ska, like a runner's fresh Python."""
    venv = folder / "venv"
    folder.mkdir(exist_ok=True)
    _ok([sys.executable, "-m", "venv", "--without-pip", str(venv)], folder)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site = venv / "lib" / version / "site-packages"
    (site / "installerat.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return venv


def _shell_environment(venv: Path, wheel: Path) -> dict[str, str]:
    tools = [shutil.which(t) for t in ("git", "bash")]
    assert all(tools)
    folders = [str(venv / "bin"), *(str(Path(t).parent) for t in tools if t), "/usr/bin", "/bin"]
    env = _pip_environment()
    env["PATH"] = os.pathsep.join(dict.fromkeys(folders))
    env["PIP_FIND_LINKS"] = str(wheel.parent)  # stands in for the package index
    env["LANG"] = "C.UTF-8"
    env.pop("VIRTUAL_ENV", None)
    return env


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("ci")
    wheel = _build_wheel(folder)
    dependencies = _dependencies(folder)
    # `ska init` and `ska ny` from the wheel, in a fresh git repository.
    venv = _environment(folder / "init", dependencies)
    env = _shell_environment(venv, wheel)
    _ok(["python", "-m", "pip", "install", "--quiet", str(wheel)], folder, env)
    kommun = folder / "kommun"
    _ok(["git", "init", "--quiet", "--initial-branch", "main", str(kommun)], folder, env)
    _ok(["ska", "init", "--namn", "Nyby kommun"], kommun, env)
    author = ["-c", "user.name=Rektor", "-c", "user.email=rektor@example.invalid"]
    fill_placeholders(kommun)  # as the kommun does before anything is published
    _ok(["git", "add", "--all"], kommun, env)
    _ok(["git", *author, "commit", "--quiet", "-m", "Ifyllt"], kommun, env)
    remote = folder / "remote.git"
    _ok(["git", "clone", "--quiet", "--bare", str(kommun), str(remote)], folder, env)
    _ok(["git", "checkout", "--quiet", "-b", PR_BRANCH], kommun, env)
    unit = ["enhet", "aaskolan", "--namn", "Aaskolan", "--skolformer", "grundskola"]
    _ok(["ska", "ny", *unit, "--rektor", "Anna A"], kommun, env)
    _ok(["git", "add", "--all"], kommun, env)
    _ok(["git", *author, "commit", "--quiet", "-m", "Ny enhet"], kommun, env)
    _ok(["git", "push", "--quiet", str(remote), PR_BRANCH], kommun, env)
    return Built(
        wheel,
        dependencies,
        remote,
        (kommun / ".github/workflows/ska.yml").read_text(encoding="utf-8"),
        (kommun / ".gitlab-ci.yml").read_text(encoding="utf-8"),
    )


def test_the_wheel_is_ska_with_its_templates(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode("utf-8"))
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert metadata["Name"] == ska.DISTRIBUTION == "systematiskt-kvalitetsarbete"
    assert metadata["Version"] == ska.__version__
    assert importlib.metadata.version(ska.DISTRIBUTION) == ska.__version__  # this environment
    assert metadata["License-Expression"] == "MIT"
    assert "ska = ska.cli:run" in entry_points
    templates = [
        p.relative_to(PROJECT).as_posix()
        for p in (PROJECT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert "templates/ci/github.yml" in templates
    assert [t for t in templates if f"ska/{t}" not in names] == []
    code = [p.relative_to(PROJECT).as_posix() for p in (PROJECT / "ska").rglob("*.py")]
    assert [c for c in code if c not in names] == []
    assert "ska/py.typed" in names


def test_init_from_the_wheel_writes_the_shipped_workflows(built: Built) -> None:
    from ska.workflow.ci import GITHUB_WORKFLOW, GITLAB_CI

    assert built.workflow == GITHUB_WORKFLOW
    assert built.pipeline == GITLAB_CI


# -- the conditions of jobs -------------------------------------------------------------


def _operand(text: str, context: dict[str, str]) -> str | None:
    text = text.strip()
    if text[:1] in {"'", '"'} and text[-1:] == text[:1]:
        return text[1:-1]
    return context.get(text.removeprefix("$"))


def _holds(condition: str, context: dict[str, str]) -> bool:
    """A job's condition: comparisons joined by &&, which is all the workflows use."""
    results = []
    for part in condition.split("&&"):
        found = re.fullmatch(r"\s*(\S+)\s*(==|!=)\s*(\S+)\s*", part)
        assert found, f"the test cannot read: {part}"
        left, right = _operand(found[1], context), _operand(found[3], context)
        results.append((left == right) == (found[2] == "=="))
    return all(results)


def _expressions(text: str, context: dict[str, str]) -> str:
    """`${{ name }}` in an env value, from the names the test knows."""

    def value(found: re.Match[str]) -> str:
        assert found[1] in context, f"the test does not know ${{{{ {found[1]} }}}}"
        return context[found[1]]

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", value, text)


# -- checkouts --------------------------------------------------------------------------


def _checkout(built: Built, folder: Path, branch: str, refspecs: list[str]) -> Path:
    """A working copy with only `refspecs` fetched, at `branch`, like a runner's checkout."""
    workspace = folder / "arbetskopia"
    _ok(["git", "init", "--quiet", str(workspace)], folder)
    _ok(["git", "remote", "add", "origin", str(built.remote)], workspace)
    _ok(["git", "fetch", "--quiet", "origin", *refspecs], workspace)
    _ok(["git", "checkout", "--quiet", "--detach", f"origin/{branch}"], workspace)
    return workspace


# -- GitHub Actions ---------------------------------------------------------------------

GITHUB_EVENTS = {
    "pull_request": ("validera", PR_BRANCH, "main"),
    "push": ("bygg", "main", ""),
    "schedule": ("forsenat", "main", ""),
}
assert GITHUB_EVENTS


def _late(workspace: Path) -> int:
    """What `ska status --strict` says here, run inside the test: 1 if something is late."""
    return cli.main(["status", "--strict", "--rot", str(workspace)])


@pytest.mark.parametrize("event", list(GITHUB_EVENTS))
def test_github_job_runs(
    built: Built, tmp_path: Path, event: str, capsys: pytest.CaptureFixture[str]
) -> None:
    workflow: dict[str, Any] = yaml.safe_load(built.workflow)
    assert workflow["env"]["SKA_PAKET"] == PACKAGE  # installed as written, from PIP_FIND_LINKS
    name, branch, base = GITHUB_EVENTS[event]
    context = {
        "github.event_name": event,
        "github.base_ref": base,
        "github.ref": f"refs/heads/{branch}",
        "github.run_id": "1",
    }
    jobs = workflow["jobs"]
    running = [n for n, job in jobs.items() if "if" in job and _holds(job["if"], context)]
    assert running == [name]
    assert [n for n, job in jobs.items() if "if" not in job] == ["publicera"]
    assert jobs["publicera"]["needs"] == "bygg"  # and it has no shell steps
    assert [s for s in jobs["publicera"]["steps"] if "run" in s] == []
    job = workflow["jobs"][name]
    first, *steps = job["steps"]
    assert first["uses"].startswith("actions/checkout@")
    assert first["with"]["fetch-depth"] == 0  # all branches: origin/main is there
    workspace = _checkout(
        built, tmp_path, branch, ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"]
    )
    summary = tmp_path / "sammanfattning.md"
    summary.touch()
    env: dict[str, str] = {}
    shell = {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    venv = None
    ran = []
    for step in steps:
        uses = step.get("uses", "")
        if uses.startswith("actions/setup-python@"):
            venv = _environment(tmp_path, built.dependencies)
            env = _shell_environment(venv, built.wheel)
            for values in (workflow["env"], job.get("env", {})):
                env |= {k: _expressions(str(v), context) for k, v in values.items()}
            env |= shell
        elif uses.startswith("actions/cache@"):
            assert step["with"]["path"] == ".ska-cache"
        elif uses.startswith("actions/upload-pages-artifact@"):
            assert (workspace / step["with"]["path"] / "index.html").is_file()
            ran.append("upload-pages-artifact")
        else:
            assert not uses, uses
            assert venv is not None, "a shell step before Python is set up"
            script = tmp_path / "steg.sh"
            script.write_text(step["run"], encoding="utf-8")
            own = {k: _expressions(str(v), context) for k, v in step.get("env", {}).items()}
            bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
            done = _run(bash, workspace, env | own)
            late = "ska status --strict" in step["run"]
            expected = _late(workspace) if late else 0
            assert done.returncode == expected, f"{step['run']}\n{done.stdout}\n{done.stderr}"
            ran.append(step["run"].split()[1] if step["run"].startswith("ska ") else "pip")
            if step["run"].startswith("python -m pip"):
                assert shutil.which("ska", path=env["PATH"]) == str(venv / "bin/ska")
    capsys.readouterr()
    assert (
        ran
        == {
            "pull_request": ["pip", "validate", "validate"],
            "push": ["pip", "validate", "build", "upload-pages-artifact"],
            "schedule": ["pip", "status"],
        }[event]
    )
    text = summary.read_text(encoding="utf-8")
    if event == "pull_request":
        assert text.startswith("### ska validate\n")
        assert "| Aaskolan |" in text  # the unit the pull request adds was checked
    elif event == "schedule":
        assert text.startswith("Bedömer läsår")
        assert "### Kvalitetsarbetet läsåret " in text
        assert "### Försenat och sent inlämnat" in text
    else:
        assert text == ""


# -- GitLab CI --------------------------------------------------------------------------

GITLAB_PIPELINES = {
    "merge_request_event": ("validera", PR_BRANCH),
    "push": ("pages", "main"),
    "schedule": ("forsenat", "main"),
}
assert GITLAB_PIPELINES


@pytest.mark.parametrize("source", list(GITLAB_PIPELINES))
def test_gitlab_job_runs(
    built: Built, tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pipeline: dict[str, Any] = yaml.safe_load(built.pipeline)
    name, branch = GITLAB_PIPELINES[source]
    predefined = {
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PIPELINE_SOURCE": source,
        "CI_DEFAULT_BRANCH": "main",
        "CI_COMMIT_REF_SLUG": branch,
    }
    if source == "merge_request_event":
        predefined["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main"
    else:
        predefined["CI_COMMIT_BRANCH"] = branch
    assert any(_holds(rule["if"], predefined) for rule in pipeline["workflow"]["rules"])
    jobs = {n: job for n, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    running = [
        n for n, job in jobs.items() if any(_holds(r["if"], predefined) for r in job["rules"])
    ]
    assert running == [name]  # a merge request never reaches the publishing job
    job = jobs[name]
    # GitLab fetches the pipeline's own branch; the job fetches what else it needs.
    workspace = _checkout(
        built, tmp_path, branch, [f"+refs/heads/{branch}:refs/remotes/origin/{branch}"]
    )
    venv = _environment(tmp_path, built.dependencies)
    env = _shell_environment(venv, built.wheel) | predefined
    env |= {k: str(v) for k, v in pipeline["variables"].items()}
    env["SKA_PAKET"] = str(built.wheel)  # the documented override: where ska comes from
    lines = [*pipeline["default"]["before_script"], *job["script"]]
    for line in lines:
        done = _run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", line], workspace, env
        )
        expected = _late(workspace) if "ska status --strict" in line else 0
        assert done.returncode == expected, f"{line}\n{done.stdout}\n{done.stderr}"
    capsys.readouterr()
    assert shutil.which("ska", path=env["PATH"]) == str(venv / "bin/ska")
    kept = [workspace / p for p in job["artifacts"]["paths"]]
    assert all(p.exists() for p in kept)
    if source == "merge_request_event":
        text = (workspace / "sammanfattning.md").read_text(encoding="utf-8")
        assert text.startswith("### ska validate\n")
        assert "| Aaskolan |" in text
    elif source == "schedule":
        text = (workspace / "forsenat.md").read_text(encoding="utf-8")
        assert "### Försenat och sent inlämnat" in text
    else:
        assert (workspace / "public/index.html").is_file()
