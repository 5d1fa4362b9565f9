"""Validate a repository, or a selection of its files, and collect every finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ska.cache.codec import FINDINGS
from ska.cache.inputs import Cached
from ska.cache.store import key
from ska.checks.structure import PLATS_HUVUDMAN_SAKNAS, PLATS_UTANFOR
from ska.findings import Finding, Severity, passes
from ska.load.repository import MARKER, Repository, bulk
from ska.load.selection import selected, selection
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.rules.config import resolve
from ska.rules.filechecks import FileChecks
from ska.rules.run import Accepted, RuleRun, configured, run_rules
from ska.validate.references import check_references


@dataclass(frozen=True)
class ValidationResult:
    root: Path
    findings: list[Finding]
    files: int
    accepted: list[Accepted] = field(default_factory=list)
    rules: RuleRun | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def ok(self) -> bool:
        return self.count(Severity.ERROR) == 0

    def passed(self, strict: bool = False) -> bool:
        """No errors, and with `strict` no warnings either."""
        return passes(self.findings, strict)


# Kinds whose findings (schema and references) depend on nothing but their own content
# and place, so that they can be remembered by it: the many result tables.
SELF_CONTAINED = (K.RESULTS, K.REFERENCES)


def _remembered(
    repo: Repository, paths: list[str], cache: Cached | None
) -> dict[str, list[Finding] | str]:
    """For each self-contained file: its findings from the cache, or the key to store
    them under once the file has been read."""
    if cache is None:
        return {}
    names: dict[str, str] = {}
    for rel in paths:
        located = repo.files[rel]
        sha = cache.sha(located.disk_path) if located.kind in SELF_CONTAINED else None
        if sha is not None:
            names[rel] = key("dokument", rel, located.kind.name, sha)
    found = cache.store.get_many(names.values(), FINDINGS)
    return {rel: found.get(name, name) for rel, name in names.items()}


def validate_repository(
    root: Path,
    paths: list[Path] | None = None,
    year: SchoolYear | None = None,
    today: dt.date | None = None,
    rules: bool = True,
    build_output: bool = True,
    cache: Cached | None = None,
) -> ValidationResult:
    """Check every file (or those under `paths`): placement, schema and references, then
    the completeness rules for the läsår `year` (default: the one `today` falls in).

    With `paths`, rule findings are kept only where they point inside the selection.
    """
    with bulk():
        return _validate(root, paths, year, today, rules, build_output, cache)


def _validate(
    root: Path,
    paths: list[Path] | None,
    year: SchoolYear | None,
    today: dt.date | None,
    rules: bool,
    build_output: bool,
    cache: Cached | None,
) -> ValidationResult:
    chosen = selection(root, paths)
    repo = Repository(root)
    findings: list[Finding] = []
    if not (root / MARKER).is_file():
        findings.append(
            PLATS_HUVUDMAN_SAKNAS.error(
                MARKER.as_posix(),
                "Repositoriet saknar plans/huvudman.yaml.",
                "Skapa plans/huvudman.yaml med huvudmannens namn, typ, roller och skolchefer.",
            )
        )
    findings += [f for f in repo.layout.findings if selected(f.path, chosen)]
    today = today or dt.date.today()
    year = year or SchoolYear.containing(today)
    checks = FileChecks(cache)
    if rules:  # on the other cores, while this one reads the repository
        checks.start(repo, year, today)
    files = [rel for rel in repo.files if selected(rel, chosen)]
    known = _remembered(repo, files, cache)
    fresh: dict[str, list[Finding]] = {}
    for rel in files:
        remembered = known.get(rel)
        if isinstance(remembered, list):
            findings += remembered
            continue
        doc = repo.document(rel)
        found = doc.findings + check_references(doc, repo)
        if isinstance(remembered, str):  # the key to remember them under
            fresh[remembered] = found
        findings += found
    if cache is not None:
        cache.store.put_many(fresh, FINDINGS)
    if chosen is not None:
        for rel in chosen:
            inside = rel.startswith(("plans/", "units/")) or rel in (
                "",
                "plans",
                "units",
                K.CONFIG.pattern,
            )
            if not inside:
                findings.append(
                    PLATS_UTANFOR.error(
                        rel,
                        "Filen ligger utanför plans/ och units/ och kontrolleras inte.",
                        "Ange filer eller mappar under plans/ eller units/.",
                    )
                )
    run = None
    accepted: list[Accepted] = []
    if rules:
        run = run_rules(repo, year, today, build_output, cache, checks)
    config = run.config if run is not None else resolve(repo, today)[0]
    findings, accepted = configured(findings, config)
    if run is not None:
        findings += [f for f in run.findings if selected(f.path, chosen)]
        accepted += [a for a in run.accepted if selected(a.finding.path, chosen)]
    findings.sort(key=Finding.sort_key)
    return ValidationResult(root, findings, len(files), accepted, run)
