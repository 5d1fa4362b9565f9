"""Results analysis: trends, gender gaps, comparisons, cohorts and flags, on small data
sets built here, each computation pinned with exact numbers; small groups never show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ska.load.csvtable import Table, parse_references, parse_results
from ska.load.repository import Repository
from ska.model.results import Gender, MeasureKind, ReferenceRow, ResultRow
from ska.model.settings import Settings
from ska.model.types import SchoolYear, Term
from ska.results.analysis import (
    KOMMUN,
    QUESTIONS,
    Analysis,
    Cohort,
    CohortStep,
    FlagKind,
    Inputs,
    ReferenceTable,
    Trend,
    UnitTable,
    analyse,
    inputs_from,
    to_json,
)
from ska.suppression import decide

RESOURCES = Path(__file__).parent / "resources"
HEADER = "mått,termin,grupp,kön,antal,totalt\n"
SETTINGS = Settings()


def table(text: str, header: str = HEADER) -> Table[ResultRow]:
    parsed, problems = parse_results(header + text, "x.csv")
    assert parsed is not None, problems
    return parsed


def unit(name: str, year: str, text: str, header: str = HEADER) -> UnitTable:
    läsår = SchoolYear.parse(year)
    path = f"units/{name}/{läsår.folder}/resultat/r.csv"
    return UnitTable(name, läsår, path, table(text, header))


def references(text: str, path: str = "plans/jämförelser/riket.csv") -> ReferenceTable:
    parsed, problems = parse_references(text, path)
    assert parsed is not None, problems
    return ReferenceTable(path, parsed)


def run(
    *units: UnitTable,
    refs: tuple[ReferenceTable, ...] = (),
    feeders: dict[str, list[str]] | None = None,
    year: SchoolYear | None = None,
) -> Analysis:
    return analyse(Inputs(list(units), list(refs), feeders or {}), SETTINGS, year)


def trend(analysis: Analysis, measure: str, group: str, gender: Gender = Gender.ALL) -> Trend:
    (found,) = (
        t for t in analysis.trends if (t.measure, t.group, t.gender) == (measure, group, gender)
    )
    return found


def term(text: str) -> Term:
    return Term.parse(text)


def test_trend_with_a_missing_term_compares_with_the_nearest_earlier_point() -> None:
    # The newer file comes first: points are ordered by term, and vt2025 before ht2025.
    analysis = run(
        unit("a", "2025/26", "Läsflyt,ht2025,åk 2,alla,30,40\nLäsflyt,vt2026,åk 2,alla,31,40\n"),
        unit("a", "2024/25", "Läsflyt,ht2024,åk 2,alla,20,40\n"),
    )
    found = trend(analysis, "Läsflyt", "åk 2")
    assert [(str(p.term), p.figure) for p in found.points] == [
        ("ht2024", 50.0),
        ("ht2025", 75.0),
        ("vt2026", 77.5),
    ]
    # vt2025 is missing: ht2025 says it compared with ht2024.
    assert (found.points[1].compared_with, found.points[1].change) == (term("ht2024"), 25.0)
    assert (found.points[2].compared_with, found.points[2].change) == (term("ht2025"), 2.5)
    assert found.since == found.points[1]
    assert found.first == found.points[0]
    assert (found.change, found.change_since_first) == (2.5, 27.5)
    assert (found.word, found.word_since_first) == ("ökar", "ökar")
    assert found.share
    assert found.points[0].change is None


def test_small_changes_are_unchanged_and_occasions_compare_with_themselves() -> None:
    """September is compared with September, December with December: another occasion
    measures another point of the pupils' year."""
    header = "mått,termin,tillfälle,grupp,kön,antal,totalt\n"
    analysis = run(
        unit(
            "a",
            "2024/25",
            "Trygg,ht2024,september,F–3,alla,90,200\nTrygg,ht2024,december,F–3,alla,120,200\n",
            header,
        ),
        unit(
            "a",
            "2025/26",
            "Trygg,ht2025,september,F–3,alla,100,200\nTrygg,ht2025,december,F–3,alla,117,200\n",
            header,
        ),
    )
    found = trend(analysis, "Trygg", "F–3")
    assert [
        (str(p.term), p.occasion, p.compared_with and str(p.compared_with), p.compared_occasion)
        for p in found.points
    ] == [
        ("ht2024", "september", None, None),
        ("ht2024", "december", None, None),  # nothing earlier in December
        ("ht2025", "september", "ht2024", "september"),
        ("ht2025", "december", "ht2024", "december"),
    ]
    assert found.points[2].change == 5.0
    assert (found.change, found.word) == (-1.5, "minskar")  # not +8.5 from September
    assert found.since == found.points[1]
    assert (found.change_since_first, found.word_since_first) == (-1.5, "minskar")
    assert analysis.flags == ()
    almost = run(unit("a", "2025/26", "T,ht2025,F,alla,100,200\nT,vt2026,F,alla,101,200\n"))
    assert trend(almost, "T", "F").word == "oförändrat"


