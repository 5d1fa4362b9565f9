"""Checks of reading a file: size, encoding, YAML, CSV and front-matter syntax.

A file that cannot be read cannot be checked any further, so these can never be turned
off (`RuleClass.FILE`), except the CSV layout, which is a schema.
"""

from __future__ import annotations

from ska.checks.base import Check, Example, RuleClass
from ska.checks.minimal import (
    FOCUS_AREAS,
    FOCUS_AREAS_TEXT,
    RESULTS,
    RESULTS_TEXT,
    ROUTINE,
    ROUTINE_TEXT,
    SECOND_FOCUS_AREA,
    UNIT,
    UNIT_TEXT,
    edited,
)
from ska.findings import Severity

E = Severity.ERROR
FILE = RuleClass.FILE
SCHEMA = RuleClass.SCHEMA

# A result table of every pupil's every answer: more than 2 MiB.
_HUGE_RESULTS = "mått,termin,grupp,kön,antal,totalt\n" + (
    "Svar i elevenkäten,vt2026,åk 4,alla,1,1\n" * 56_000
)
_DESCRIPTION = "beskrivning: Stärka språkkunskaper som grund för inlärning."
_GOAL_WITH_COLON = (
    _DESCRIPTION,
    "beskrivning: Mål: stärka språkkunskaper som grund för inlärning.",
)
_GOAL_QUOTED = (_DESCRIPTION, 'beskrivning: "Mål: stärka språkkunskaper som grund för inlärning."')

