"""Discovery by convention: a file's place says what it is.

Only `plans/`, `units/` and the configuration `ska.yaml` at the root are
read. A file in a place ska does not know, or a folder
name that is not a läsår or a valid id, is a finding, never silence.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from ska.checks.reading import FIL_LASNING
from ska.checks.structure import (
    PLATS_ENHET_SAKNAS,
    PLATS_LASAR,
    PLATS_NAMN,
    PLATS_OKAND,
    PLATS_TOM_MAPP,
)
from ska.findings import Finding
from ska.model import kinds as K
from ska.model.types import SLUG_PATTERN, SchoolYear
from ska.suggest import closest

_SLUG = re.compile(SLUG_PATTERN)
_YEAR = re.compile(r"^\d{4}$")
_IGNORED = {"README.md", "LICENSE", ".gitkeep"}
# Pictures that reports refer to (see load.attachments): allowed anywhere, not documents.
ATTACHMENT_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

_PLANS_FILES = {
    k.file_name: k for k in (K.ORGANISER, K.BOARD_GOALS, K.FOCUS_AREAS, K.YEAR_WHEEL, K.COMPLAINTS)
}
# plans/<folder>/<file>: the folder's name, after plans/.
_PLANS_FOLDERS = {
    k.folder_pattern.removeprefix(f"{K.PLANS}/"): k
    for k in (K.INITIATIVE, K.KAA, K.INTERNAL_CONTROL, K.REVIEW, K.IMPORT_MAPPING, K.REFERENCES)
}
_FREE_NAMES = (K.INITIATIVE, K.IMPORT_MAPPING, K.REFERENCES, K.REVIEW)
_YEAR_FILES = {k.file_name: k for k in (K.DEVELOPMENT_PLAN, K.SELF_CHECK, K.UNIT_REPORT)}
# units/<enhet>/<folder>/<file> and plans/<läsår>/<folder>/<file>: the folder's name.
_UNIT_INITIATIVES = K.UNIT_INITIATIVE.folder_pattern.rpartition("/")[2]
_RESULTS = K.RESULTS.folder_pattern.rpartition("/")[2]
_DIALOGS = K.DIALOG.folder_pattern.rpartition("/")[2]


@dataclass(frozen=True, slots=True)
class Located:
    """A file whose place made its kind known."""

    path: str  # relative to the root, forward slashes, NFC: the name ids come from
    kind: K.Kind
    unit: str | None = None
    school_year: SchoolYear | None = None
    stem: str = ""
    disk: str = ""  # the name as stored on disk (macOS stores it decomposed, NFD)
    calendar_year: int | None = None  # a huvudman's report per calendar year

    @property
    def disk_path(self) -> str:
        return self.disk or self.path


@dataclass
class Layout:
    files: dict[str, Located]
    unit_folders: list[str]
    findings: list[Finding]
    # Every file (and empty folder, ending in /) under plans/ and units/, known or not.
    paths: list[str] = field(default_factory=list)
    _units: set[str] = field(default_factory=set, repr=False, compare=False)

    def add_unit_folder(self, name: str) -> None:
        """Note a unit's folder, once (a set beside the list: a big city has a thousand)."""
        if name not in self._units:
            self._units.add(name)
            self.unit_folders.append(name)


def discover(root: Path) -> Layout:
    layout = Layout({}, [], [])
    if (root / K.CONFIG.pattern).is_file():
        layout.files[K.CONFIG.pattern] = Located(K.CONFIG.pattern, K.CONFIG)
    for top in K.TOP_FOLDERS:
        base = root / top
        if base.is_dir():
            for rel, disk in _walk(base, top, top):
                layout.paths.append(rel)
                if disk.endswith(_LINK):
                    _link(root, rel, disk.removesuffix(_LINK), layout)
                else:
                    _place(rel, disk, layout)
    for unit in layout.unit_folders:
        if K.UNIT.path(unit=unit) not in layout.files:
            folder = K.UNIT.folder(unit=unit)
            layout.findings.append(
                PLATS_ENHET_SAKNAS.error(
                    folder,
                    f"Mappen {folder} saknar {K.UNIT.file_name}.",
                    "Lägg till enhet.yaml med enhetens namn, typ, skolformer och rektor.",
                )
            )
    return layout


_LINK = "\0link"  # marks the on-disk path of a symbolic link in what _walk finds


