"""The huvudman's reports as kommuner write them: one for all forms or one per
verksamhetsform, per läsår or per calendar year.

Sources for the shapes: Svenljunga's plan (seed) has the nämnd follow the prioriterade
områden up in delårsrapport and årsbokslut, per calendar year; the corpus
(tests/resources/corpus) has huvudman reports per skolform (a gymnasieskola's and a
förskola's kvalitetsrapport each standing alone). A per-form report is judged for its own
forms, a calendar year's report counts for the läsår that ends in that year, and neither
text is ever published under a form it does not cover.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska.load.repository import Repository
from ska.model.types import SchoolYear
from ska.model.year_wheel import DocumentKind
from ska.planning.obligations import due_date, obligations
from ska.render.build import BuildOptions, build
from ska.render.documents import jobs_for
from ska.validate.run import validate_repository
from tests.conftest import RESOURCES, html_text, replace_in, rule_messages, write

MAIN = "plans/2025-26/kvalitetsrapport.md"
PRESCHOOL = "plans/2025-26/kvalitetsrapport-förskola.md"
SCHOOL = "plans/2025-26/kvalitetsrapport-grundskola.md"
CALENDAR = "plans/2026/kvalitetsrapport.md"
FORMS_LINE = "skolformer: [förskoleklass, grundskola, fritidshem]"


def _text(repo: Path) -> str:
    return (repo / MAIN).read_text(encoding="utf-8")


def _split(repo: Path) -> None:
    """The huvudman writes one report per verksamhetsform instead of one for all: a
    förskola report and one for förskoleklass, grundskola and fritidshem."""
    replace_in(repo, "plans/huvudman.yaml", FORMS_LINE, FORMS_LINE.replace("[", "[förskola, "))
    text = _text(repo)
    school = text.replace("status: klar\n", f"status: klar\n{FORMS_LINE}\n")
    preschool = (
        text.replace("status: klar\n", "status: klar\nskolformer: [förskola]\n")
        .replace("  elever: Elevenkätens resultat per enhet.\n", "  barn: Barnintervjuer.\n")
        .replace(
            "På Testskolan har resultaten i svenska sjunkit i grundskolan. I förskoleklassen "
            "och fritidshemmet är\nresultaten oförändrade.",
            "I förskolan visar observationerna att 80 procent av barnen deltar i "
            "högläsningen.\nFörskolans språkmiljö hade oförändrade resultat på Testskolan.",
        )
        .replace("# Huvudmannens kvalitetsrapport 2025/26", "# Förskolans kvalitetsrapport")
    )
    (repo / MAIN).unlink()
    write(repo, SCHOOL, school)
    write(repo, PRESCHOOL, preschool)


def test_one_report_per_form_is_judged_for_its_own_forms(repo: Path) -> None:
    _split(repo)
    assert rule_messages(repo, "SL4-3-uppfoljning") == []
    replace_in(
        repo,
        SCHOOL,
        "I förskoleklassen och fritidshemmet är\nresultaten oförändrade.",
        "I förskoleklassen är resultaten oförändrade.",
    )
    [(path, _, message)] = rule_messages(repo, "SL4-3-uppfoljning")
    assert (path, message) == (SCHOOL, "Uppföljningen tar inte upp fritidshem.")


def test_a_form_no_report_covers_is_named(repo: Path) -> None:
    _split(repo)
    replace_in(repo, SCHOOL, FORMS_LINE, "skolformer: [förskoleklass, grundskola]")
    assert rule_messages(repo, "SL4-3-uppfoljning") == [
        (
            "plans/2025-26/",
            None,
            "Ingen av huvudmannens kvalitetsrapporter för läsåret gäller fritidshem.",
        )
    ]


def test_each_report_is_published_under_its_own_forms_only(repo: Path, tmp_path: Path) -> None:
    _split(repo)
    out = tmp_path / "ut"
    result = build(
        repo, BuildOptions(out, formats=("html",), kinds=("huvudmannarapport",), today=AFTER)
    )
    assert result.ok, [f.message for f in result.findings]
    preschool = html_text(out / "2025-26/huvudman/forskola/kvalitetsrapport.html")
    school = html_text(out / "2025-26/huvudman/grundskola/kvalitetsrapport.html")
    assert "högläsningen" in preschool
    assert "högläsningen" not in school
    assert "sjunkit i grundskolan" in school
    assert "sjunkit i grundskolan" not in preschool
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("kvalitetsrapport*.html")) == [
        "2025-26/huvudman/forskola/kvalitetsrapport.html",
        "2025-26/huvudman/grundskola/kvalitetsrapport.html",
    ]


AFTER = dt.date(2026, 10, 1)


def _calendar(repo: Path) -> None:
    """The huvudman reports per calendar year: the report for 2026 (written in early
    2027) replaces the läsår's report."""
    text = _text(repo).replace("datum: 2026-09-20", "datum: 2027-03-15")
    (repo / MAIN).unlink()
    write(repo, CALENDAR, text.replace("2025/26", "2026"))


