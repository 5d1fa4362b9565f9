"""A school year as a kommun lives it: a frozen clock walks from 1 July 2026 to 1 July 2027
over a small git repository with documents in on time, late and never.

Two units: Testskolan hands everything in on time; Andraskolan's report on 2025/26 comes
in ten days late and its utvecklingsplan for 2026/27 never comes. Every day, what ska
judges (the läsår, each obligation's state, "Kommande", the läsår `ska ny` picks) is
compared with a table written out here by hand; on the days that matter (the day before
and after each deadline, the turn of the calendar year and of the läsår) `validate`,
`status` and `status --strict` run too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import git
import pytest

from ska import cli, gitinfo
from ska.findings import Severity
from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.model.year_wheel import DocumentKind
from ska.planning.obligations import SOON, State, judged_years, obligations, year_meant
from ska.status.agenda import build_agenda
from ska.status.render import nothing_coming
from ska.validate.run import validate_repository
from tests.conftest import RESOURCES, replace_in, write

Y25, Y26, Y27 = SchoolYear(2025), SchoolYear(2026), SchoolYear(2027)
FIRST, LAST = dt.date(2026, 7, 1), dt.date(2027, 7, 1)
WEEKS = 4

WHEEL = """\
händelser:
  - id: förutsättningsdialog
    namn: Förutsättningsdialog
    typ: dialog
    när: september
    nivå: huvudman
    ansvarig: [utvecklingsledare, rektor]
  - id: processdialog
    namn: Processdialog
    typ: dialog
    när: november–februari
    nivå: huvudman
    ansvarig: [utvecklingsledare, rektor]
  - id: elevenkät
    namn: Elevenkäten
    typ: mätning
    när: v. 45–47
    nivå: enhet
    ansvarig: [rektor]
  - id: rapporter
    namn: Enheternas kvalitetsrapporter är klara
    typ: rapport
    när: 30 juni
    nivå: enhet
    ansvarig: [rektor]
    dokument: kvalitetsrapport
  - id: huvudmannens-rapport
    namn: Huvudmannens kvalitetsrapport är klar
    typ: rapport
    när: september
    nivå: huvudman
    ansvarig: [utvecklingsledare]
    dokument: huvudmannens_kvalitetsrapport
  - id: planer
    namn: Enheternas utvecklingsplaner är klara
    typ: rapport
    när: 30 september
    nivå: enhet
    ansvarig: [rektor]
    dokument: utvecklingsplan
