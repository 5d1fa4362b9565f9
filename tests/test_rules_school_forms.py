"""Follow-up, analysis and insatser judged per skolform, under today's and earlier names.

Sources: domain.md 0.2 (the 2023 renaming: grundsärskola → anpassad grundskola,
gymnasiesärskola → anpassad gymnasieskola; särvux within komvux) and the SL4-3-uppfoljning
row of its rule table (every skolform in huvudman.yaml followed up); Skolinspektionen's
decisions after tillsyn are issued per skolform ("Beslut för grundskola, grundsärskola och
fritidshem", listed on docplayer.se/amp/109302509) and criticise a huvudman whose
systematic quality work leaves a skolform out.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import replace_in, rule_messages

REPORT = "plans/2025-26/kvalitetsrapport.md"
ORGANISER = "plans/huvudman.yaml"
LÄSLYFTET = "plans/insatser/läslyftet.yaml"
FORMS = "skolformer: [förskoleklass, grundskola, fritidshem]"
RESULTS = (
    "På Testskolan har resultaten i svenska sjunkit i grundskolan. I förskoleklassen och "
    "fritidshemmet är\nresultaten oförändrade."
)


def _run_adapted_school(repo: Path, results: str) -> None:
    replace_in(repo, ORGANISER, FORMS, FORMS[:-1] + ", anpassad_grundskola]")
    replace_in(repo, REPORT, RESULTS, results)


def test_a_name_mentioned_once_is_not_a_follow_up(repo: Path) -> None:
    """Reviewers: the huvudman runs anpassad grundskola but its results are never followed
    up; a single mention of the name is what they criticised (domain.md 0.2, SL 4:3)."""
    _run_adapted_school(repo, RESULTS + " Huvudmannen driver även anpassad grundskola.")
    assert [m for _, _, m in rule_messages(repo, "SL4-3-uppfoljning")] == [
        "Uppföljningen nämner anpassad grundskola men redovisar inga resultat för den."
    ]
    # Remedied: the results of the skolform, under its pre-2023 name.
    replace_in(
        repo,
        REPORT,
        "Huvudmannen driver även anpassad grundskola.",
        "I grundsärskolan nådde 4 av 6 elever målen i svenska.",
    )
    assert rule_messages(repo, "SL4-3-uppfoljning") == []


def test_an_absent_form_is_named(repo: Path) -> None:
    _run_adapted_school(repo, RESULTS)
    assert [m for _, _, m in rule_messages(repo, "SL4-3-uppfoljning")] == [
        "Uppföljningen tar inte upp anpassad grundskola."
    ]


def test_a_combined_heading_follows_up_every_form_it_names(repo: Path) -> None:
    """A follow-up under a combined heading with the 2017 name (domain.md 0.2) passes."""
    _run_adapted_school(
        repo,
        "### Grundskola\nResultaten i svenska har sjunkit.\n\n"
        "### Förskoleklass, fritidshem och grundsärskola\n"
        "Barnen och eleverna trivs; lärarna har följt arbetet med observationer.\n",
    )
    assert rule_messages(repo, "SL4-3-uppfoljning") == []
    assert rule_messages(repo, "SL4-3-skolformer") == []


def test_a_stated_reason_for_no_results_counts(repo: Path) -> None:
    """Small groups: results are not published, and saying so is a follow-up (SL 4:3)."""
    _run_adapted_school(
        repo, RESULTS + " För anpassad grundskola redovisas inte resultat: gruppen är liten."
    )
    assert rule_messages(repo, "SL4-3-uppfoljning") == []


def test_grundskola_is_not_anpassad_grundskola(repo: Path) -> None:
    """'Anpassad grundskola' in a sentence does not follow up grundskola."""
    replace_in(
        repo,
        REPORT,
        RESULTS,
        "I anpassad grundskola har resultaten sjunkit. I förskoleklassen och fritidshemmet "
        "är resultaten oförändrade.",
    )
    assert [m for _, _, m in rule_messages(repo, "SL4-3-uppfoljning")] == [
        "Uppföljningen tar inte upp grundskola."
    ]


def test_old_names_for_every_form(repo: Path) -> None:
    """Gymnasiesärskola, särvux and fritids are today's anpassad gymnasieskola, komvux and
    fritidshem (domain.md 0.2)."""
    replace_in(
        repo,
        ORGANISER,
        FORMS,
        "skolformer: [grundskola, fritidshem, anpassad_gymnasieskola, komvux, förskoleklass]",
    )
    replace_in(
        repo,
        REPORT,
        RESULTS,
        "- Grundskolan: meritvärdet sjönk till 221.\n"
        "- Fritids: barnen trivs enligt enkäten.\n"
        "- Gymnasiesärskolan: alla elever fick gymnasiebevis.\n"
        "- Särvux: 12 elever slutförde kurser.\n"
        "- F-klass: screeningen visar oförändrade resultat.\n",
    )
    assert rule_messages(repo, "SL4-3-uppfoljning") == []


def test_analysis_that_skips_a_form(repo: Path) -> None:
    """The analysis treats skolformer one by one but leaves one out (SL 4:3, analysis of
    the causes per skolform; Skolverket's allmänna råd, domain.md)."""
    replace_in(
        repo,
        REPORT,
        "Nedgången beror sannolikt på att lästiden minskat.",
        "I grundskolan beror nedgången sannolikt på att lästiden minskat.",
    )
    assert [m for _, _, m in rule_messages(repo, "SL4-3-skolformer")] == [
        "Analysen tar upp skolformer var för sig men inte förskoleklass och fritidshem."
    ]
    replace_in(
        repo,
        REPORT,
        "lästiden minskat.",
        "lästiden minskat. I förskoleklassen och fritidshemmet är personalen densamma, "
        "vilket förklarar de jämna resultaten.",
    )
    assert rule_messages(repo, "SL4-3-skolformer") == []


def test_a_need_without_an_insats(repo: Path) -> None:
    """Results in a skolform fall and the huvudman decides nothing for it (SL 4:3: the
    huvudman carries out the åtgärder the analysis shows are needed)."""
    replace_in(repo, LÄSLYFTET, "[grundskola, förskoleklass]", "[förskoleklass]")
    assert [m for _, _, m in rule_messages(repo, "SL4-3-skolformer")] == [
        "Uppföljningen visar ett behov i grundskola, men ingen insats som huvudmannen "
        "beslutat gäller skolformen under läsåret 2025/26."
    ]
    # A stated reason clears it, as an insats for the form does.
    replace_in(
        repo,
        REPORT,
        "Läsförståelsen prioriteras.",
        "Läsförståelsen prioriteras. För grundskolan behövs ingen ny insats eftersom "
        "enheternas egna insatser pågår.",
    )
    assert rule_messages(repo, "SL4-3-skolformer") == []
    replace_in(repo, LÄSLYFTET, "[förskoleklass]", "[alla]")
    assert rule_messages(repo, "SL4-3-skolformer") == []


# Who decided: beslutad_av --------------------------------------------------------------

FIXARE = "units/testskolan/insatser/testskolan-läsfixare.yaml"


def test_an_insats_the_unit_decided_is_not_the_huvudmans(repo: Path) -> None:
    """Reviewers ask what the huvudman decided after its analysis, not what a rektor did
    (SL 4:3, the huvudman's duty; domain.md, the nämnd's role in the cycle)."""
    append_line = "beslutad_av: enhet\n"
    (repo / LÄSLYFTET).write_text(
        (repo / LÄSLYFTET).read_text(encoding="utf-8") + append_line, encoding="utf-8"
    )
    assert [m for _, _, m in rule_messages(repo, "SL4-3-insatser")] == [
        "Ingen insats på huvudmannanivå pågår under läsåret 2025/26."
    ]
    assert len(rule_messages(repo, "SL4-3-skolformer")) == 1
    # The nämnd decides the unit's insats for grundskola: the huvudman acted.
    replace_in(
        repo,
        FIXARE,
        "verksamhetsformer: [grundskola]",
        "verksamhetsformer: [grundskola]\nbeslutad_av: nämnd\n"
        'beslut: {organ: Barn- och utbildningsnämnden, datum: 2025-12-16, paragraf: "§ 143"}',
    )
    assert rule_messages(repo, "SL4-3-insatser") == []
    assert rule_messages(repo, "SL4-3-skolformer") == []
    assert rule_messages(repo, "SL4-3-insats-beslut") == []


def test_a_board_insats_names_its_decision(repo: Path) -> None:
    replace_in(
        repo,
        FIXARE,
        "verksamhetsformer: [grundskola]",
        "verksamhetsformer: [grundskola]\nbeslutad_av: nämnd",
    )
    assert [m for _, _, m in rule_messages(repo, "SL4-3-insats-beslut")] == [
        "Insatsen 'testskolan-läsfixare' anges beslutad av nämnden men hänvisar inte till beslutet."
    ]