def _link(root: Path, rel: str, disk: str, layout: Layout) -> None:
    """A symbolic link is read like the file it points to, if that is in the repository:
    a link out of it could publish any file on the computer."""
    try:
        inside = (root / disk).resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if inside:
        _place(rel, disk, layout)
    elif not rel.casefold().endswith(ATTACHMENT_SUFFIXES):  # pictures: see load.attachments
        layout.findings.append(
            FIL_LASNING.error(
                rel,
                "Filen är en symbolisk länk som inte pekar på en fil i repositoriet, så den "
                "läses inte.",
                "Lägg in filen själv i repositoriet i stället för en länk.",
            )
        )


def _walk(base: Path, prefix: str, disk_prefix: str) -> list[tuple[str, str]]:
    """(NFC path, on-disk path) of every file below `base`; empty folders end in /, and a
    symbolic link's on-disk path ends in _LINK."""
    found: list[tuple[str, str]] = []
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        name = unicodedata.normalize("NFC", entry.name)
        if name.startswith(".") or name in _IGNORED:
            continue
        rel, disk = f"{prefix}/{name}", f"{disk_prefix}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            found += _walk(Path(entry.path), rel, disk) or [(rel + "/", disk + "/")]
        else:
            found.append((rel, disk + _LINK if entry.is_symlink() else disk))
    return found


def _place(rel: str, disk: str, layout: Layout) -> None:
    parts = rel.rstrip("/").split("/")
    if rel.endswith("/"):
        layout.findings.append(
            PLATS_TOM_MAPP.warning(rel, "Mappen är tom.", "Ta bort mappen eller fyll den.")
        )
        if parts[0] == K.UNITS and len(parts) == 2:
            layout.add_unit_folder(parts[1])
        return
    if parts[0] == K.UNITS and len(parts) >= 3 and _SLUG.match(parts[1]):
        layout.add_unit_folder(parts[1])
    if rel.casefold().endswith(ATTACHMENT_SUFFIXES):
        return
    located = _plans(parts) if parts[0] == K.PLANS else _units(parts, rel)
    if isinstance(located, Located):
        layout.files[rel] = located if disk == rel else replace(located, disk=disk)
    elif located is not None and located not in layout.findings:
        layout.findings.append(located)


def _unknown(rel: str, known: list[str]) -> Finding:
    name = rel.rsplit("/", 1)[-1]
    suggestion = closest(name, known) if known else None
    hint = f"Menade du '{suggestion}'?" if suggestion else ""
    if name.endswith(".yml"):
        hint = f"Byt filändelse till .yaml: {name[:-4]}.yaml."
    if suggestion is not None and suggestion.casefold() == name.casefold():
        return PLATS_OKAND.warning(
            rel,
            f"Filen ska heta '{suggestion}', med samma stora och små bokstäver; som "
            f"'{name}' känns den inte igen och kontrolleras inte.",
            f"Menade du '{suggestion}'? Byt namn på filen (git mv).",
        )
    return PLATS_OKAND.warning(
        rel,
        "Filen ligger på en plats som ska inte känner till och kontrolleras inte.",
        hint or "Se README:s översikt över var filerna ska ligga.",
    )


def _stem_id(rel: str, suffix: str) -> tuple[str | None, Finding | None]:
    name = rel.rsplit("/", 1)[-1]
    if not name.endswith(suffix):
        return None, None
    stem = name[: -len(suffix)]
    if not _SLUG.match(stem):
        return None, PLATS_NAMN.error(
            rel,
            f"Filnamnet '{name}' är inte ett giltigt id.",
            "Använd små bokstäver, siffror, - och _ i filnamnet, t.ex. läslyftet-förskola.yaml.",
        )
    return stem, None


def _plans(parts: list[str]) -> Located | Finding | None:
    rel = "/".join(parts)
    if len(parts) == 2:
        kind = _PLANS_FILES.get(parts[1])
        return Located(rel, kind) if kind else _unknown(rel, list(_PLANS_FILES))
    if len(parts) == 3 and parts[1] in _PLANS_FOLDERS:
        kind = _PLANS_FOLDERS[parts[1]]
        stem, problem = _stem_id(rel, ".csv" if kind.format is K.FileFormat.CSV else ".yaml")
        if problem:
            return problem
        if stem is None:
            return _unknown(rel, [])
        if kind not in _FREE_NAMES and not _YEAR.match(stem):
            return PLATS_NAMN.error(
                rel,
                f"Filen ska heta efter kalenderåret, t.ex. {parts[1]}/2026.yaml.",
                "Byt namn på filen till årtalet den gäller.",
            )
        return Located(rel, kind, stem=stem)
    if len(parts) == 3:
        return _organiser_report(parts, rel)
    if len(parts) == 4 and parts[2] == _DIALOGS:
        year = _school_year_folder("/".join(parts[:2]))
        if isinstance(year, Finding):
            return year
        stem, problem = _stem_id(rel, ".yaml")
        if problem:
            return problem
        if stem is None:
            return _unknown(rel, [])
        return Located(rel, K.DIALOG, school_year=year, stem=stem)
    return _unknown(rel, [])