"""

SECOND_UNIT = """\
namn: Andraskolan
typ: skolenhet
skolformer: [förskoleklass, grundskola, fritidshem]
rektor: Karin Alm
skolenhetskod: "39675678"
årskurser: F–6
aktiv_från: 2025-07-01
"""

T_REPORT_25 = "units/testskolan/2025-26/kvalitetsrapport.md"
A_REPORT_25 = "units/andraskolan/2025-26/kvalitetsrapport.md"
H_REPORT_25 = "plans/2025-26/kvalitetsrapport.md"
T_PLAN_26 = "units/testskolan/2026-27/utvecklingsplan.yaml"
A_PLAN_26 = "units/andraskolan/2026-27/utvecklingsplan.yaml"
T_REPORT_26 = "units/testskolan/2026-27/kvalitetsrapport.md"
A_REPORT_26 = "units/andraskolan/2026-27/kvalitetsrapport.md"
H_REPORT_26 = "plans/2026-27/kvalitetsrapport.md"

# When each document reached the main branch (None: never), by the commits below.
COMMITS: list[tuple[str, list[str]]] = [
    ("2026-06-20", [T_REPORT_25]),
    ("2026-07-10", [A_REPORT_25]),  # ten days late
    ("2026-09-15", [T_PLAN_26]),
    ("2026-09-25", [H_REPORT_25]),
    ("2027-06-28", [T_REPORT_26]),
]
IN = {path: dt.date.fromisoformat(day) for day, paths in COMMITS for path in paths}

# Every obligation of the läsår the walk meets, with its due date: the table to hold
# ska to. The plans of 2025/26 were in the first commit (2025-08-01), before their day.
SEPTEMBER_30 = dt.date(2026, 9, 30)
DUE: dict[SchoolYear, dict[str, dt.date]] = {
    Y25: {
        "units/testskolan/2025-26/utvecklingsplan.yaml": dt.date(2025, 9, 30),
        "units/andraskolan/2025-26/utvecklingsplan.yaml": dt.date(2025, 9, 30),
        T_REPORT_25: dt.date(2026, 6, 30),
        A_REPORT_25: dt.date(2026, 6, 30),
        H_REPORT_25: SEPTEMBER_30,
    },
    Y26: {
        T_PLAN_26: SEPTEMBER_30,
        A_PLAN_26: SEPTEMBER_30,
        T_REPORT_26: dt.date(2027, 6, 30),
        A_REPORT_26: dt.date(2027, 6, 30),
        H_REPORT_26: dt.date(2027, 9, 30),
    },
    Y27: {
        "units/testskolan/2027-28/utvecklingsplan.yaml": dt.date(2027, 9, 30),
        "units/andraskolan/2027-28/utvecklingsplan.yaml": dt.date(2027, 9, 30),
        "units/testskolan/2027-28/kvalitetsrapport.md": dt.date(2028, 6, 30),
        "units/andraskolan/2027-28/kvalitetsrapport.md": dt.date(2028, 6, 30),
        "plans/2027-28/kvalitetsrapport.md": dt.date(2028, 9, 30),
    },
}
FIRST_COMMIT = dt.date(2025, 8, 1)
IN.update({p: FIRST_COMMIT for p in DUE[Y25] if p.endswith("utvecklingsplan.yaml")})

# The årshjul's events on their dates (the huvudman's report of läsår 2026/27's årshjul
# is the one on 2025/26, due in its September).
EVENTS = [
    ("Förutsättningsdialog", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
    ("Processdialog", dt.date(2026, 11, 1), dt.date(2027, 2, 28)),
    ("Elevenkäten", dt.date(2026, 11, 2), dt.date(2026, 11, 22)),
    ("Enheternas kvalitetsrapporter är klara", dt.date(2027, 6, 30), dt.date(2027, 6, 30)),
    ("Huvudmannens kvalitetsrapport är klar", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
    ("Enheternas utvecklingsplaner är klara", SEPTEMBER_30, SEPTEMBER_30),
]


def expected_state(due: dt.date, handed_in: dt.date | None, today: dt.date) -> State:
    if handed_in is not None and handed_in <= today:
        return State.LATE if handed_in > due else State.ON_TIME
    if today > due:
        return State.MISSING
    return State.DUE_SOON if today >= due - SOON else State.NOT_DUE


def expected_years(today: dt.date) -> list[SchoolYear]:
    current = SchoolYear.containing(today)
    previous = current.previous()
    owed = any(
        expected_state(due, IN.get(path), today) not in (State.ON_TIME, State.LATE)
        for path, due in DUE.get(previous, {}).items()
    )
    return [previous, current] if owed else [current]


def _a_year_on(text: str) -> str:
    """A document of 2025/26 as the same of 2026/27: every date and läsår a year later."""

    def shift(match: re.Match[str]) -> str:
        year, rest = int(match[1]), match[2] or ""
        if rest and int(rest[1:]) == (year + 1) % 100:  # a läsår, 2025/26 or 2025-26
            return f"{year + 1}{rest[0]}{(year + 2) % 100:02d}"
        return f"{year + 1}{rest}"

    return re.sub(r"(20\d\d)([-/]\d\d(?!\d))?", shift, text)


def as_it_was(kommun: Path, today: dt.date, tmp_path: Path) -> Path:
    """The repository's work tree as it was on `today`: the last commit of that day
    checked out, the branch main (and so every later commit) still there."""
    repository = git.Repo(kommun)
    commit = repository.git.rev_list("-1", f"--before={today.isoformat()}T23:59:59", "main")
    folder = tmp_path / today.isoformat()
    repository.git.worktree("add", "--detach", str(folder), commit)
    return folder


def _commit(repository: git.Repo, message: str, day: str) -> None:
    repository.git.add("--all")
    when = f"{day}T12:00:00"
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    repository.git.commit("-m", message, author="Test <test@example.invalid>", env=env)


@pytest.fixture(scope="module")
def kommun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("walk") / "kommun"
    shutil.copytree(RESOURCES / "minimal", root)
    write(root, "plans/arshjul.yaml", WHEEL)
    write(root, "units/andraskolan/enhet.yaml", SECOND_UNIT)
    kaa = "plans/kaa/2026.yaml"
    (root / kaa).write_text(
        (root / kaa).read_text(encoding="utf-8")
        + "  - {halvår: 2, inskickad: 2026-12-28, antal_ungdomar: 21}\n",
        encoding="utf-8",
    )
    unsent = (root / kaa).read_text(encoding="utf-8").split("scb_rapportering:")[0]
    write(root, "plans/kaa/2027.yaml", unsent)
    # grounded on a sentence, not on an area of the huvudman's report that comes in autumn
    replace_in(
        root,
        "plans/insatser/läslyftet.yaml",
        "grundas_på: [läsförståelse]",
        "grundas_på: [Screeningen visar att var fjärde elev i åk 2 läser för långsamt.]",
    )
    plan = (root / "units/testskolan/2025-26/utvecklingsplan.yaml").read_text(encoding="utf-8")
    write(root, "units/andraskolan/2025-26/utvecklingsplan.yaml", plan)
    later = {
        path: (root / source).read_text(encoding="utf-8")
        for path, source in [
            (T_REPORT_25, T_REPORT_25),
            (A_REPORT_25, T_REPORT_25),
            (H_REPORT_25, H_REPORT_25),
            (T_PLAN_26, "units/testskolan/2025-26/utvecklingsplan.yaml"),
            (T_REPORT_26, T_REPORT_25),
        ]
    }
    later[T_PLAN_26] = _a_year_on(later[T_PLAN_26])
    later[T_REPORT_26] = _a_year_on(later[T_REPORT_26])
    for path in (T_REPORT_25, H_REPORT_25):
        (root / path).unlink()
    repository = git.Repo.init(root, initial_branch="main")
    _commit(repository, "Början", FIRST_COMMIT.isoformat())
    for day, paths in COMMITS:
        for path in paths:
            write(root, path, later[path])
        _commit(repository, f"Inlämnat {day}", day)
    gitinfo.clear_cache()
    return root


def _days() -> list[dt.date]:
    return [FIRST + dt.timedelta(days=n) for n in range((LAST - FIRST).days + 1)]


def test_every_day_of_the_year(kommun: Path) -> None:
    """The core functions on all 366 days, against the table."""
    repo = Repository(kommun)
    seen_states: set[State] = set()
    empty_windows = 0
    for today in _days():
        years = expected_years(today)
        assert judged_years(repo, today) == years, today
        for year in years:
            found = {o.path: o.state for o in obligations(repo, year, today)}
            wanted = {p: expected_state(d, IN.get(p), today) for p, d in DUE[year].items()}
            assert found == wanted, (today, year)
            seen_states |= set(found.values())
        agenda = build_agenda(repo, years, today, WEEKS)
        until = today + dt.timedelta(weeks=WEEKS)
        coming = sorted((o.name, o.start, o.end) for o in agenda.coming)
        assert coming == sorted(e for e in EVENTS if e[1] <= until and e[2] >= today), today
        empty_windows += not coming
        assert year_meant(DocumentKind.DEVELOPMENT_PLAN, today) == SchoolYear.containing(today)
        report_year = year_meant(DocumentKind.UNIT_REPORT, today)
        # the report on the läsår just ended until December, then on the one going on
        assert report_year == (Y25 if today.year == 2026 else Y26), today
    assert seen_states == set(State) - {State.FAILING}
    assert empty_windows > 0


# (day, läsår judged, documents missing after their day: FRIST-saknas or a rule's error)
KEY_DAYS = [
    (dt.date(2026, 7, 1), "2025/26 och 2026/27", [A_REPORT_25]),  # the läsår turned
    (dt.date(2026, 7, 9), "2025/26 och 2026/27", [A_REPORT_25]),
    (dt.date(2026, 7, 10), "2025/26 och 2026/27", []),  # in, late
    (dt.date(2026, 9, 24), "2025/26 och 2026/27", []),
    (dt.date(2026, 9, 25), "2026/27", []),  # the last of 2025/26 is in
    (dt.date(2026, 9, 30), "2026/27", []),  # the plans' last day
    (dt.date(2026, 10, 1), "2026/27", [A_PLAN_26]),
    (dt.date(2026, 12, 31), "2026/27", [A_PLAN_26]),
    (dt.date(2027, 1, 1), "2026/27", [A_PLAN_26]),  # the calendar year turned
    (dt.date(2027, 6, 30), "2026/27", [A_PLAN_26]),  # the reports' last day
    (dt.date(2027, 7, 1), "2026/27 och 2027/28", [A_PLAN_26, A_REPORT_26]),
]


@pytest.mark.parametrize(("today", "judged", "missing"), KEY_DAYS, ids=lambda v: str(v))
def test_validate_and_status_on_the_days_that_matter(
    kommun: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    today: dt.date,
    judged: str,
    missing: list[str],
) -> None:
    kommun = as_it_was(kommun, today, tmp_path)
    result = validate_repository(kommun, None, None, today)
    errors = {f.path for f in result.findings if f.severity is Severity.ERROR}
    places = {p: (p, p.rsplit("/", 1)[0] + "/") for year in DUE.values() for p in year}
    # a document missing after its day: FRIST-saknas, or the law's rule at its folder
    owed = sorted(
        p
        for p, at in places.items()
        if p in errors or (at[1] in errors and not (kommun / p).exists())
    )
    assert owed == sorted(missing), (today, errors)
    if today < LAST:  # from 1 July 2027 the new läsår has its own gaps in this kommun
        assert errors <= {at for p in missing for at in places[p]}, (today, errors)
    late = [f.path for f in result.findings if f.rule == "FRIST-sent"]
    in_late = Y25 in result.years and today >= IN[A_REPORT_25]
    assert late == ([A_REPORT_25] if in_late else [])
    args = ["--rot", str(kommun), "--datum", today.isoformat()]
    assert cli.main(["validate", *args]) == (1 if missing else 0)
    out = capsys.readouterr().out
    what = "läsåren" if "och" in judged else "läsåret"
    assert out.startswith(f"Bedömer {what} {judged} den "), out
    assert cli.main(["status", *args]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Bedömer {what} {judged} den ")
    assert out.count("Kvalitetsarbetet läsåret ") == judged.count("/")
    assert ("saknas" in out) == bool(missing)
    assert cli.main(["status", "--strict", *args]) == (1 if missing else 0)
    capsys.readouterr()


def test_an_empty_window_is_one_sentence(kommun: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date(2026, 7, 12)
    agenda = build_agenda(Repository(kommun), [Y26], today, WEEKS)
    assert agenda.coming == []
    sentence = nothing_coming(agenda)
    assert sentence == (
        "Inget i årshjulet pågår eller ska vara klart från 12 juli 2026 till och med "
        "9 augusti 2026."
    )
    assert cli.main(["status", "--rot", str(kommun), "--datum", today.isoformat()]) == 0
    assert sentence in " ".join(capsys.readouterr().out.split())


def test_kommande_lists_what_already_started(kommun: Path) -> None:
    agenda = build_agenda(Repository(kommun), [Y26], dt.date(2026, 12, 2), WEEKS)
    assert [o.name for o in agenda.coming] == ["Processdialog"]


@pytest.mark.parametrize(
    ("today", "command", "created"),
    [
        ("2026-12-31", ["rapport", "huvudman"], "plans/2025-26/kvalitetsrapport.md finns redan"),
        ("2027-01-01", ["rapport", "huvudman"], "Skapade plans/2026-27/kvalitetsrapport.md."),
        ("2026-08-15", ["utvecklingsplan", "andraskolan"], f"Skapade {A_PLAN_26}."),
    ],
)
def test_ny_picks_the_läsår_meant(
    kommun: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    today: str,
    command: list[str],
    created: str,
) -> None:
    copy = tmp_path / "kopia"
    shutil.copytree(kommun, copy)
    code = cli.main(["ny", *command, "--rot", str(copy), "--datum", today])
    captured = capsys.readouterr()
    assert created in " ".join((captured.out + captured.err).split())
    assert code == (2 if "finns redan" in created else 0)


def test_a_pull_request_is_judged_on_the_läsår_it_changes(
    kommun: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A branch that edits last läsår's report shows that läsår's matrix; a branch that
    brings the missing plan is not held up by its absence, and it shows as late."""
    copy = tmp_path / "kopia"
    shutil.copytree(kommun, copy)
    repository = git.Repo(copy)
    repository.git.checkout("-b", "rapporten")
    replace_in(copy, A_REPORT_25, "status: klar", "status: klar\ninlämnad: 2026-07-10")
    _commit(repository, "Inlämningsdagen", "2026-12-02")
    args = ["validate", "--changed", "--base", "main", "--rot", str(copy)]
    args += ["--datum", "2026-12-02", "--format", "markdown"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "Bedömer läsåret 2025/26 den 2 december 2026." in out
    assert "### Kvalitetsarbetet läsåret 2025/26" in out
    assert "läsåret 2026/27" not in out
    repository.git.checkout("main")
    repository.git.checkout("-b", "planen")
    plan = (copy / T_PLAN_26).read_text(encoding="utf-8")
    write(copy, A_PLAN_26, plan)
    _commit(repository, "Planen", "2026-12-02")
    assert cli.main([*args[:-2], "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["fynd"]
    assert [(f["fil"], f["regel"]) for f in found if f["regel"].startswith("FRIST")] == [
        (A_PLAN_26, "FRIST-sent")
    ]


@pytest.mark.parametrize("today", ["2026-07-01", "2026-12-02", "2027-01-01", "2027-06-30"])
def test_the_readme_commands_work_without_a_läsår_on_any_day(
    kommun: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str
) -> None:
    """As the README shows them, with only the day pinned: none needs --lasar, none
    crashes, and `ny` makes the document of the läsår it means or says it exists."""
    copy = tmp_path / "kopia"
    shutil.copytree(kommun, copy)
    pinned = ["--rot", str(copy), "--datum", today]
    for command in (["validate"], ["status"], ["status", "--strict"], ["resultat"]):
        assert cli.main([*command, *pinned]) in (0, 1), command
    for command in (["ny", "utvecklingsplan", "andraskolan"], ["ny", "rapport", "huvudman"]):
        code = cli.main([*command, *pinned])
        said = " ".join(capsys.readouterr().err.split())
        assert code == 0 or (code == 2 and "finns redan" in said), (command, said)


def test_a_unit_added_in_the_autumn_does_not_owe_what_was_due_before(
    kommun: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "kopia"
    shutil.copytree(kommun, copy)
    write(copy, "units/nyskolan/enhet.yaml", SECOND_UNIT.replace("Andraskolan", "Nyskolan"))
    replace_in(copy, "units/nyskolan/enhet.yaml", "aktiv_från: 2025-07-01\n", "")
    repository = git.Repo(copy)
    _commit(repository, "Ny enhet", "2026-11-02")
    gitinfo.clear_cache()
    owed = obligations(Repository(copy), Y26, dt.date(2026, 12, 2))
    assert [(o.document.value, o.state) for o in owed if o.row == "nyskolan"] == [
        ("kvalitetsrapport", State.NOT_DUE)  # the plan was due 30 September, before it came
    ]
