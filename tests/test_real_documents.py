"""Real-shaped repositories with gaps: a kommun that moved only part of its documentation
into ska, under its own headings, with a file that does not follow the schema.

Every test asserts what the issue "real documents fit, and no gap is ever hidden" asks:
no ✓ next to a rule that did not run, every unit in every table, every document that can
be built is built, and the build names what it skipped and why.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ska import cli
from ska.load.repository import Repository
from ska.model.gaps import Gap, Reason
from ska.model.organiser import Organiser
from ska.model.report import Report
from ska.model.types import SchoolYear
from ska.render.build import BuildOptions, build
from ska.status.matrix import Mark, build_status
from ska.validate.run import validate_repository
from tests.conftest import AFTER_YEAR, html_text, replace_in, rule_messages, write

TODAY = dt.date(2026, 8, 20)
YEAR = SchoolYear.parse("2025/26")

# A huvudman file of a repository that holds reports only: no plan, vision, roles, skolchef.
ORGANISER = """\
namn: Ekby kommun
typ: kommun
organ: Barn- och utbildningsnämnden
skolformer: [förskola, förskoleklass, grundskola, fritidshem]
"""

PRESCHOOL = """\
namn: Förskolan Tallen
typ: förskoleenhet
skolformer: [förskola]
rektor: Maria Berg
aktiv_från: 2010-08-01
"""

# The kind of mistake people make: a skolform as they say it, not as ska spells it.
BROKEN_SCHOOL = """\
namn: Ekbyskolan
typ: skolenhet
skolformer: [grundskolan F-6]
rektor: Per Lind
aktiv_från: 2010-08-01
"""

# A unit report as a förskola writes it: its own title, an introduction before the first
# heading, Fakta instead of Förutsättningar, one heading per läroplan area, and an
# analysis that names causes in ordinary Swedish.
PRESCHOOL_REPORT = """\
---
titel: Kvalitetsredovisning 2025/26 – Förskolan Tallen
ansvarig: Maria Berg
datum: 2026-06-20
status: klar
delaktighet:
  personal: Arbetslagen analyserade barnintervjuerna på en studiedag.
  barn: Barnen intervjuades i små grupper om vad de tycker om att göra.
  vårdnadshavare: ej angivet
utvecklingsområden:
  - id: språk-2025-26
    beskrivning: Barnens ordförråd behöver stärkas.
    varför: Barnintervjuerna visar att många barn har svårt att beskriva vad de gör.
    läroplansområden: [kunskaper]
nyckeltal:
  - namn: Inskrivna barn 1–2 år
    värde: 6
    enhet: barn
    datum: 2025-10-15
  - namn: Årsarbetare i barngrupp
    värde: 11.5
    datum: 2025-10-15
  - namn: Barn per årsarbetare
    värde: 5.1
    jämförelse: som riket
  - namn: Andel legitimerade förskollärare
    förändring: ökat jämfört med förra läsåret
---
Förskolan Tallen har under läsåret arbetat med språk och med barnens inflytande.
Den här redovisningen sammanfattar vad vi har sett och vad vi gör härnäst.

## Fakta
Förskolan har 64 inskrivna barn den 15 oktober fördelade på fyra avdelningar, varav
6 barn 1–2 år. Personaltätheten är 5,1 barn per årsarbetare och 11,5 årsarbetare
arbetar i barngrupp, varav hälften är legitimerade förskollärare.

## Normer och värden
Barnen visar omsorg om varandra och konflikterna har blivit färre.

## Omsorg, utveckling och lärande
Barnens intresse för högläsning har ökat.

## Barns delaktighet och inflytande
Barnen är med och väljer teman.

## Förskola och hem
Vårdnadshavarna får veckobrev.

## Övergång och samverkan
Överlämningen till förskoleklass följer kommunens rutin.

## Sammanfattande analys
Ökningen av barnens intresse för högläsning bedöms vara en effekt av att varje
avdelning har fått en egen läshörna och att arbetslagen läser dagligen i små grupper.
Att konflikterna blivit färre hänger samman med att personalen har delat upp barnen i
mindre grupper under den fria leken, vilket har påverkat hur barnen leker med varandra.
Nivån är som i riket enligt Skolverkets statistik.

