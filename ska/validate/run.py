"""Validate a repository, or a selection of its files, and collect every finding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ska.cache.codec import FINDINGS
from ska.cache.inputs import Cached
from ska.cache.memo import entries
from ska.cache.store import key
from ska.checks.deadlines import FRIST_SAKNAS, FRIST_SENT
from ska.checks.structure import PLATS_HUVUDMAN_SAKNAS, PLATS_UTANFOR
from ska.findings import Finding, Severity, passes
from ska.load.repository import MARKER, Repository, bulk
from ska.load.selection import selected, selection
from ska.markdown import date as swedish_date
from ska.model import kinds as K
from ska.model.types import SchoolYear
from ska.planning.obligations import (
    Obligation,
    State,
    Submissions,
    judged_years,
    obligations,
)
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
    rules: RuleRun | None = None  # the run of the last läsår judged (the one going on)
    runs: list[RuleRun] = field(default_factory=list)  # one per läsår judged, oldest first
    years: list[SchoolYear] = field(default_factory=list)  # the läsår judged
    obligations: list[Obligation] = field(default_factory=list)  # of the läsår judged
    today: dt.date | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def ok(self) -> bool:
        return self.count(Severity.ERROR) == 0

    def passed(self, strict: bool = False) -> bool:
        """No errors, and with `strict` no warnings either."""
        return passes(self.findings, strict)


# The schema and reference findings of one file, remembered with what they read: the
# file itself, the few files its references are looked up in, which files there are.
_FOUND = entries(FINDINGS)


def _file_findings(repo: Repository, files: list[str], cache: Cached | None) -> list[Finding]:
    """Every file's schema and reference findings: from the cache where the file and
    what its checks read are unchanged, else worked out (and remembered)."""
    memo = repo.memo(cache) if cache is not None else None
    if memo is None:
        found: list[Finding] = []
        for rel in files:
            doc = repo.document(rel)
            found += doc.findings + check_references(doc, repo)
        return found
    config = memo.digest([K.CONFIG.pattern])  # the headings of reports come from ska.yaml
    names = {rel: key("dokument", rel, repo.files[rel].kind.name, config) for rel in files}
    known = memo.valid(names.values(), _FOUND)
    fresh = {}
    findings: list[Finding] = []
    for rel in files:
        remembered = known.get(names[rel])
        if remembered is not None:
            findings += remembered.value
            continue
        with repo.reads.recording() as inputs:
            doc = repo.document(rel)
            found = doc.findings + check_references(doc, repo)
        entry = memo.entry(inputs, found)
        if entry is not None:
            fresh[names[rel]] = entry
        findings += found
    memo.store.put_many(fresh, _FOUND)
    return findings


def validate_repository(
    root: Path,
    paths: list[Path] | None = None,
    year: SchoolYear | None = None,
    today: dt.date | None = None,
    rules: bool = True,
    build_output: bool = True,
    cache: Cached | None = None,
    years: list[SchoolYear] | None = None,
    repo: Repository | None = None,
) -> ValidationResult:
    """Check every file (or those under `paths`): placement, schema and references, then
    the completeness rules and the obligations of the läsår judged: `year`, else `years`,
    else every läsår with something owed on `today` (see planning.obligations).

    With `paths`, rule findings are kept only where they point inside the selection.
    `repo`: the repository already read (by `ska build`, which asks for the status of
    each läsår), so that its documents and derived values are not worked out again.
    """
    with bulk():
        return _validate(root, paths, year, today, rules, build_output, cache, years, repo)


def _validate(
    root: Path,
    paths: list[Path] | None,
    year: SchoolYear | None,
    today: dt.date | None,
    rules: bool,
    build_output: bool,
    cache: Cached | None,
    years: list[SchoolYear] | None,
    given: Repository | None = None,
) -> ValidationResult:
    chosen = selection(root, paths)
    repo = given or Repository(root)
    repo.cached = cache
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
    judged = [year] if year is not None else sorted(set(years or judged_years(repo, today)))
    checks = FileChecks(cache)
    if rules:  # on the other cores, while this one reads the repository
        checks.start(repo, judged[-1], today)
    files = [rel for rel in repo.files if selected(rel, chosen)]
    findings += _file_findings(repo, files, cache)
    if chosen is not None:
        for rel in chosen:
            inside = rel.startswith(tuple(f"{top}/" for top in K.TOP_FOLDERS)) or rel in (
                "",
                *K.TOP_FOLDERS,
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
    accepted: list[Accepted] = []
    runs = [run_rules(repo, y, today, build_output, cache, checks) for y in judged] if rules else []
    owed: list[Obligation] = []
    if rules:  # obligations are completeness too: judged with the rules
        submissions = Submissions.of(repo)
        owed = [o for y in judged for o in obligations(repo, y, today, submissions)]
        found_by_rules = [f for r in runs for f in r.findings]
        owed_findings = obligation_findings(owed, findings + found_by_rules)
        findings += [f for f in owed_findings if selected(f.path, chosen)]
    config = runs[-1].config if runs else resolve(repo, today)[0]
    findings, accepted = configured(findings, config)
    seen = set(findings)
    waived = {a.finding for a in accepted}
    for run in runs:  # a rule that does not depend on the läsår finds the same in each
        for finding in run.findings:
            if finding not in seen and selected(finding.path, chosen):
                seen.add(finding)
                findings.append(finding)
        for item in run.accepted:
            if item.finding not in waived and selected(item.finding.path, chosen):
                waived.add(item.finding)
                accepted.append(item)
    if cache is not None:
        repo.memo(cache).flush()  # the facts worked out after the rules (obligations)
    findings.sort(key=Finding.sort_key)
    last = runs[-1] if runs else None
    return ValidationResult(root, findings, len(files), accepted, last, runs, judged, owed, today)


def obligation_findings(owed: list[Obligation], found: list[Finding]) -> list[Finding]:
    """An error for each document missing or failing after its due date, and a note for
    each one handed in late. A document an error already points at (or the folder it
    belongs in, where a rule says it is missing) gets no second error."""
    errors = {f.path for f in found if f.severity is Severity.ERROR}
    out = []
    for item in owed:
        folder = item.path.rsplit("/", 1)[0] + "/"
        if item.state.overdue and item.path not in errors and folder not in errors:
            what = f"{item.row_name}: {item.label} för läsåret {item.year}"
            day = swedish_date(item.due)
            message = (
                f"{what} skulle vara klar senast {day}; den finns men {item.detail}."
                if item.detail
                else f"{what} saknas; sista dag var {day}."
            )
            out.append(FRIST_SAKNAS.error(item.path, message, _hint(item)))
        elif item.state is State.LATE and item.submitted is not None:
            out.append(
                FRIST_SENT.info(
                    item.path,
                    f"{item.row_name}: {item.label} för läsåret {item.year} lämnades in "
                    f"{swedish_date(item.submitted)}, efter sista dag {swedish_date(item.due)}.",
                    "Inget att rätta: noteringen visar att dokumentet kom in sent.",
                )
            )
    return out


def _hint(item: Obligation) -> str:
    if item.detail == "är ett utkast":
        return "Gör klart dokumentet och sätt status: klar."
    if item.detail == "har fel":
        return "Rätta felen i filen (se fynden ovan)."
    unit = "huvudman" if item.row == "huvudman" else item.row
    kind = "utvecklingsplan" if item.path.endswith(".yaml") else "rapport"
    return f"Skriv {item.path} (ska ny {kind} {unit} --lasar {item.year} skapar en mall)."