def test_drop_flag_and_direction() -> None:
    header = "mått,termin,grupp,kön,antal,totalt,typ\n"
    measure = "Läsförståelse i nivå med riktmärke"
    analysis = run(
        unit(
            "a",
            "2025/26",
            f"{measure},ht2025,åk 1,alla,40,50,screening\n"
            f"{measure},vt2026,åk 1,alla,31,50,screening\n"
            f"{measure},ht2025,åk 2,alla,40,50,screening\n"  # down 8: under flag_drop
            f"{measure},vt2026,åk 2,alla,36,50,screening\n"
            f"{measure},ht2025,åk 3,alla,20,50,screening\n"  # up 40: better
            f"{measure},vt2026,åk 3,alla,40,50,screening\n"
            "Frånvaro över 15 %,ht2025,åk 7,alla,5,50,frånvaro\n"  # up 12: worse
            "Frånvaro över 15 %,vt2026,åk 7,alla,11,50,frånvaro\n",
            header,
        )
    )
    assert [(f.kind, f.group, f.text) for f in analysis.flags] == [
        (
            FlagKind.DROP,
            "åk 7",
            "Frånvaro över 15 %, åk 7: 22 % vt2026, upp 12 procentenheter från ht2025.",
        ),
        (
            FlagKind.DROP,
            "åk 1",
            "Läsförståelse i nivå med riktmärke, åk 1: 62 % vt2026, "
            "ned 18 procentenheter från ht2025.",
        ),
    ]
    drop = analysis.flags[1]
    assert drop.figures == (("värde", 62.0), ("föregående", 80.0), ("förändring", -18.0))
    assert (drop.unit, drop.measure, drop.gender, drop.term, drop.against) == (
        "a",
        measure,
        Gender.ALL,
        term("vt2026"),
        "ht2025",
    )
    assert drop.questions == QUESTIONS[FlagKind.DROP]
    assert 3 <= len(drop.questions) <= 5
    assert trend(analysis, "Frånvaro över 15 %", "åk 7").kind is MeasureKind.ABSENCE


def test_neutral_measure_flags_a_change_either_way() -> None:
    header = "mått,termin,grupp,kön,antal,totalt,typ\n"
    kind = "extra anpassningar"
    analysis = run(
        unit(
            "a",
            "2025/26",
            f"Extra anpassningar,ht2025,åk 4,alla,10,50,{kind}\n"
            f"Extra anpassningar,vt2026,åk 4,alla,16,50,{kind}\n"
            f"Extra anpassningar,ht2025,åk 5,alla,16,50,{kind}\n"
            f"Extra anpassningar,vt2026,åk 5,alla,10,50,{kind}\n"
            f"Extra anpassningar,ht2025,åk 6,alla,16,50,{kind}\n"  # 8: under flag_drop
            f"Extra anpassningar,vt2026,åk 6,alla,12,50,{kind}\n",
            header,
        )
    )
    assert [(f.kind, f.text) for f in analysis.flags] == [
        (
            FlagKind.CHANGE,
            "Extra anpassningar, åk 4: 32 % vt2026, "
            "en förändring uppåt med 12 procentenheter från ht2025.",
        ),
        (
            FlagKind.CHANGE,
            "Extra anpassningar, åk 5: 20 % vt2026, "
            "en förändring nedåt med 12 procentenheter från ht2025.",
        ),
    ]
    assert analysis.flags[0].questions == QUESTIONS[FlagKind.CHANGE]