## Prioriterade utvecklingsområden
Ordförrådet, med språkpromenader och bildstöd.
"""

ORGANISER_REPORT = """\
---
titel: Kvalitetsrapport för förskolan 2025/26
ansvarig: Anna Ek
datum: 2026-08-10
status: klar
delaktighet:
  personal: Rektorerna deltog i analysdialoger.
utvecklingsområden:
  - id: språk
    beskrivning: Språkutvecklingen i förskolan.
    varför: Barnintervjuerna visar behov.
---
Nämnden ger varje år förvaltningen i uppdrag att redovisa kvaliteten i förskolan.

## Sammanfattning
Förskolorna har stärkt arbetet med språk.

## Fakta om verksamheten
Förskolan är organiserad i 12 förskoleenheter med 640 barn; andelen legitimerade
förskollärare är 45 procent och lokalerna är ändamålsenliga.

## Resultat och måluppfyllelse
Barnens intresse för högläsning har ökat.

## Sammanfattande analys
Resultatet bedöms vara en effekt av satsningen på läshörnor och hänger samman med
att fler förskollärare har gått Läslyftet.

## Prioriterade utvecklingsområden
Språkutveckling.

## Klagomålshantering
Fyra klagomål kom in, alla om lokalerna.
"""


def _kommun(root: Path) -> Path:
    write(root, "ska.yaml", "inställningar:\n  analys_min_ord: 5\n")
    write(root, "plans/huvudman.yaml", ORGANISER)
    write(root, "plans/2025-26/kvalitetsrapport.md", ORGANISER_REPORT)
    write(root, "units/tallen/enhet.yaml", PRESCHOOL)
    write(root, "units/tallen/2025-26/kvalitetsrapport.md", PRESCHOOL_REPORT)
    write(root, "units/ekbyskolan/enhet.yaml", BROKEN_SCHOOL)
    return root


def test_a_huvudman_file_without_the_plan_loads_and_its_plan_is_coverage(tmp_path: Path) -> None:
    root = _kommun(tmp_path)
    repo = Repository(root)
    organiser = repo.organiser
    assert isinstance(organiser, Organiser)
    assert organiser.name == "Ekby kommun"
    gaps = {g.key: g.reason for g in vars(organiser).values() if isinstance(g, Gap)}
    assert gaps == {
        "plan": Reason.OUTSIDE,
        "vision": Reason.OUTSIDE,
        "kf_målområden": Reason.OUTSIDE,
        "roller": Reason.OUTSIDE,
        "skolchefer": Reason.OUTSIDE,
    }
    result = validate_repository(root, None, YEAR, TODAY)
    rules = {f.rule for f in result.findings if f.path == "plans/huvudman.yaml"}
    assert not any(r.startswith("SCHEMA") for r in rules), rules


def test_own_headings_feed_the_parts_ska_checks(tmp_path: Path) -> None:
    root = _kommun(tmp_path)
    report = Repository(root).model("units/tallen/2025-26/kvalitetsrapport.md", Report)
    assert report is not None
    assert report.sections[0].heading == ""  # the introduction is kept
    assert "arbetat med språk" in report.sections[0].text
    conditions = report.section("förutsättningar")
    assert conditions is not None
    assert conditions.heading == "Fakta"
    results = report.section("resultat")
    assert results is not None
    assert results.heading == "Normer och värden"
    assert "Överlämningen till förskoleklass" in results.text  # every area heading feeds it
    result = validate_repository(root, None, YEAR, TODAY)
    missing = [f for f in result.findings if f.rule == "MD-avsnitt-saknas"]
    assert missing == []


def test_the_status_never_shows_a_check_mark_for_a_rule_that_did_not_run(tmp_path: Path) -> None:
    root = _kommun(tmp_path)
    result = validate_repository(root, None, YEAR, TODAY)
    status = build_status(result)
    run = result.rules
    assert run is not None
    ids = [row.id for row in status.rows]
    assert ids == ["huvudman", "tallen", "ekbyskolan"]  # no unit disappears
    broken = next(row for row in status.rows if row.id == "ekbyskolan")
    assert broken.cells  # every column has a cell
    assert all(c.mark in (Mark.UNKNOWN, Mark.NOT_APPLICABLE) for c in broken.cells.values())
    assert any(c.mark is Mark.UNKNOWN for c in broken.cells.values())
    from ska.rules.catalog import rules_by_id

    rules = rules_by_id()
    for row in status.rows:
        for rule_id in run.blocked.get(row.id, {}):
            cell = row.cells[rules[rule_id].group]
            assert cell.mark is not Mark.OK, (row.id, rule_id)
            assert cell.reasons or cell.mark is Mark.FAILING


def test_a_value_stated_as_not_known_is_judged_by_the_rule_that_needs_it(tmp_path: Path) -> None:
    root = _kommun(tmp_path)
    write(
        root,
        "units/tallen/2025-26/kvalitetsrapport.md",
        PRESCHOOL_REPORT.replace("datum: 2026-06-20", "datum: ej angivet"),
    )
    repo = Repository(root)
    report = repo.model("units/tallen/2025-26/kvalitetsrapport.md", Report)
    assert report is not None
    assert isinstance(vars(report.meta)["date"], Gap)
    result = validate_repository(root, None, YEAR, TODAY)
    report_path = "units/tallen/2025-26/kvalitetsrapport.md"
    schema = [f for f in result.findings if f.rule.startswith("SCHEMA") and f.path == report_path]
    assert schema == []
    stated = [f for f in result.findings if "'datum' är angiven som 'ej angivet'" in f.message]
    assert stated, [f.message for f in result.findings]
    # Inside a part, too: `vårdnadshavare: ej angivet` is judged as not described.
    guardians = [f for f in result.findings if f.rule == "SL4-4-vardnadshavare"]
    assert [f.message for f in guardians] == [
        "Rapporten beskriver inte hur vårdnadshavarna gavs möjlighet att delta."
    ]


def test_status_command_lists_why_a_cell_could_not_be_judged(
    tmp_path: Path, capsys: object
) -> None:
    root = _kommun(tmp_path)
    code = cli.main(["status", "--datum", TODAY.isoformat(), "--rot", str(root)])
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert code in (0, 1)
    assert "Kunde inte bedömas (?):" in out
    assert "- ekbyskolan," in out
    assert "units/ekbyskolan/enhet.yaml kunde inte läsas" in out


def test_build_renders_every_document_it_can_and_names_what_it_skipped(tmp_path: Path) -> None:
    root = _kommun(tmp_path)
    # A third report whose front matter is not YAML at all: the one document ska skips.
    write(root, "units/bjorken/enhet.yaml", PRESCHOOL.replace("Tallen", "Björken"))
    write(root, "units/bjorken/2025-26/kvalitetsrapport.md", "---\nansvarig: [\n---\n## Analys\n")
    result = build(root, BuildOptions(formats=("html",), today=TODAY))
    assert "2025-26/tallen/kvalitetsrapport" in result.built
    skipped = [f for f in result.findings if f.rule == "BYGG-källa"]
    assert [f.path for f in skipped] == ["units/bjorken/2025-26/kvalitetsrapport.md"]
    assert "byggs inte: units/bjorken/2025-26/kvalitetsrapport.md rad" in skipped[0].message
    page = " ".join(
        (result.folder / "2025-26/tallen/kvalitetsrapport.html").read_text(encoding="utf-8").split()
    )
    assert "Kvalitetsredovisning 2025/26 – Förskolan Tallen" in page  # the author's title
    assert "arbetat med språk och med barnens inflytande" in page  # the introduction
    assert page.index("arbetat med språk") < page.index('id="sammanfattande-analys"')
    assert "2025-26/huvudman/forskola/kvalitetsrapport" in result.built
    # Nyckeltal as the kommun has them; structural counts are never hidden as small groups.
    assert "Inskrivna barn 1–2 år" in page
    assert "6 barn" in page
    assert "15 oktober 2025" in page
    assert "11,5" in page
    assert "5,1" in page
    assert "som riket" in page
    assert "ökat jämfört med förra läsåret" in page
    assert page.index('id="fakta"') < page.index("Inskrivna barn 1–2 år")


# A läsårsrapport in the words of Vetlanda's riktlinjer, and a kvalitetsrapport in the
# words of Vaggeryd's SKA 2.0: each kommun's preset knows its own headings.
VETLANDA_REPORT = """\
---
ansvarig: Maria Berg
datum: 2026-06-20
status: klar
delaktighet:
  personal: Arbetslagen analyserade TLD-mätningen.
  barn: Barnen svarade på TLD-mätningen i oktober och april.
  vårdnadshavare: Vårdnadshavarna fick resultaten på föräldramötet.
