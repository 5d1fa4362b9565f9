"""The årshjul: occurrences, the iCalendar file, deadlines and `ska status --datum`."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import git
import icalendar
import pytest

from ska import cli, gitinfo
from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.model.year_wheel import DocumentKind
from ska.planning.ical import to_ical
from ska.planning.obligations import State, document_year, obligations
from ska.planning.occurrences import occurrences
from ska.status.agenda import build_agenda
from ska.validate.run import validate_repository
from tests.conftest import PROJECT, replace_in, write

Y2025 = SchoolYear(2025)
STAMP = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"


def test_occurrences_of_the_minimal_calendar(repo: Path) -> None:
    items = occurrences(Repository(repo), Y2025)
    assert [(o.event, o.start, o.end, o.when) for o in items] == [
        ("förutsättningsdialog", dt.date(2025, 9, 1), dt.date(2025, 9, 30), "september"),
        ("elevenkät", dt.date(2025, 11, 3), dt.date(2025, 11, 23), "v. 45–47"),
        ("enheternas-kvalitetsrapporter", dt.date(2026, 6, 30), dt.date(2026, 6, 30), "30 juni"),
    ]
    assert items[0].responsible == ("Utvecklingsledare", "Rektor")


def test_unit_activities_join_the_plan(repo: Path) -> None:
    replace_in(
        repo,
        PLAN,
        "            förväntat_resultat: Eleverna läser mer och med bättre flyt.\n",
        "            förväntat_resultat: Eleverna läser mer och med bättre flyt.\n"
        "            när: november–februari\n"
        "          - beskrivning: Lässtafett\n            förväntat_resultat: Glädje.\n"
        "            när: löpande\n",
    )
    activities = [o for o in occurrences(Repository(repo), Y2025) if o.unit]
    assert [(o.name, o.start, o.end, o.unit_name) for o in activities] == [
        ("Lästid 20 minuter efter lunch.", dt.date(2025, 11, 1), dt.date(2026, 2, 28), "Testskolan")
    ]


def test_ical_parses_back_with_an_independent_parser() -> None:
    items = occurrences(Repository(PROJECT), Y2025)
    text = to_ical(items, "Årshjul 2025/26", "Svenljunga kommun", STAMP)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events: list[Any] = list(calendar.walk("VEVENT"))
    assert len(events) == len(items)
    for event, item in zip(events, items, strict=True):
        # a deadline is its last day, with a reminder a week before; a period one event
        assert event["DTSTART"].dt == (item.end if item.document else item.start)
        assert event["DTEND"].dt == item.end + dt.timedelta(days=1)  # all-day, exclusive
        assert str(event["SUMMARY"]).endswith(item.name)
        alarms = [a["TRIGGER"].dt for a in event.walk("VALARM")]
        assert alarms == ([-dt.timedelta(days=7)] if item.document else [])
    assert any(i.document for i in items)
    assert any(i.end - i.start > dt.timedelta(60) for i in items)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.isascii() for uid in uids)
    assert calendar["X-WR-TIMEZONE"] == "Europe/Stockholm"


def test_ical_is_stable_and_escapes_text(repo: Path) -> None:
    replace_in(
        repo,
        "plans/arshjul.yaml",
        "namn: Förutsättningsdialog",
        'namn: "Dialog; del 1, med \\\\ och komma"',
    )
    items = occurrences(Repository(repo), Y2025)
    first = to_ical(items, "Årshjul", "Testkommun", STAMP)
    assert first == to_ical(items, "Årshjul", "Testkommun", STAMP)
    assert "SUMMARY:Dialog\\; del 1\\, med \\\\ och komma\r\n" in first
    event: Any = next(iter(icalendar.Calendar.from_ical(first).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Dialog; del 1, med \\ och komma"


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_a_line_break_in_a_name_cannot_forge_an_event(repo: Path, newline: str) -> None:
    forged = f"Dialog{newline}END:VEVENT{newline}BEGIN:VEVENT{newline}SUMMARY:Falsk"
    items = occurrences(Repository(repo), Y2025)
    items = [replace(items[0], name=forged), *items[1:]]
    text = to_ical(items, f"Årshjul{newline}X-FALSK:1", "Testkommun", STAMP)
    events: list[Any] = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert len(events) == len(items)
    assert "Falsk" not in [str(e["SUMMARY"]) for e in events]
    assert "X-FALSK" not in icalendar.Calendar.from_ical(text)
    assert all("\r" not in line for line in text.split("\r\n"))


def test_document_year_of_a_deadline() -> None:
    assert document_year(DocumentKind.UNIT_REPORT, dt.date(2026, 6, 30)) == SchoolYear(2025)
    assert document_year(DocumentKind.ORGANISER_REPORT, dt.date(2026, 9, 30)) == SchoolYear(2025)
    assert document_year(DocumentKind.DEVELOPMENT_PLAN, dt.date(2026, 9, 30)) == SchoolYear(2026)


def _commit(repository: git.Repo, message: str, when: str) -> None:
    repository.git.add("--all")
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    repository.git.commit("-m", message, author="Test <test@example.invalid>", env=env)


def test_deadline_delivered_on_time_late_or_missing(repo: Path) -> None:
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    text = (repo / report).read_text(encoding="utf-8")
    (repo / report).unlink()
    repository = git.Repo.init(repo, initial_branch="main")
    _commit(repository, "Början", "2025-08-01T12:00:00")
    gitinfo.clear_cache()

    def state(today: dt.date) -> tuple[State, dt.date | None]:
        found = [o for o in obligations(Repository(repo), Y2025, today) if o.path == report]
        assert len(found) == 1
        return found[0].state, found[0].submitted

    assert state(dt.date(2026, 5, 1)) == (State.NOT_DUE, None)
    assert state(dt.date(2026, 6, 2)) == (State.DUE_SOON, None)
    assert state(dt.date(2026, 7, 1)) == (State.MISSING, None)
    write(repo, report, text)
    _commit(repository, "Rapporten", "2026-07-05T09:00:00")
    gitinfo.clear_cache()
    assert state(dt.date(2026, 7, 10)) == (State.LATE, dt.date(2026, 7, 5))
    assert state(dt.date(2026, 7, 3)) == (State.MISSING, None)  # not there yet that day


def test_deadline_with_errors_is_overdue(repo: Path) -> None:
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    replace_in(repo, report, "status: klar", "status: färdig")
    found = [
        o for o in obligations(Repository(repo), Y2025, dt.date(2026, 8, 1)) if o.path == report
    ]
    assert [(o.state, o.detail) for o in found] == [(State.FAILING, "har fel")]


def test_agenda_lists_what_begins_or_ends_soon(repo: Path) -> None:
    agenda = build_agenda(Repository(repo), [Y2025], dt.date(2025, 10, 20), weeks=4)
    assert [o.event for o in agenda.coming] == ["elevenkät"]
    assert agenda.overdue == []


def test_status_with_a_date_lists_coming_and_overdue(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "units/testskolan/2025-26/kvalitetsrapport.md").unlink()
    args = ["status", "--rot", str(repo), "--datum", "2026-07-15", "--lasar", "2025/26"]
    assert cli.main([*args, "-f", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(d["enhet"], d["läge"]) for d in document["deadlines"]] == [
        ("testskolan", "saknas"),
        ("huvudman", "inlämnad i tid"),  # due by 30 September by default, here already
    ]
    assert cli.main([*args, "-f", "markdown"]) == 0
    text = capsys.readouterr().out
    assert "### Försenat och sent inlämnat" in text
    assert "| kvalitetsrapport 2025/26 | Testskolan | 30 juni 2026 | saknas |" in text
    assert cli.main([*args, "--strict"]) == 1


def test_build_arshjul_writes_table_wheel_and_calendar(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bygg"
    args = ["build", "arshjul", "--rot", str(repo), "--bygg", str(folder), "--lasar", "2025/26"]
    assert cli.main(args) == 0
    assert "1 dokument byggda" in capsys.readouterr().out
    out = folder / "2025-26/arshjul"
    for name in ("arshjul.pdf", "arshjul.html", "arshjul.docx", "arshjul.svg", "arshjul.ics"):
        assert (out / name).is_file(), name
    markdown = (out / "arshjul.md").read_text(encoding="utf-8")
    assert "# September 2025" in markdown
    headings = re.findall(r"^# (\w+ \d{4})$", markdown, re.MULTILINE)
    months = [h for h in headings if h.split()[0] != "Årshjul"]
    assert months[0] == "Juli 2025"  # the läsår's months in order, July to June
    assert months[-1] == "Juni 2026"
    assert len(months) == 12
    assert (
        "| september 2025 | Förutsättningsdialog | Dialog | Utvecklingsledare, Rektor |" in markdown
    )
    events = list(icalendar.Calendar.from_ical((out / "arshjul.ics").read_bytes()).walk("VEVENT"))
    assert len(events) == 3
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="2025-26/arshjul/arshjul.ics">kalenderfil' in index
    assert cli.main([*args[:1], "rapport", *args[2:]]) == 2


def test_example_arshjul_builds(tmp_path: Path) -> None:
    from ska.render.build import BuildOptions, build

    result = build(
        PROJECT,
        BuildOptions(
            folder=tmp_path / "bygg", years=[Y2025], kinds=("arshjul",), today=dt.date(2025, 11, 24)
        ),
    )
    assert result.ok
    assert result.built == ["2025-26/arshjul/arshjul"]
    svg = (tmp_path / "bygg/2025-26/arshjul/arshjul.svg").read_text(encoding="utf-8")
    assert "I dag" in svg


@pytest.mark.parametrize(
    ("when", "message", "hint"),
    [
        ("midsommar", "'midsommar' går inte att läsa som en tidpunkt i årshjulet", "Skriv t.ex."),
        ("31 juni", "'31 juni' går inte att läsa som en tidpunkt i årshjulet", "Juni har inte 31"),
        ("v. 54", "'v. 54' går inte att läsa som en tidpunkt i årshjulet", "Veckonummer går"),
    ],
)
def test_an_unreadable_when_is_a_finding_not_a_crash(
    repo: Path, when: str, message: str, hint: str
) -> None:
    from tests.conftest import findings

    replace_in(repo, "plans/arshjul.yaml", "när: september", f"när: {when}")
    found = findings(repo, "plans/arshjul.yaml")
    assert [(f.line, f.rule) for f in found] == [(5, "SCHEMA-värde")]
    assert message in found[0].message
    assert found[0].hint.startswith(hint)
    # The rest of ska carries on: the other events stand, the broken one is left out.
    events = {o.event for o in occurrences(Repository(repo), Y2025)}
    assert "förutsättningsdialog" not in events
    assert {"elevenkät", "enheternas-kvalitetsrapporter"} <= events


def test_a_draft_after_its_day_is_an_error_that_says_so(repo: Path) -> None:
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    replace_in(repo, report, "status: klar", "status: utkast")
    before = validate_repository(repo, None, Y2025, dt.date(2026, 6, 30)).findings
    assert [f for f in before if f.rule == "FRIST-saknas"] == []
    after = validate_repository(repo, None, Y2025, dt.date(2026, 7, 1)).findings
    assert [(f.path, f.message) for f in after if f.rule == "FRIST-saknas"] == [
        (
            report,
            "Testskolan: kvalitetsrapport för läsåret 2025/26 skulle vara klar senast "
            "30 juni 2026; den finns men är ett utkast.",
        )
    ]
