"""Publishing rules: each passes on the minimal repository and fails on a precise change."""

from __future__ import annotations

from pathlib import Path

from ska.findings import Severity
from tests.conftest import append, rule_findings, rule_messages, write

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
LAST_YEAR = "units/testskolan/2024-25/kvalitetsrapport.md"
RESULTS = "units/testskolan/2025-26/resultat/screening.csv"


# -- PUB-personnummer --------------------------------------------------------------------


def test_personnummer_passes(repo: Path) -> None:
    assert rule_messages(repo, "PUB-personnummer") == []


def test_personnummer_in_a_report(repo: Path) -> None:
    line = append(repo, REPORT, "\nEleven 121212-1212 har flyttat.\n")
    assert rule_messages(repo, "PUB-personnummer") == [
        (REPORT, line + 1, "Filen innehåller ett personnummer (121212-****).")
    ]


def test_personnummer_in_yaml_and_csv(repo: Path) -> None:
    yaml_line = append(repo, "units/testskolan/enhet.yaml", "# kontakt: 19121212 1212\n")
    csv_line = append(repo, RESULTS, "Läsflyt,ht2025,121272-1219,alla,1,12,\n")
    found = rule_findings(repo, "PUB-personnummer")
    assert [(f.path, f.line, f.column, f.severity, f.message) for f in found] == [
        (
            RESULTS,
            csv_line,
            16,
            Severity.ERROR,
            "Filen innehåller ett samordningsnummer (121272-****).",
        ),
        (
            "units/testskolan/enhet.yaml",
            yaml_line,
            12,
            Severity.ERROR,
            "Filen innehåller ett personnummer (19121212 ****).",
        ),
    ]


def test_personnummer_in_file_and_folder_names(repo: Path) -> None:
    """Names are published in every document's provenance and on the site: a number in
    one is a finding on that name – once for a folder, not for every file in it."""
    table = (repo / RESULTS).read_text(encoding="utf-8")
    write(repo, "units/testskolan/2025-26/resultat/121212-1212.csv", table)
    write(repo, "units/testskolan/bilder/elev 121212\u20131212/a.png", b"\x89PNG")
    write(repo, "units/testskolan/bilder/elev 121212\u20131212/b.png", b"\x89PNG")
    write(repo, "plans/bilder/19121212\u00a01212.png", b"\x89PNG")
    (repo / "units/testskolan/121272-1219").mkdir()  # empty: still a name in a listing
    found = rule_findings(repo, "PUB-personnummer")
    assert [(f.path, f.line, f.severity, f.message) for f in found] == [
        (
            "plans/bilder/19121212\u00a01212.png",
            None,
            Severity.ERROR,
            "Filnamnet innehåller ett personnummer (19121212\u00a0****.png).",
        ),
        (
            "units/testskolan/121272-1219",
            None,
            Severity.ERROR,
            "Mappnamnet innehåller ett samordningsnummer (121272-****).",
        ),
        (
            "units/testskolan/2025-26/resultat/121212-1212.csv",
            None,
            Severity.ERROR,
            "Filnamnet innehåller ett personnummer (121212-****.csv).",
        ),
        (
            "units/testskolan/bilder/elev 121212\u20131212",
            None,
            Severity.ERROR,
            "Mappnamnet innehåller ett personnummer (elev 121212\u2013****).",
        ),
    ]
    assert all("Byt namn" in f.hint for f in found)


def test_digits_in_names_that_are_no_number_pass(repo: Path) -> None:
    write(repo, "units/testskolan/bilder/39671234-2025.png", b"\x89PNG")  # skolenhetskod
    write(repo, "units/testskolan/bilder/121212-1213.png", b"\x89PNG")  # wrong check digit
    write(repo, "units/testskolan/bilder/20251212-12345.png", b"\x89PNG")  # too long
    assert rule_messages(repo, "PUB-personnummer") == []


# -- PUB-sma-grupper ---------------------------------------------------------------------


def test_small_groups_passes(repo: Path) -> None:
    assert rule_messages(repo, "PUB-sma-grupper") == []


def test_small_group_and_its_complement_are_noted(repo: Path) -> None:
    write(
        repo,
        RESULTS,
        "mått,termin,grupp,kön,antal,totalt,värde\n"
        "Läsflyt,ht2025,åk 2,flickor,3,4,\n"
        "Läsflyt,ht2025,åk 2,pojkar,12,21,\n"
        "Läsflyt,ht2025,åk 2,alla,15,25,\n"
        "Trygghetsindex,vt2026,alla,alla,,40,4.2\n",
    )
    found = rule_findings(repo, "PUB-sma-grupper")
    assert [(f.path, f.line, f.severity, f.message) for f in found] == [
        (
            RESULTS,
            2,
            Severity.INFO,
            "2 värden visas som .. i publicerade tabeller: rad 2 gäller grupper med färre "
            "än 10 och rad 3 skulle annars avslöja ett dolt värde (rad 3: värdet för flickor i "
            "åk 2 går annars att räkna ut ur andra värden).",
        ),
    ]


def test_small_groups_are_summarised_per_table(repo: Path) -> None:
    rows = "".join(f"Läsflyt,ht2025,åk {k},alla,3,{k + 2},\n" for k in (1, 2, 3, 5))
    write(repo, RESULTS, "mått,termin,grupp,kön,antal,totalt,värde\n" + rows)
    write(
        repo,
        RESULTS,
        (repo / RESULTS).read_text(encoding="utf-8") + "Läsflyt,ht2025,åk 9,alla,30,40,\n",
    )
    rows_after = "Läsflyt,ht2025,åk 6,alla,3,8,\n"
    write(repo, RESULTS, (repo / RESULTS).read_text(encoding="utf-8") + rows_after)
    assert rule_messages(repo, "PUB-sma-grupper") == [
        (
            RESULTS,
            2,
            "5 värden visas som .. i publicerade tabeller: raderna 2–5, 7 gäller grupper med "
            "färre än 10.",
        )
    ]


# -- PUB-kansliga-uppgifter --------------------------------------------------------------

SENSITIVE = """
## Elevhälsa
Två elever i klass 7B har åtgärdsprogram. Kuratorn har haft samtal med
Anna Berg om hennes situation. Elevhälsan arbetar förebyggande i alla årskurser.

```
Exempel i kod: klass 7B och åtgärdsprogram.
```

![Elever på utflykt](utflykt.jpg)

![Skolgården](gard.jpg){samtycke=ja}
"""


def test_sensitive_details_passes(repo: Path) -> None:
    assert rule_messages(repo, "PUB-kansliga-uppgifter") == []


def test_sensitive_details_in_the_report(repo: Path) -> None:
    line = append(repo, REPORT, SENSITIVE)
    append(repo, LAST_YEAR, SENSITIVE)  # an earlier läsår is not checked
    found = rule_findings(repo, "PUB-kansliga-uppgifter")
    assert {f.severity for f in found} == {Severity.WARNING}
    assert [(f.path, f.line, f.column, f.message) for f in found] == [
        (
            REPORT,
            line + 2,
            1,
            "Meningen nämner 'åtgärdsprogram' tillsammans med klass eller årskurs ('klass 7B'), "
            "vilket kan peka ut en enskild elev.",
        ),
        (
            REPORT,
            line + 2,
            43,
            "Meningen nämner 'Kuratorn' tillsammans med ett namn ('Anna Berg'), vilket kan "
            "peka ut en enskild elev.",
        ),
        (
            REPORT,
            line + 9,
            1,
            "Bilden 'utflykt.jpg' saknar uppgift om samtycke eller rättslig grund.",
        ),
    ]