FIL_STORLEK = Check(
    id="FIL-storlek",
    rule_class=FILE,
    title="Filen är för stor",
    explanation="En fil i plans/ eller units/ får vara högst 2 MiB. Större filer läses "
    "inte, så att en enda fil inte kan göra kontrollen eller bygget långsamt eller slut "
    "på minne. Stora bilagor hör hemma utanför repositoriet.",
    severity=E,
    failing=Example({RESULTS: _HUGE_RESULTS}),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
FIL_TOM = Check(
    id="FIL-tom",
    rule_class=FILE,
    title="Filen är tom",
    explanation="En tom fil (eller en YAML-fil utan värden) säger ingenting och är oftast "
    "ett misstag. Fyll i innehållet eller ta bort filen.",
    severity=E,
    failing=Example({FOCUS_AREAS: "# Fokusområdena skrivs in när nämnden har beslutat.\n"}),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
FIL_KODNING = Check(
    id="FIL-kodning",
    rule_class=FILE,
    title="Filen är inte sparad som UTF-8",
    explanation="Alla textfiler sparas som UTF-8, med eller utan BOM, så att å, ä och ö "
    "blir rätt överallt. En fil sparad som Windows-1252 (Anteckningar, äldre Word) ger "
    "ett fel med bytepositionen.",
    severity=E,
    failing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}, encodings={FOCUS_AREAS: "cp1252"}),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
FIL_LASNING = Check(
    id="FIL-läsning",
    rule_class=FILE,
    title="Filen går inte att läsa",
    explanation="Filen finns men går inte att öppna, till exempel för att den saknar "
    "läsrättigheter, är en symbolisk länk ut ur repositoriet eller inte är en vanlig fil.",
    severity=E,
    failing=Example({}, links={RESULTS: "/etc/passwd"}),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
YAML_TABB = Check(
    id="YAML-tabb",
    rule_class=FILE,
    title="Indrag med tabb i YAML",
    explanation="YAML tillåter bara mellanslag i indrag. En tabb gör att filen inte går att läsa.",
    severity=E,
    failing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT.replace("\n    ", "\n\t")}),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
YAML_TECKEN = Check(
    id="YAML-tecken",
    rule_class=FILE,
    title="Ett tecken från Word som YAML inte läser som det ser ut",
    explanation="Text som klistrats in från Word eller en webbsida kan ha tecken som ser "
    "ut som vanliga men inte är det: hårda mellanslag (U+00A0) i indrag eller efter kolon, "
    "osynliga tecken med noll bredd (U+200B), mjuka bindestreck (U+00AD) och typografiska "
    "citattecken (” “ ’) runt ett värde. YAML läser dem inte som mellanslag och "
    "citattecken, så filen går inte att läsa, en nyckel blir okänd eller citattecknen "
    "publiceras som en del av texten. Meddelandet namnger tecknet och dess rad; ska fmt "
    "byter ut dem.",
    severity=E,
    failing=Example({UNIT: edited(UNIT_TEXT, ("rektor: Karin Alm", "rektor: ”Karin Alm”"))}),
    passing=Example({UNIT: edited(UNIT_TEXT, ("rektor: Karin Alm", 'rektor: "Karin Alm"'))}),
)
YAML_SYNTAX = Check(
    id="YAML-syntax",
    rule_class=FILE,
    title="YAML-filen går inte att läsa",
    explanation="Filen följer inte YAML:s syntax, till exempel ett kolon som saknas, "
    "fel indrag eller ett citattecken som inte stängs. Felet anges med rad och kolumn.",
    severity=E,
    failing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, _GOAL_WITH_COLON)}),
    passing=Example({FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, _GOAL_QUOTED)}),
)
YAML_ALIAS = Check(
    id="YAML-alias",
    rule_class=FILE,
    title="Ankare och alias i YAML",
    explanation="Ankare (&namn) och alias (*namn) används inte i ska:s filer. De gör "
    "filerna svåra att läsa för människor och kan användas för att få en liten fil att "
    "växa enormt när den läses (”billion laughs”).",
    severity=E,
    failing=Example(
        {
            FOCUS_AREAS: edited(FOCUS_AREAS_TEXT, ("period: {", "period: &period {"))
            + SECOND_FOCUS_AREA.replace("{från: 2026, till: 2028}", "*period")
        }
    ),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT + SECOND_FOCUS_AREA}),
)
YAML_NYCKEL = Check(
    id="YAML-nyckel",
    rule_class=FILE,
    title="En nyckel som inte är ett ord",
    explanation="Nycklar i ska:s YAML-filer är ord, till exempel namn eller åtgärder. En "
    "lista eller en samling som nyckel är nästan alltid ett skrivfel, till exempel en "
    "nyckel och ett värde som har bytt plats.",
    severity=E,
    failing=Example(
        {
            UNIT: edited(
                UNIT_TEXT,
                (
                    "skolformer: [förskoleklass, grundskola, fritidshem]",
                    "[förskoleklass, grundskola, fritidshem]: skolformer",
                ),
            )
        }
    ),
    passing=Example({UNIT: UNIT_TEXT}),
)
YAML_DUBBLETT = Check(
    id="YAML-dubblett",
    rule_class=FILE,
    title="Samma nyckel två gånger",
    explanation="YAML skulle tyst behålla bara det sista värdet när samma nyckel står två "
    "gånger i samma avsnitt, så det första försvinner utan varning.",
    severity=E,
    failing=Example(
        {
            UNIT: edited(
                UNIT_TEXT, ("rektor: Karin Alm\n", "rektor: Karin Alm\nrektor: Jonas Berg\n")
            )
        }
    ),
    passing=Example({UNIT: edited(UNIT_TEXT, ("rektor: Karin Alm", "rektor: Jonas Berg"))}),
)
YAML_TAGG = Check(
    id="YAML-tagg",
    rule_class=FILE,
    title="En YAML-tagg",
    explanation="Taggar som !!python/object eller !ref används inte i ska:s filer och "
    "läses aldrig som kod.",
    severity=E,
    failing=Example({FOCUS_AREAS: "fokusområden: !include fokusomraden-2026.yaml\n"}),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
YAML_VARDE = Check(
    id="YAML-värde",
    rule_class=FILE,
    title="Ett värde som YAML inte kan läsa",
    explanation="Värdet går inte att tolka, till exempel ett datum som inte finns.",
    severity=E,
    failing=Example({UNIT: edited(UNIT_TEXT, ("2015-07-01", "2015-02-30"))}),
    passing=Example({UNIT: UNIT_TEXT}),
)
MD_FRONTMATTER = Check(
    id="MD-frontmatter",
    rule_class=FILE,
    title="Metadata överst i en Markdown-fil",
    explanation="En rapport börjar med metadata mellan två rader med tre bindestreck "
    "(---). Saknas den, eller är den inte giltig YAML, går rapportens uppgifter inte att "
    "läsa.",
    severity=E,
    failing=Example({ROUTINE: ROUTINE_TEXT[ROUTINE_TEXT.index("---\nKlagomål") + 4 :]}),
    passing=Example({ROUTINE: ROUTINE_TEXT}),
)
MD_INVECKLAD = Check(
    id="MD-invecklad",
    rule_class=FILE,
    title="Texten är för invecklad för att läsas",
    explanation="Markdown-texten har fler tecken för länkar, bilder och kod ([ ] < > ! & `) "
    "än någon rapport behöver (över 20 000), eller hakparenteser inuti varandra i mer än "
    "64 nivåer. En sådan text skulle ta minuter att läsa, så den läses inte alls och "
    "publiceras inte. Oftast är det inklistrad kod eller data.",
    severity=E,
    failing=Example({ROUTINE: ROUTINE_TEXT + "\n" + "[" * 100 + "\n"}),
    passing=Example({ROUTINE: ROUTINE_TEXT + "\n[Skollagen](https://www.riksdagen.se)\n"}),
)
CSV_RUBRIK = Check(
    id="CSV-rubrik",
    rule_class=FILE,
    title="Tabellen saknar rubrikrad",
    explanation="En resultattabell börjar med en rubrikrad som namnger kolumnerna, till "
    "exempel mått,termin,grupp,kön,antal,totalt. När ingen cell på den första raden är "
    "ett kolumnnamn men någon är ett tal, är raden data och rubrikraden saknas.",
    severity=E,
    failing=Example({RESULTS: RESULTS_TEXT[RESULTS_TEXT.index("\n") + 1 :]}),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
CSV_KODNING = Check(
    id="CSV-kodning",
    rule_class=FILE,
    title="En tabell som Excel sparat i Windows-1252",
    explanation="Excel sparar CSV (semikolonavgränsad) i Windows-1252 och Unicode-text i "
    "UTF-16. ska läser en resultattabell i de kodningarna precis som importen gör, och "
    "säger till så att man kan kontrollera å, ä och ö. Spara helst som CSV UTF-8 i Excel.",
    severity=Severity.INFO,
    failing=Example(
        {RESULTS: RESULTS_TEXT.replace(",", ";").replace("Läsflyt", "Läsflyt åäö")},
        encodings={RESULTS: "cp1252"},
    ),
    passing=Example({RESULTS: RESULTS_TEXT.replace(",", ";")}),
)
CSV_KOLUMN = Check(
    id="CSV-kolumn",
    rule_class=SCHEMA,
    title="Okänd eller saknad kolumn",
    explanation="En resultattabell har kolumnerna mått, termin, grupp, kön, totalt och "
    "antingen antal eller värde, och får ha tillfälle, ämne, årskurs och typ. En okänd "
    "kolumn är ofta ett stavfel.",
    severity=E,
    failing=Example({RESULTS: edited(RESULTS_TEXT, (",kön,", ",kon,"))}),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
CSV_RAD = Check(
    id="CSV-rad",
    rule_class=SCHEMA,
    title="En rad i tabellen stämmer inte",
    explanation="En rad har inte lika många celler som rubrikraden, oftast för att en text "
    "med kommatecken inte står inom citattecken, eller går inte att läsa. Ett värde av fel "
    "slag i en cell, till exempel text där ett antal ska stå, är ett schemafel "
    "(SCHEMA-typ, SCHEMA-värde).",
    severity=E,
    failing=Example(
        {RESULTS: RESULTS_TEXT.replace("Trygghetsindex,", "Trygghetsindex, skala 1–5,")}
    ),
    passing=Example(
        {RESULTS: RESULTS_TEXT.replace("Trygghetsindex,", '"Trygghetsindex, skala 1–5",')}
    ),
)

CHECKS = (
    FIL_STORLEK,
    FIL_TOM,
    FIL_KODNING,
    FIL_LASNING,
    YAML_TABB,
    YAML_TECKEN,
    YAML_SYNTAX,
    YAML_ALIAS,
    YAML_NYCKEL,
    YAML_DUBBLETT,
    YAML_TAGG,
    YAML_VARDE,
    MD_FRONTMATTER,
    MD_INVECKLAD,
    CSV_RUBRIK,
    CSV_KODNING,
    CSV_KOLUMN,
    CSV_RAD,
)