def test_widening_gender_gap() -> None:
    analysis = run(
        unit(
            "a",
            "2025/26",
            "Läsflyt,ht2025,åk 2,flickor,16,20\n"
            "Läsflyt,ht2025,åk 2,pojkar,15,20\n"
            "Läsflyt,ht2025,åk 2,alla,31,40\n"
            "Läsflyt,vt2026,åk 2,flickor,18,20\n"
            "Läsflyt,vt2026,åk 2,pojkar,14,20\n"
            "Läsflyt,vt2026,åk 2,alla,32,40\n",
        )
    )
    first, second = analysis.gaps
    assert (first.term, first.girls, first.boys, first.gap) == (term("ht2025"), 80.0, 75.0, 5.0)
    assert (first.previous_gap, first.widened) == (None, None)
    assert (second.girls, second.boys, second.gap) == (90.0, 70.0, 20.0)
    assert (second.previous_term, second.previous_gap, second.widened) == (
        term("ht2025"),
        5.0,
        15.0,
    )
    (flag,) = analysis.flags
    assert flag.kind is FlagKind.GENDER_GAP
    assert flag.gender is None
    assert flag.text == (
        "Läsflyt, åk 2: flickor 90 %, pojkar 70 % vt2026, en skillnad på 20 procentenheter "
        "(flickorna högre), 15 procentenheter större än ht2025."
    )
    assert dict(flag.figures) == {
        "flickor": 90.0,
        "pojkar": 70.0,
        "skillnad": 20.0,
        "föregående skillnad": 5.0,
        "ökning": 15.0,
    }
    assert flag.questions == QUESTIONS[FlagKind.GENDER_GAP]


def test_comparisons_with_riket_and_the_kommuns_units() -> None:
    riket = references(
        "jämförelse,mått,termin,grupp,kön,värde\n"
        "riket,Betyg,vt2026,åk 9,alla,80\n"
        "riket,Betyg,vt2026,alla,alla,70\n"  # another group: no match
        "riket,Betyg,vt2026,åk 9,flickor,85\n"  # another gender: no match
        "riket,Betyg,ht2025,åk 9,alla,60\n"  # another term: no match
    )
    similar = references(
        "jämförelse,mått,termin,grupp,årskurs,kön,värde\n"
        "liknande kommuner,Betyg,vt2026,alla,9,alla,78.5\n",  # matched by årskurs
        "plans/jämförelser/liknande.csv",
    )
    analysis = run(
        unit("a", "2025/26", "Betyg,vt2026,åk 9,alla,30,40\n"),
        unit("b", "2025/26", "Betyg,vt2026,åk 9,alla,54,60\n"),
        refs=(riket, similar),
    )
    assert [
        (c.unit, c.reference, c.figure, c.reference_figure, c.difference, c.below, c.source)
        for c in analysis.comparisons
    ] == [
        ("a", "riket", 75.0, 80.0, -5.0, True, "plans/jämförelser/riket.csv"),
        ("a", "liknande kommuner", 75.0, 78.5, -3.5, True, "plans/jämförelser/liknande.csv"),
        ("a", KOMMUN, 75.0, 84.0, -9.0, True, ""),
        ("b", "riket", 90.0, 80.0, 10.0, False, "plans/jämförelser/riket.csv"),
        ("b", "liknande kommuner", 90.0, 78.5, 11.5, False, "plans/jämförelser/liknande.csv"),
        ("b", KOMMUN, 90.0, 84.0, 6.0, False, ""),
    ]
    # 3.5 below liknande kommuner is under flag_below_reference (5).
    assert [(f.unit, f.against, f.text) for f in analysis.flags] == [
        ("a", "riket", "Betyg, åk 9: 75 % vt2026 jämfört med riket 80 %, 5 procentenheter lägre."),
        (
            "a",
            KOMMUN,
            "Betyg, åk 9: 75 % vt2026 jämfört med kommunens enheter 84 %, 9 procentenheter lägre.",
        ),
    ]
    assert analysis.flags[0].figures == (
        ("värde", 75.0),
        ("jämförelsevärde", 80.0),
        ("skillnad", -5.0),
    )
    assert analysis.flags[0].questions == QUESTIONS[FlagKind.BELOW_REFERENCE]