utvecklingsområden:
  - id: språk-2025-26
    beskrivning: Barnens ordförråd behöver stärkas.
    varför: Barnintervjuerna visar att många barn har svårt att beskriva vad de gör.
---
## Förutsättningar för läsåret
Fyra avdelningar med 64 barn och 11,5 årsarbetare.

## Resultat och effekter
Barnens intresse för högläsning har ökat; normer och värden, inflytande, samverkan med
hemmet och övergången till förskoleklass följs upp i TLD-mätningen.

## Analys av helheten
Ökningen bedöms vara en effekt av läshörnorna.

## Åtaganden
Språkpromenader varje vecka.
"""

VAGGERYD_REPORT = (
    VETLANDA_REPORT.replace("## Förutsättningar för läsåret", "## Fakta")
    .replace("## Resultat och effekter", "## Kunskapsresultat")
    .replace("## Analys av helheten", "## Analys i dialogform")
    .replace("## Åtaganden", "## Utvecklingsområden")
)


def _preset_kommun(root: Path, preset: str, report: str) -> Path:
    write(root, "ska.yaml", f"förinställningar: [{preset}]\ninställningar:\n  analys_min_ord: 5\n")
    write(root, "plans/huvudman.yaml", ORGANISER)
    write(root, "units/tallen/enhet.yaml", PRESCHOOL)
    write(root, "units/tallen/2025-26/kvalitetsrapport.md", report)
    return root


def test_each_seed_kommun_validates_and_builds_with_its_own_headings(tmp_path: Path) -> None:
    for preset, report in (("vetlanda", VETLANDA_REPORT), ("vaggeryd", VAGGERYD_REPORT)):
        root = _preset_kommun(tmp_path / preset, preset, report)
        result = validate_repository(root, None, YEAR, TODAY)
        headings = [f for f in result.findings if f.rule in ("MD-avsnitt-saknas", "MD-rubrik")]
        assert headings == [], (preset, headings)
        parsed = Repository(root).model("units/tallen/2025-26/kvalitetsrapport.md", Report)
        assert parsed is not None
        assert {s.key for s in parsed.sections} >= {
            "förutsättningar",
            "resultat",
            "analys",
            "utvecklingsområden",
        }, preset
        built = build(root, BuildOptions(formats=("html",), today=TODAY))
        assert "2025-26/tallen/kvalitetsrapport" in built.built, preset


def test_without_the_preset_the_same_headings_are_missing_sections(tmp_path: Path) -> None:
    root = _preset_kommun(tmp_path, "svenljunga", VETLANDA_REPORT)
    result = validate_repository(root, None, YEAR, TODAY)
    missing = sorted(f.message for f in result.findings if f.rule == "MD-avsnitt-saknas")
    assert missing == [
        "Rapporten saknar avsnittet 'Analys': rubriken 'Analys av helheten' räknas inte som det.",
        "Rapporten saknar avsnittet 'Förutsättningar': rubriken 'Förutsättningar för läsåret' "
        "räknas inte som det.",
        "Rapporten saknar avsnittet 'Resultat': rubriken 'Resultat och effekter' räknas inte "
        "som det.",
        "Rapporten saknar avsnittet 'Utvecklingsområden'.",
    ]


def test_a_kommun_maps_its_own_headings_in_ska_yaml(tmp_path: Path) -> None:
    root = _preset_kommun(tmp_path, "svenljunga", VETLANDA_REPORT)
    write(
        root,
        "ska.yaml",
        "rubriker:\n"
        "  förutsättningar: [Förutsättningar för läsåret]\n"
        "  resultat: [Resultat och effekter]\n"
        "  analys: [Analys av helheten]\n"
        "  utvecklingsområden: ['1. Åtaganden']\n",
    )
    result = validate_repository(root, None, YEAR, TODAY)
    assert [f for f in result.findings if f.rule == "MD-avsnitt-saknas"] == []
    write(root, "ska.yaml", "rubriker:\n  analyser: [Analys av helheten]\n")
    result = validate_repository(root, None, YEAR, TODAY)
    assert sorted(f.rule for f in result.findings if f.path == "ska.yaml") == [
        "KONFIG-ogiltig",
        "SCHEMA-värde",
    ]


def test_the_roles_ska_yaml_accepts_are_the_report_parts() -> None:
    from typing import get_args

    from ska.model.config import SectionRole
    from ska.model.report import SECTIONS

    assert list(get_args(SectionRole)) == [s.key for s in SECTIONS]


def test_a_report_for_one_verksamhetsform_is_published_under_that_form_only(
    tmp_path: Path,
) -> None:
    root = _kommun(tmp_path)
    write(root, "plans/huvudman.yaml", ORGANISER.replace("fritidshem]", "fritidshem, komvux]"))
    scoped = ORGANISER_REPORT.replace("status: klar\n", "status: klar\nskolformer: [komvux]\n")
    write(root, "plans/2025-26/kvalitetsrapport.md", scoped)
    result = build(root, BuildOptions(formats=("html",), today=TODAY))
    organiser_jobs = [j for j in result.built if "/huvudman/" in j]
    # No komvux unit is in the repository; the report still renders, under its own form.
    assert organiser_jobs == ["2025-26/huvudman/komvux/kvalitetsrapport"]


def test_a_report_that_cannot_be_read_leaves_its_rules_unjudged_not_passed(
    tmp_path: Path,
) -> None:
    root = _kommun(tmp_path)
    write(root, "units/tallen/2025-26/kvalitetsrapport.md", "---\nansvarig: [\n---\n## Analys\n")
    result = validate_repository(root, None, YEAR, TODAY)
    status = build_status(result)
    row = next(r for r in status.rows if r.id == "tallen")
    unknown = {g for g, c in row.cells.items() if c.mark is Mark.UNKNOWN}
    assert unknown, row.cells
    for group in unknown:
        assert any("kvalitetsrapport.md kunde inte läsas" in r for r in row.cells[group].reasons)
    from ska.rules.catalog import rules_by_id

    assert result.rules is not None
    groups = {rules_by_id()[r].group for r in result.rules.blocked["tallen"]}
    assert all(row.cells[g].mark is not Mark.OK for g in groups)


def test_two_priorities_may_share_a_läroplan_area(repo: Path) -> None:
    from tests.conftest import findings, replace_in

    plan = "units/testskolan/2025-26/utvecklingsplan.yaml"
    replace_in(
        repo,
        plan,
        "uppföljningar:",
        "  - målområde: kunskaper\n"
        "    motivering: Resultaten i taluppfattning i åk 3 sjönk.\n"
        "    åtaganden:\n"
        "      - id: taluppfattning\n"
        "        beskrivning: Alla elever i åk 1–3 tränar taluppfattning varje vecka.\n"
        "        tänkta_effekter: [Fler elever klarar bedömningsstödet i taluppfattning.]\n"
        "        aktiviteter:\n"
        "          - beskrivning: Taluppfattning 15 minuter tre dagar i veckan.\n"
        "            förväntat_resultat: Säkrare taluppfattning.\n"
        "uppföljningar:",
    )
    assert [f for f in findings(repo, plan) if f.rule.startswith("SCHEMA")] == []


def test_a_kommun_may_protect_small_counts_among_its_key_figures(tmp_path: Path) -> None:
    """Counts of enrolled children are shown as they are unless the kommun says so: one
    figure marked `skyddas: ja`, or every count with `skydda_nyckeltal: ja` in ska.yaml,
    is shown as '..' from 1 to min_gruppstorlek − 1 (decimals are never counts)."""
    root = _kommun(tmp_path)
    report = root / "units/tallen/2025-26/kvalitetsrapport.md"
    marked = PRESCHOOL_REPORT.replace(
        "    enhet: barn\n    datum: 2025-10-15\n",
        "    enhet: barn\n    datum: 2025-10-15\n    skyddas: ja\n",
    )
    write(root, report.relative_to(root).as_posix(), marked)

    def figures() -> list[str]:
        """The words of the key figures table's first rows, as a reader sees them."""
        options = BuildOptions(formats=("html",), kinds=("enhetsrapport",), today=TODAY)
        result = build(root, options)
        text = html_text(result.folder / "2025-26/tallen/kvalitetsrapport.html")
        return text[text.index("Inskrivna barn 1–2 år") :].split()[:9]

    shown = ["Inskrivna", "barn", "1–2", "år", "6", "barn", "15", "oktober", "2025"]
    hidden = [*shown[:4], "..", *shown[5:]]
    assert figures() == hidden
    write(root, report.relative_to(root).as_posix(), PRESCHOOL_REPORT)
    assert figures() == shown
    write(root, "ska.yaml", "inställningar:\n  analys_min_ord: 5\n  skydda_nyckeltal: ja\n")
    assert figures() == hidden