_PART = re.compile(r"^kvalitetsrapport-(.+)\.md$")


def _organiser_report(parts: list[str], rel: str) -> Located | Finding:
    """plans/<läsår>/ or plans/<år>/ with the huvudman's report (kvalitetsrapport.md, or
    one of several: kvalitetsrapport-<namn>.md). A calendar year's report counts for the
    läsår that ends that year."""
    calendar = int(parts[1]) if _YEAR.match(parts[1]) else None
    if calendar is not None:
        year: SchoolYear | Finding = SchoolYear(calendar - 1)
        whole, part = K.CALENDAR_REPORT, K.CALENDAR_REPORT_PART
    else:
        year = _school_year_folder("/".join(parts[:2]))
        whole, part = K.ORGANISER_REPORT, K.ORGANISER_REPORT_PART
    if isinstance(year, Finding):
        return year
    name = parts[2]
    if name == whole.file_name:
        return Located(rel, whole, school_year=year, calendar_year=calendar)
    named = _PART.match(name)
    if named:
        if _SLUG.match(named[1]):
            return Located(rel, part, school_year=year, stem=named[1], calendar_year=calendar)
        return PLATS_NAMN.error(
            rel,
            f"Filnamnet '{name}' är inte ett giltigt namn på en kvalitetsrapport.",
            "Använd små bokstäver, siffror, - och _ efter kvalitetsrapport-, t.ex. "
            "kvalitetsrapport-förskola.md.",
        )
    return _unknown(rel, [whole.file_name])


def _units(parts: list[str], rel: str) -> Located | Finding | None:
    if len(parts) < 3:
        return _unknown(rel, [])
    unit = parts[1]
    if not _SLUG.match(unit):
        return PLATS_NAMN.error(
            rel,
            f"Mappnamnet '{unit}' är inte ett giltigt enhets-id.",
            "Använd små bokstäver, siffror, - och _ i mappnamnet, t.ex. units/åsenskolan.",
        )
    if len(parts) == 3:
        if parts[2] == K.UNIT.file_name:
            return Located(rel, K.UNIT, unit=unit)
        return _unknown(rel, [K.UNIT.file_name])
    if parts[2] == _UNIT_INITIATIVES and len(parts) == 4:
        stem, problem = _stem_id(rel, ".yaml")
        if problem:
            return problem
        if stem is None:
            return _unknown(rel, [])
        return Located(rel, K.UNIT_INITIATIVE, unit=unit, stem=stem)
    year = _school_year_folder("/".join(parts[:3]))
    if isinstance(year, Finding):
        return year
    if len(parts) == 4:
        kind = _YEAR_FILES.get(parts[3])
        if kind:
            return Located(rel, kind, unit=unit, school_year=year)
        return _unknown(rel, list(_YEAR_FILES))
    if len(parts) == 5 and parts[3] == _RESULTS:
        stem, problem = _stem_id(rel, ".csv")
        if problem:
            return problem
        if stem is None:
            return _unknown(rel, [])
        return Located(rel, K.RESULTS, unit=unit, school_year=year, stem=stem)
    return _unknown(rel, [])


def _school_year_folder(folder: str) -> SchoolYear | Finding:
    name = folder.rsplit("/", 1)[-1]
    year = SchoolYear.from_folder(name)
    if year is not None:
        return year
    match = re.match(r"^(\d{4})\D", name)
    hint = (
        f"Läsårsmappar heter t.ex. {SchoolYear(int(match[1])).folder}."
        if match
        else "Läsårsmappar heter t.ex. 2025-26."
    )
    return PLATS_LASAR.error(folder, f"Mappen '{name}' är inte ett läsår.", hint)


def locate(rel: str) -> Located | None:
    """What kind of document a repository-relative path is, by discovery's own rules."""
    layout = Layout({}, [], [])
    _place(rel, rel, layout)
    return layout.files.get(rel)