def test_below_reference_respects_the_direction() -> None:
    header = "mått,termin,grupp,kön,antal,totalt,typ\n"
    riket = references(
        "jämförelse,mått,termin,grupp,kön,värde\n"
        "riket,Frånvaro,vt2026,åk 8,alla,20\n"
        "riket,Frånvaro,vt2026,åk 9,alla,20\n"
        "riket,Extra anpassningar,vt2026,åk 9,alla,20\n"
    )
    analysis = run(
        unit(
            "a",
            "2025/26",
            "Frånvaro,vt2026,åk 8,alla,10,40,frånvaro\n"  # 25 % > 20 %: worse
            "Frånvaro,vt2026,åk 9,alla,4,40,frånvaro\n"  # 10 % < 20 %: better
            "Extra anpassningar,vt2026,åk 9,alla,2,40,extra anpassningar\n",  # neutral
            header,
        ),
        refs=(riket,),
    )
    assert [(c.group, c.difference, c.below) for c in analysis.comparisons] == [
        ("åk 8", 5.0, True),
        ("åk 9", -10.0, False),
        ("åk 9", -15.0, False),
    ]
    (flag,) = analysis.flags
    assert flag.text == (
        "Frånvaro, åk 8: 25 % vt2026 jämfört med riket 20 %, 5 procentenheter högre."
    )


def test_suppressed_groups_show_no_figure_gap_or_flag() -> None:
    riket = references(
        "jämförelse,mått,termin,grupp,kön,värde\n"
        "riket,Läsflyt,vt2026,åk 2,flickor,90\n"
        "riket,Läsflyt,vt2026,åk 3,alla,90\n"
    )
    analysis = run(
        unit(
            "a",
            "2025/26",
            "Läsflyt,ht2025,åk 2,flickor,6,8\n"  # primary: 8 < 10
            "Läsflyt,ht2025,åk 2,pojkar,20,25\n"  # secondary: alla is shown
            "Läsflyt,ht2025,åk 2,alla,26,33\n"
            "Läsflyt,vt2026,åk 2,flickor,1,9\n"
            "Läsflyt,vt2026,åk 2,pojkar,22,25\n"
            "Läsflyt,vt2026,åk 2,alla,23,34\n"
            "Läsflyt,ht2025,åk 3,alla,9,9\n"  # the whole group is small
            "Läsflyt,vt2026,åk 3,alla,1,9\n",
        ),
        refs=(riket,),
    )
    for gender in (Gender.GIRLS, Gender.BOYS):
        found = trend(analysis, "Läsflyt", "åk 2", gender)
        assert [(p.figure, p.total, p.hidden, p.change) for p in found.points] == [
            (None, found.points[0].total, True, None),
            (None, found.points[1].total, True, None),
        ]
        assert (found.change, found.word, found.since) == (None, None, None)
    small = trend(analysis, "Läsflyt", "åk 3")
    assert [(p.figure, p.hidden) for p in small.points] == [(None, True), (None, True)]
    assert analysis.gaps == ()
    assert analysis.comparisons == ()  # girls are not compared; åk 3 is hidden
    # Only the shown total for alla can be flagged: 78,8 % → 67,6 %.
    assert [(f.kind, f.group, f.gender) for f in analysis.flags] == [
        (FlagKind.DROP, "åk 2", Gender.ALL)
    ]
    assert analysis.flags[0].text == (
        "Läsflyt, åk 2: 67,6 % vt2026, ned 11,1 procentenheter från ht2025."
    )
    view = to_json(analysis)
    points = [p for t in view["trender"] for p in t["punkter"]]  # type: ignore[attr-defined]
    assert all(p["värde"] is None for p in points if p["dold"])