def test_one_broken_item_of_a_list_leaves_the_other_items_standing(
    repo: Path, tmp_path: Path
) -> None:
    """A misspelt läroplansområde in the second utvecklingsområde is a schema finding at
    its line; the first area still counts for the rules (SL4-5-nationella-mal asks for one
    area with a läroplansområde and passes); a rule that needs every area cannot judge,
    and its "?" names the broken item, not the whole list. The first area is rendered,
    the broken one marked in its place."""
    report = "units/testskolan/2025-26/kvalitetsrapport.md"
    replace_in(
        repo,
        report,
        "    insatser: [läslyftet, testskolan-läsfixare]\n",
        "    insatser: [läslyftet, testskolan-läsfixare]\n"
        "  - id: trygghet-2025-26\n"
        "    beskrivning: Tryggheten på rasterna.\n"
        "    varför: Trygghetsenkäten visar att rasterna upplevs otrygga.\n"
        "    läroplansområden: [normer_och_värdn]\n",
    )
    result = validate_repository(repo, None, YEAR, AFTER_YEAR)
    schema = [f for f in result.findings if f.path == report and f.severity.value == "fel"]
    assert [(f.line, "normer_och_värdn" in f.message) for f in schema] == [(18, True)]
    assert rule_messages(repo, "SL4-5-nationella-mal") == []
    [row] = [r for r in build_status(result).rows if r.id == "testskolan"]
    reasons = {r for c in row.cells.values() if c.mark is Mark.UNKNOWN for r in c.reasons}
    assert reasons == {f"'utvecklingsområden[2]' i {report} kunde inte läsas (se schemafelet)"}
    loaded = Repository(repo).model(report, Report)
    assert loaded is not None
    areas = loaded.meta.development_areas
    assert [type(a).__name__ for a in areas] == ["DevelopmentArea", "Gap"]
    out = tmp_path / "ut"
    built = build(
        repo, BuildOptions(out, formats=("html",), kinds=("enhetsrapport",), today=AFTER_YEAR)
    )
    assert built.ok, [f.message for f in built.findings]
    page = html_text(out / "2025-26/testskolan/kvalitetsrapport.html")
    assert "Läsflytet i åk 2 behöver stärkas" in page
    assert "kunde inte läsas" in page