def test_a_calendar_years_report_counts_for_the_lasar_that_ends_in_it(repo: Path) -> None:
    _calendar(repo)
    loaded = Repository(repo)
    year = SchoolYear.parse("2025/26")
    assert loaded.organiser_reports(year) == [CALENDAR]
    assert loaded.organiser_reports(SchoolYear.parse("2026/27")) == []
    assert rule_messages(repo, "SL4-3-uppfoljning", today=dt.date(2027, 4, 15)) == []


def test_a_calendar_year_kommun_is_chased_in_spring_not_in_autumn(repo: Path) -> None:
    """Without a date in the årshjul, the huvudman's report per calendar year is due 31
    March after the year; the autumn's chase does not call it missing."""
    _calendar(repo)
    (repo / CALENDAR).unlink()  # 2026's is not written yet; 2025's is there
    (repo / CALENDAR).parent.rmdir()
    write(repo, "plans/2025/kvalitetsrapport.md", _earlier())
    loaded = Repository(repo)
    year = SchoolYear.parse("2025/26")
    assert loaded.by_calendar_year
    assert due_date(loaded, year, DocumentKind.ORGANISER_REPORT) == dt.date(2027, 3, 31)
    assert rule_messages(repo, "SL4-3-uppfoljning", today=dt.date(2026, 12, 2)) == []
    [(path, _, message)] = rule_messages(repo, "SL4-3-uppfoljning", today=dt.date(2027, 4, 1))
    assert path == "plans/2026/"
    assert "sista dag var 2027-03-31" in message
    [chase] = [
        o
        for o in obligations(loaded, year, dt.date(2027, 4, 1))
        if o.document is DocumentKind.ORGANISER_REPORT
    ]
    assert chase.path == CALENDAR
    # the rule's error and the chase's are one error, not two
    result = validate_repository(repo, None, year, dt.date(2027, 4, 1))
    missing = [f for f in result.findings if f.path.startswith("plans/2026")]
    assert [f.rule for f in missing] == ["SL4-3-uppfoljning"]


def _earlier() -> str:
    """The report for calendar year 2025, from the minimal repository's."""
    text = (RESOURCES / "minimal" / MAIN).read_text(encoding="utf-8")
    return text.replace("2025/26", "2025").replace("datum: 2026-09-20", "datum: 2026-03-15")


def test_the_arshjul_dates_a_calendar_years_report_in_the_year_after(repo: Path) -> None:
    """An årshjul event in March for the huvudman's report is the report of the
    calendar year before, which counts for the läsår that ended then."""
    _calendar(repo)
    with (repo / "plans/arshjul.yaml").open("a", encoding="utf-8") as wheel:
        wheel.write(
            "  - id: kvalitetsrapport-namnd\n"
            "    namn: Kvalitetsrapporten till nämnden\n"
            "    typ: rapport\n"
            "    när: 20 mars\n"
            "    nivå: huvudman\n"
            "    ansvarig: [skolchef]\n"
            "    dokument: huvudmannens_kvalitetsrapport\n"
        )
    loaded = Repository(repo)
    due = due_date(loaded, SchoolYear.parse("2025/26"), DocumentKind.ORGANISER_REPORT)
    assert due == dt.date(2027, 3, 20)


def test_a_calendar_years_report_is_built_under_its_year(repo: Path, tmp_path: Path) -> None:
    _calendar(repo)
    ids = [j.id for j in jobs_for(Repository(repo), kinds=("huvudmannarapport",))]
    assert ids == ["2026/huvudman/grundskola/kvalitetsrapport"]
    out = tmp_path / "ut"
    result = build(
        repo, BuildOptions(out, formats=("html",), kinds=("huvudmannarapport",), today=AFTER)
    )
    assert result.ok, [f.message for f in result.findings]
    text = html_text(out / "2026/huvudman/grundskola/kvalitetsrapport.html")
    assert "kvalitetsrapport för kalenderåret 2026" in text
    assert "gäller läsåret 2025/26" in text


def test_ska_ny_writes_a_calendar_year_kommuns_report_under_its_year(repo: Path) -> None:
    """`ska ny huvudmannarapport` follows the huvudman's way: per calendar year, the
    report of the year the läsår ends in."""
    from ska.workflow.scaffold import new_organiser_report

    _calendar(repo)
    (repo / CALENDAR).unlink()
    write(repo, "plans/2025/kvalitetsrapport.md", _earlier())
    made = new_organiser_report(repo, SchoolYear.parse("2025/26"), dt.date(2027, 1, 10))
    assert made.relative_to(repo).as_posix() == CALENDAR
    assert "# Kvalitetsrapport 2026 – " in made.read_text(encoding="utf-8")


def test_two_reports_of_one_form_are_both_built_under_their_own_names(
    repo: Path, tmp_path: Path
) -> None:
    """A läsår's report and a calendar year's report for the same läsår, and a second
    report naming the same skolform: each is published, none overwrites another."""
    text = _text(repo)
    write(repo, "plans/2025-26/kvalitetsrapport-fritidshem.md", text)
    write(repo, CALENDAR, text.replace("2025/26", "2026"))
    ids = sorted(j.id for j in jobs_for(Repository(repo), kinds=("huvudmannarapport",)))
    assert ids == [
        "2025-26/huvudman/grundskola/kvalitetsrapport",
        "2025-26/huvudman/grundskola/kvalitetsrapport-fritidshem",
        "2026/huvudman/grundskola/kvalitetsrapport",
    ]