def test_cohort_over_three_läsår_changes_units() -> None:
    measure = "Betyg A–E i alla ämnen"
    analysis = run(
        unit(
            "kullaskolan",
            "2025/26",
            f"{measure},ht2025,åk 8,alla,35,50\n{measure},vt2026,åk 8,alla,40,50\n",
        ),
        unit("kullaskolan", "2024/25", f"{measure},vt2025,åk 7,alla,36,48\n"),
        unit("byskolan", "2023/24", f"{measure},vt2024,åk 6,alla,9,12\n"),
        unit(
            "åsenskolan",
            "2023/24",
            f"{measure},ht2023,åk 6,alla,20,36\n{measure},vt2024,åk 6,alla,27,36\n",
        ),
        feeders={"kullaskolan": ["byskolan", "åsenskolan"]},
    )
    assert analysis.cohorts == (
        Cohort(
            "kullaskolan",
            measure,
            None,
            MeasureKind.OTHER,
            True,
            (
                CohortStep(
                    SchoolYear(2023),
                    term("vt2024"),
                    "åk 6",
                    ("byskolan", "åsenskolan"),
                    75.0,
                    48,
                    False,
                ),
                CohortStep(
                    SchoolYear(2024), term("vt2025"), "åk 7", ("kullaskolan",), 75.0, 48, False
                ),
                CohortStep(
                    SchoolYear(2025), term("vt2026"), "åk 8", ("kullaskolan",), 80.0, 50, False
                ),
            ),
            5.0,
        ),
    )


def test_cohort_sums_hide_what_could_be_worked_out() -> None:
    header = "mått,termin,grupp,kön,antal,totalt,värde\n"
    feeders = {"7-9": ["x", "y"]}
    start = unit("7-9", "2025/26", "Index,vt2026,åk 7,alla,,40,4.5\n", header)

    def step(x: str, y: str) -> CohortStep:
        analysis = run(
            start,
            unit("x", "2024/25", f"Index,vt2025,åk 6,alla,{x}\n", header),
            unit("y", "2024/25", f"Index,vt2025,åk 6,alla,{y}\n", header),
            feeders=feeders,
        )
        (cohort,) = analysis.cohorts
        assert not cohort.share
        return cohort.steps[0]

    # Values are weighted by totalt: (4 · 10 + 5 · 30) / 40.
    weighted = step(",10,4", ",30,5")
    assert (weighted.figure, weighted.total, weighted.hidden) == (4.75, 40, False)
    # Two small schools together are no small group: (4 · 8 + 5 · 9) / 17.
    both_small = step(",8,4", ",9,5")
    assert not both_small.hidden
    assert both_small.figure == pytest.approx(77 / 17)
    # One small school next to a shown one could be subtracted out: hidden.
    one_small = step(",8,4", ",30,5")
    assert (one_small.hidden, one_small.figure, one_small.total) == (True, None, 38)


def test_value_rows_trend_and_flag() -> None:
    header = "mått,termin,grupp,kön,antal,totalt,värde\n"
    analysis = run(
        unit("a", "2024/25", "Meritvärde,vt2025,åk 9,alla,,45,230.5\n", header),
        unit("a", "2025/26", "Meritvärde,vt2026,åk 9,alla,,45,215\n", header),
        unit("a", "2025/26", "Trygghetsindex,vt2026,alla,alla,,40,4.2\n", header),
        unit("a", "2024/25", "Trygghetsindex,vt2025,alla,alla,,40,4.5\n", header),
    )
    merit = trend(analysis, "Meritvärde", "åk 9")
    assert not merit.share
    assert [p.figure for p in merit.points] == [230.5, 215.0]
    assert (merit.change, merit.word) == (-15.5, "minskar")
    index = trend(analysis, "Trygghetsindex", "alla")
    assert index.change == pytest.approx(-0.3)
    assert index.word == "oförändrat"
    (flag,) = analysis.flags
    assert flag.text == "Meritvärde, åk 9: 215,0 vt2026, ned 15,5 från vt2025."


