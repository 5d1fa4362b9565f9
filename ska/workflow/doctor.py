"""`ska doctor`: is this machine ready? Every check is a line with ✓ or ✗ and what to do."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ska import DISTRIBUTION
from ska.cache.store import FOLDER, enabled, git_files, tracks_cache
from ska.model import kinds as K


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


MINIMUM_PANDOC = (3, 1)
REINSTALL = f"Installera om ska: pip install --force-reinstall {DISTRIBUTION}."


def _version(text: str) -> tuple[int, ...]:
    """`3.9.0.2` → (3, 9, 0, 2); compared as numbers, not text."""
    parts = []
    for piece in text.split("."):
        digits = "".join(c for c in piece if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _python() -> Check:
    ok = sys.version_info >= (3, 11)
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("Python", ok, version, "" if ok else "Installera Python 3.11 eller senare.")


def _pandoc() -> Check:
    try:
        import pypandoc

        version = str(pypandoc.get_pandoc_version())
    except (ImportError, OSError, RuntimeError) as exc:
        return Check("Pandoc", False, str(exc), REINSTALL)
    ok = _version(version) >= MINIMUM_PANDOC
    fix = "" if ok else f"Pandoc {'.'.join(map(str, MINIMUM_PANDOC))} eller senare behövs."
    return Check("Pandoc", ok, version, fix)


def _typst() -> Check:
    try:
        import typst

        typst.compile(
            b'#set document(title: "T")\n#set text(lang: "sv")\nT', pdf_standards=["ua-1"]
        )
        version = metadata.version("typst")
    except Exception as exc:
        return Check("Typst (PDF)", False, str(exc), REINSTALL)
    return Check("Typst (PDF)", True, f"{version}, PDF/UA-1 fungerar")


def _git(root: Path | None) -> Check:
    try:
        import git

        version = git.Git().version()
    except Exception as exc:
        return Check("git", False, str(exc), "Installera git: https://git-scm.com.")
    if root is None:
        return Check("git", True, version)
    try:
        git.Repo(root, search_parent_directories=True).close()
    except git.InvalidGitRepositoryError:
        return Check(
            "git", False, f"{version}, men {root} är inget git-repositorium", "Kör git init."
        )
    return Check("git", True, version)


def _repository(root: Path | None) -> Check:
    if root is None:
        return Check(
            "Repositorium",
            False,
            f"ingen mapp uppåt har {K.ORGANISER.pattern}",
            "Gå till repositoriets mapp, eller skapa ett med ska init.",
        )
    return Check("Repositorium", True, str(root))


def _build_folder(folder: Path) -> Check:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".ska-doctor-"):
            pass
    except OSError as exc:
        return Check(
            "Byggmappen",
            False,
            f"{folder}: {exc.strerror}",
            "Välj en mapp du kan skriva i med --bygg.",
        )
    return Check("Byggmappen", True, f"{folder} går att skriva i")


def _cache(root: Path) -> Check:
    """The cache is ignored while git tracks it: anyone who can push could have written it."""
    if tracks_cache(git_files(root)):
        return Check(
            "Cachen",
            False,
            f"{FOLDER}/ är incheckad i git och används därför inte",
            f"Ta bort den ur git med git rm -r --cached {FOLDER} och checka in; radera sedan "
            "mappen, så skapar ska en ny när den behövs.",
        )
    if not enabled():
        return Check("Cachen", True, "avstängd med SKA_CACHE")
    return Check("Cachen", True, f"{FOLDER}/ är inte incheckad i git")


def diagnose(root: Path | None, build_folder: Path | None) -> list[Check]:
    checks = [_python(), _pandoc(), _typst(), _git(root), _repository(root)]
    if root is not None:
        checks.append(_cache(root))
    if build_folder is not None:
        checks.append(_build_folder(build_folder))
    return checks