def test_year_selects_the_läsår_analysed() -> None:
    tables = (
        unit("a", "2024/25", "Läsflyt,ht2024,åk 2,alla,40,40\nLäsflyt,vt2025,åk 2,alla,20,40\n"),
        unit("a", "2025/26", "Läsflyt,ht2025,åk 2,alla,40,40\nLäsflyt,vt2026,åk 2,alla,30,40\n"),
    )
    newest = run(*tables)
    assert newest.year == SchoolYear(2025)
    assert [(str(f.term), f.figures[2][1]) for f in newest.flags] == [("vt2026", -25.0)]
    earlier = run(*tables, year=SchoolYear(2024))
    assert earlier.year == SchoolYear(2024)
    assert [(str(f.term), f.figures[2][1]) for f in earlier.flags] == [("vt2025", -50.0)]
    # Later läsår are left out; earlier ones stay in the trends.
    (found,) = earlier.trends
    assert [str(p.term) for p in found.points] == ["ht2024", "vt2025"]
    (found,) = newest.trends
    assert [str(p.term) for p in found.points] == ["ht2024", "vt2025", "ht2025", "vt2026"]
    assert found.points[2].change == 50.0  # ht2025 against vt2025, across läsår
    assert run(*tables, year=SchoolYear(2019)) == Analysis(SchoolYear(2019), (), (), (), (), ())
    assert run() == Analysis(None, (), (), (), (), ())


def test_to_json_is_serialisable_with_swedish_keys() -> None:
    analysis = run(
        unit(
            "a",
            "2025/26",
            "Läsflyt,ht2025,åk 2,alla,40,50\nLäsflyt,vt2026,åk 2,alla,31,50\n"
            "Läsflyt,vt2026,åk 3,alla,3,5\n",
        )
    )
    view = to_json(analysis)
    text = json.dumps(view, ensure_ascii=False)
    assert view["läsår"] == "2025/26"
    first = view["trender"][0]  # type: ignore[index]
    assert first["punkter"][1] == {
        "termin": "vt2026",
        "tillfälle": None,
        "värde": 62.0,
        "totalt": 50,
        "dold": False,
        "jämfört_med": "ht2025",
        "jämfört_med_tillfälle": None,
        "förändring": -18.0,
    }
    hidden = view["trender"][1]["punkter"][0]  # type: ignore[index]
    assert (hidden["värde"], hidden["dold"]) == (None, True)
    flag = view["flaggor"][0]  # type: ignore[index]
    assert flag["typ"] == "nedgång"
    assert flag["värden"] == {"värde": 62.0, "föregående": 80.0, "förändring": -18.0}
    assert '"kön": "alla"' in text


def test_inputs_from_a_repository(tmp_path: Path) -> None:
    root = tmp_path / "kommun"
    shutil.copytree(RESOURCES / "minimal", root)
    with (root / "units/testskolan/enhet.yaml").open("a", encoding="utf-8") as file:
        file.write("elever_från: [förskolan]\n")
    riket = root / "plans/jämförelser/riket.csv"
    riket.write_text(riket.read_text(encoding="utf-8").replace("66.5", "70.5"), encoding="utf-8")
    broken = root / "units/testskolan/2025-26/resultat/trasig.csv"
    broken.write_text("mått,termin\nx,ht2025\n", encoding="utf-8")
    inputs = inputs_from(Repository(root))
    (tables,) = inputs.units
    assert (tables.unit, tables.year, tables.path, len(tables.table.rows)) == (
        "testskolan",
        SchoolYear(2025),
        "units/testskolan/2025-26/resultat/screening.csv",
        6,
    )
    assert [(r.path, len(r.table.rows)) for r in inputs.references] == [
        ("plans/jämförelser/riket.csv", 1)
    ]
    assert inputs.feeders == {"testskolan": ["förskolan"]}
    analysis = analyse(inputs, SETTINGS)
    assert [f.text for f in analysis.flags] == [
        "Läsflyt över gränsvärdet, åk 2: 65 % ht2025 jämfört med riket 70,5 %, "
        "5,5 procentenheter lägre."
    ]


# Random tables: whatever the rows, nothing hidden is ever shown or flagged.
_MEASURES = st.sampled_from(["A", "B"])
_TERMS = st.sampled_from(["ht2024", "vt2025", "ht2025", "vt2026"])
_GROUPS = st.sampled_from(["åk 1", "åk 2", "F–3"])
_GENDERS = st.sampled_from(["flickor", "pojkar", "alla"])
_SIZES = st.integers(0, 40).flatmap(lambda total: st.tuples(st.integers(0, total), st.just(total)))
_ROWS = st.dictionaries(st.tuples(_MEASURES, _TERMS, _GROUPS, _GENDERS), _SIZES, max_size=40)
_Key = tuple[str, str, str, Gender, Term]


def _tables(name: str, rows: dict[tuple[str, str, str, str], tuple[int, int]]) -> list[UnitTable]:
    by_year: dict[str, str] = {}
    for (measure, when, group, gender), (count, total) in rows.items():
        year = str(Term.parse(when).school_year)
        by_year[year] = (
            by_year.get(year, "") + f"{measure},{when},{group},{gender},{count},{total}\n"
        )
    return [unit(name, year, text) for year, text in by_year.items()]


def _hidden(units: list[UnitTable]) -> dict[_Key, bool]:
    """What one decision over each unit's rows (all its tables together) hides."""
    status: dict[_Key, bool] = {}
    for name in {u.unit for u in units}:
        rows = [r for u in units if u.unit == name for r in u.table.rows]
        hidden = decide(rows, SETTINGS.min_group_size).hidden
        for index, r in enumerate(rows):
            key = (name, r.measure, r.group, r.gender, r.term)
            status[key] = index in hidden or r.figure is None
    return status


@hypothesis_settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _ROWS,
    _ROWS,
    st.lists(st.tuples(_MEASURES, _TERMS, _GROUPS, st.floats(0, 100)), max_size=6),
)
def test_nothing_hidden_is_ever_shown_or_flagged(
    first: dict[tuple[str, str, str, str], tuple[int, int]],
    second: dict[tuple[str, str, str, str], tuple[int, int]],
    refs: list[tuple[str, str, str, float]],
) -> None:
    units = _tables("a", first) + _tables("b", second)
    riket = references(
        "jämförelse,mått,termin,grupp,kön,värde\n"
        + "".join(f"riket,{m},{t},{g},alla,{v}\n" for m, t, g, v in refs)
    )
    analysis = analyse(Inputs(units, [riket], {"a": ["b"]}), SETTINGS)
    hidden = _hidden(units)

    def is_hidden(unit_id: str, measure: str, group: str, gender: Gender, when: Term) -> bool:
        return hidden[(unit_id, measure, group, gender, when)]

    for t in analysis.trends:
        for p in t.points:
            assert is_hidden(t.unit, t.measure, t.group, t.gender, p.term) == (p.figure is None)
            if p.compared_with is not None:
                assert not is_hidden(t.unit, t.measure, t.group, t.gender, p.compared_with)
    for g in analysis.gaps:
        for gender in (Gender.GIRLS, Gender.BOYS):
            assert not is_hidden(g.unit, g.measure, g.group, gender, g.term)
    for c in analysis.comparisons:
        assert not is_hidden(c.unit, c.measure, c.group, c.gender, c.term)
        assert c.hidden == (c.reference_figure is None)
    for f in analysis.flags:
        genders = (Gender.GIRLS, Gender.BOYS) if f.gender is None else (f.gender,)
        for gender in genders:
            assert not is_hidden(f.unit, f.measure, f.group, gender, f.term)
            if f.kind is not FlagKind.BELOW_REFERENCE:
                assert not is_hidden(f.unit, f.measure, f.group, gender, Term.parse(f.against))
    for cohort in analysis.cohorts:
        for s in cohort.steps:
            assert (s.figure is None) == s.hidden or s.total == 0
            if s.total < SETTINGS.min_group_size:
                assert s.figure is None


def test_every_flag_kind_has_questions() -> None:
    assert set(QUESTIONS) == set(FlagKind)
    for questions in QUESTIONS.values():
        assert 3 <= len(questions) <= 5
        assert all(q.endswith("?") for q in questions)


def test_reference_rows_are_never_suppressed() -> None:
    small = references(
        "jämförelse,mått,termin,grupp,kön,värde,totalt\nriket,Läsflyt,vt2026,åk 2,alla,80,3\n"
    )
    analysis = run(unit("a", "2025/26", "Läsflyt,vt2026,åk 2,alla,30,40\n"), refs=(small,))
    (comparison,) = analysis.comparisons
    assert (comparison.reference_figure, comparison.difference) == (80.0, -5.0)
    assert isinstance(small.table.rows[0], ReferenceRow)
