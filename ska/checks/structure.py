"""Checks of a file's structure: its schema, its place, the sections of a report, its
references to other files and the pictures it shows."""

from __future__ import annotations

from ska.checks.base import Check, Example, RuleClass
from ska.checks.minimal import (
    FLOW_CHART,
    FOCUS_AREAS,
    FOCUS_AREAS_TEXT,
    INITIATIVE,
    INITIATIVE_TEXT,
    NEW_UNIT,
    NEW_UNIT_TEXT,
    ORGANISER,
    ORGANISER_TEXT,
    PREVIOUS_REPORT,
    PREVIOUS_REPORT_TEXT,
    REPORT,
    REPORT_TEXT,
    RESULTS,
    RESULTS_TEXT,
    ROUTINE,
    ROUTINE_TEXT,
    SECOND_FOCUS_AREA,
    UNIT,
    UNIT_INITIATIVE,
    UNIT_INITIATIVE_TEXT,
    UNIT_TEXT,
    edited,
)
from ska.findings import Severity

E, W = Severity.ERROR, Severity.WARNING
SCHEMA, PLACE, REF = RuleClass.SCHEMA, RuleClass.PLACE, RuleClass.REFERENCE

_ANALYSIS = (
    "## Analys\nÖkningen jämfört med förra läsåret beror sannolikt på lästiden efter lunch.\n"
)
_SAFETY = "Tryggheten har ökat sedan rastvakterna blev fler."
_FLOW = "![Så går ett klagomål till: ta emot, utreda, åtgärda och återkoppla]"

SCHEMA_SAKNAS = Check(
    id="SCHEMA-saknas",
    rule_class=SCHEMA,
    title="En nyckel som krävs saknas",
    explanation="En del i en fil har nycklar som måste finnas, till exempel id, beskrivning "
    "och varför i varje utvecklingsområde. Vilka som krävs står i filens schema (ska "
    "schema) och i README. En nyckel som saknas överst i filen (t.ex. rektor i "
    "enhet.yaml) är inget schemafel: den bedöms av den regel som behöver uppgiften, med "
    "regelns allvarlighet, och skriv ej angivet när uppgiften inte finns.",
    severity=E,
    failing=Example(
        {
            REPORT: edited(
                REPORT_TEXT,
                ("    varför: Screeningen visar att var fjärde elev inte når gränsvärdet.\n", ""),
            )
        }
    ),
    passing=Example({REPORT: REPORT_TEXT}),
)
SCHEMA_OKAND_NYCKEL = Check(
    id="SCHEMA-okänd-nyckel",
    rule_class=SCHEMA,
    title="En nyckel som filen inte har",
    explanation="Nyckeln finns inte i filens schema. Oftast är det ett stavfel, och "
    "meddelandet föreslår den nyckel som liknar mest. Nycklar skrivs på svenska med å, ä "
    "och ö.",
    severity=E,
    failing=Example({UNIT: edited(UNIT_TEXT, ("rektor:", "rektr:"))}),
    passing=Example({UNIT: UNIT_TEXT}),
)
SCHEMA_VARDE = Check(
    id="SCHEMA-värde",
    rule_class=SCHEMA,
    title="Ett värde som inte är tillåtet",
    explanation="Värdet är inte ett av de tillåtna, eller ligger utanför det tillåtna "
    "intervallet, till exempel en status som inte finns, ett negativt antal eller ett läsår "
    "som inte skrivs ÅÅÅÅ/ÅÅ. Meddelandet säger vilka värden som går.",
    severity=E,
    failing=Example({UNIT: edited(UNIT_TEXT, ("typ: skolenhet", "typ: skola"))}),
    passing=Example({UNIT: UNIT_TEXT}),
)
SCHEMA_FORM = Check(
    id="SCHEMA-form",
    rule_class=SCHEMA,
    title="Ett värde med fel form",
    explanation="Värdet har inte den form som krävs: ett id med andra tecken än små "
    "bokstäver, siffror, - och _, eller en paragraf som inte skrivs § 142. Ett läsår, en "
    "termin, ett datum eller en skolenhetskod som är fel skriven är ett värde som inte är "
    "tillåtet (SCHEMA-värde).",
    severity=E,
    failing=Example(
        {
            FOCUS_AREAS: edited(
                FOCUS_AREAS_TEXT, ("id: språk-och-läsutveckling", "id: Språk och läsutveckling")
            )
        }
    ),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
SCHEMA_TYP = Check(
    id="SCHEMA-typ",
    rule_class=SCHEMA,
    title="Ett värde av fel slag",
    explanation="Där schemat väntar sig en lista, ett tal, ett datum eller text står något "
    "annat, till exempel en mening där en lista ska stå.",
    severity=E,
    failing=Example(
        {
            UNIT: edited(
                UNIT_TEXT,
                (
                    "[förskoleklass, grundskola, fritidshem]",
                    "förskoleklass, grundskola och fritidshem",
                ),
            )
        }
    ),
    passing=Example({UNIT: UNIT_TEXT}),
)
MD_RUBRIK = Check(
    id="MD-rubrik",
    rule_class=SCHEMA,
    title="En rubrik som liknar ett känt avsnitt",
    explanation="Rubriken liknar ett av rapportens avsnitt men stavas inte likadant, så "
    "den räknas inte som det avsnittet.",
    severity=W,
    failing=Example({REPORT: REPORT_TEXT + f"\n## Sammanfatning\n{_SAFETY}\n"}),
    passing=Example({REPORT: REPORT_TEXT + f"\n## Sammanfattning\n{_SAFETY}\n"}),
)
MD_AVSNITT_DUBBLETT = Check(
    id="MD-avsnitt-dubblett",
    rule_class=SCHEMA,
    title="Samma avsnitt två gånger",
    explanation="Ett avsnitt, till exempel Analys, står två gånger i samma rapport. Samla "
    "texten under en rubrik.",
    severity=W,
    failing=Example({REPORT: REPORT_TEXT + f"\n## Analys\n{_SAFETY}\n"}),
    passing=Example({REPORT: edited(REPORT_TEXT, ("efter lunch.\n", f"efter lunch. {_SAFETY}\n"))}),
)
MD_AVSNITT_SAKNAS = Check(
    id="MD-avsnitt-saknas",
    rule_class=SCHEMA,
    title="Ett avsnitt som rapporten ska ha saknas",
    explanation="En kvalitetsrapport har avsnitten Förutsättningar, Resultat, Analys och "
    "Utvecklingsområden (huvudmannens också Klagomål). När en rubrik liknar det avsnitt "
    "som saknas, t.ex. ## Analys och slutsatser, pekar fyndet på den rubrikens rad.",
    severity=E,
    failing=Example({REPORT: edited(REPORT_TEXT, (_ANALYSIS + "\n", ""))}),
    passing=Example({REPORT: REPORT_TEXT}),
)
PLATS_ENHET_SAKNAS = Check(
    id="PLATS-enhet-saknas",
    rule_class=PLACE,
    title="En enhetsmapp utan enhet.yaml",
    explanation="Varje mapp under units/ är en enhet och har en enhet.yaml med enhetens "
    "namn, typ, skolformer och rektor.",
    severity=E,
    failing=Example({UNIT: None}),
    passing=Example({UNIT: UNIT_TEXT}),
)
PLATS_TOM_MAPP = Check(
    id="PLATS-tom-mapp",
    rule_class=PLACE,
    title="En tom mapp",
    explanation="En tom mapp under plans/ eller units/ är oftast en rest. Ta bort den eller "
    "fyll den.",
    severity=W,
    failing=Example({"units/byskolan/": ""}),
    passing=Example({NEW_UNIT: NEW_UNIT_TEXT}),
)
PLATS_OKAND = Check(
    id="PLATS-okänd",
    rule_class=PLACE,
    title="En fil på en plats som ska inte känner till",
    explanation="Filens plats säger vad den är. En fil på en okänd plats kontrolleras inte, "
    "så den ger en varning i stället för tystnad.",
    severity=W,
    failing=Example({FOCUS_AREAS: None, "plans/fokusomraden.yml": FOCUS_AREAS_TEXT}),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT}),
)
PLATS_NAMN = Check(
    id="PLATS-namn",
    rule_class=PLACE,
    title="Ett fil- eller mappnamn som inte är ett id",
    explanation="Filnamn och mappnamn är id:n som andra filer hänvisar till: små bokstäver, "
    "siffror, - och _. Filer för ett kalenderår heter efter året, t.ex. 2026.yaml.",
    severity=E,
    failing=Example({INITIATIVE: None, "plans/insatser/Läslyftet 2026.yaml": INITIATIVE_TEXT}),
    passing=Example({INITIATIVE: INITIATIVE_TEXT}),
)
PLATS_LASAR = Check(
    id="PLATS-läsår",
    rule_class=PLACE,
    title="En mapp som inte är ett läsår",
    explanation="Läsårsmappar heter som läsåret med bindestreck, t.ex. 2025-26.",
    severity=E,
    failing=Example(
        {RESULTS: None, "units/testskolan/2025-2026/resultat/screening.csv": RESULTS_TEXT}
    ),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
PLATS_HUVUDMAN_SAKNAS = Check(
    id="PLATS-huvudman-saknas",
    rule_class=PLACE,
    title="plans/huvudman.yaml saknas",
    explanation="Repositoriets rot känns igen på plans/huvudman.yaml, som beskriver huvudmannen.",
    severity=E,
    failing=Example({ORGANISER: None}),
    passing=Example({ORGANISER: ORGANISER_TEXT}),
)
PLATS_UTANFOR = Check(
    id="PLATS-utanför",
    rule_class=PLACE,
    title="En sökväg utanför plans/ och units/",
    explanation="ska validate kontrollerar filer under plans/ och units/ (och ska.yaml). "
    "En annan sökväg kontrolleras inte.",
    severity=E,
    failing=Example(
        {"README.md": "# Testkommunens kvalitetsarbete\n"}, command="validate README.md"
    ),
    passing=Example({}, command="validate units/testskolan"),
)
REF_OKAND = Check(
    id="REF-okänd",
    rule_class=REF,
    title="En hänvisning till något som inte finns",
    explanation="Filen nämner en roll, ett mål, ett målområde, ett fokusområde, en "
    "skolform, en insats, en enhet, ett åtagande eller en risk som inte finns där den ska "
    "finnas. Meddelandet föreslår det som liknar mest.",
    severity=E,
    failing=Example(
        {UNIT_INITIATIVE: edited(UNIT_INITIATIVE_TEXT, ("ansvarig: rektor", "ansvarig: rektorn"))}
    ),
    passing=Example({UNIT_INITIATIVE: UNIT_INITIATIVE_TEXT}),
)
REF_DUBBLETT_ID = Check(
    id="REF-dubblett-id",
    rule_class=REF,
    title="Samma id två gånger",
    explanation="Ett id, till exempel ett måls eller en insats, ska vara unikt så att "
    "hänvisningar pekar ut en enda sak.",
    severity=E,
    failing=Example(
        {
            FOCUS_AREAS: FOCUS_AREAS_TEXT
            + edited(SECOND_FOCUS_AREA, ("trygghet-och-studiero", "språk-och-läsutveckling"))
        }
    ),
    passing=Example({FOCUS_AREAS: FOCUS_AREAS_TEXT + SECOND_FOCUS_AREA}),
)
REF_MALOMRADE = Check(
    id="REF-målområde",
    rule_class=REF,
    title="Ett målområde som enhetens läroplan inte har",
    explanation="Läroplanernas övergripande målområden skiljer sig mellan skolformerna. "
    "Ett målområde måste finnas i läroplanen för någon av enhetens skolformer.",
    severity=E,
    failing=Example(
        {REPORT: edited(REPORT_TEXT, ("[kunskaper]", "[uppföljning_och_utvärdering]"))}
    ),
    passing=Example({REPORT: REPORT_TEXT}),
)
REF_TIDIGARE_SAKNAS = Check(
    id="REF-tidigare-saknas",
    rule_class=REF,
    title="Förra läsårets rapport, som uppföljningen hänvisar till, finns inte",
    explanation="tidigare_utvecklingsområden följer upp utvecklingsområdena i förra "
    "läsårets kvalitetsrapport, med deras id. Finns inte den rapporten kan hänvisningarna "
    "inte kontrolleras. Ett id som inte finns i rapporten är en okänd hänvisning "
    "(REF-okänd).",
    severity=W,
    failing=Example({PREVIOUS_REPORT: None}),
    passing=Example({PREVIOUS_REPORT: PREVIOUS_REPORT_TEXT}),
)
RESULTAT_TERMIN = Check(
    id="RESULTAT-termin",
    rule_class=REF,
    title="En termin som inte hör till läsåret",
    explanation="En resultattabell i en läsårsmapp har terminerna ht och vt i just det "
    "läsåret, t.ex. ht2025 och vt2026 i 2025-26.",
    severity=E,
    failing=Example({RESULTS: RESULTS_TEXT.replace("ht2025", "ht2024")}),
    passing=Example({RESULTS: RESULTS_TEXT}),
)
BILD_EXTERN = Check(
    id="BILD-extern",
    rule_class=REF,
    title="En bild på webben",
    explanation="En bild i en rapport måste vara en fil i repositoriet. Bilder från webben "
    "hämtas aldrig när dokumenten byggs.",
    severity=E,
    failing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(https://www.example.se/bilder/klagomal.svg)\n"}
    ),
    passing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.svg)\n", "plans/klagomal.svg": FLOW_CHART}
    ),
)
BILD_UTANFOR = Check(
    id="BILD-utanför",
    rule_class=REF,
    title="En bild utanför repositoriet",
    explanation="En bild med absolut sökväg, en sökväg med .. ut ur repositoriet eller en "
    "länk som pekar utanför läses aldrig, så att ett bygge aldrig kan publicera andra "
    "filer på datorn.",
    severity=E,
    failing=Example({ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(/Users/karin/Bilder/klagomal.svg)\n"}),
    passing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.svg)\n", "plans/klagomal.svg": FLOW_CHART}
    ),
)
BILD_SAKNAS = Check(
    id="BILD-saknas",
    rule_class=REF,
    title="En bild som inte finns",
    explanation="Bildfilen finns inte. Sökvägen räknas från mappen där dokumentet ligger.",
    severity=E,
    failing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.png)\n", "plans/klagomal.svg": FLOW_CHART}
    ),
    passing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.svg)\n", "plans/klagomal.svg": FLOW_CHART}
    ),
)
BILD_FORMAT = Check(
    id="BILD-format",
    rule_class=REF,
    title="En fil som inte är en bild",
    explanation="En bild i en rapport är en PNG-, JPEG-, GIF-, WebP- eller SVG-fil på högst "
    "2 MiB. Vad filen är avgörs av innehållet, inte av namnet. SVG-bilder görs om till PNG "
    "innan de publiceras, så att ingen kod i dem kan följa med.",
    severity=E,
    failing=Example(
        {
            ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.png)\n",
            "plans/klagomal.png": "Flödesschemat ritas senare.\n",
        }
    ),
    passing=Example(
        {ROUTINE: ROUTINE_TEXT + f"\n{_FLOW}(klagomal.svg)\n", "plans/klagomal.svg": FLOW_CHART}
    ),
)
LANK_OTILLATEN = Check(
    id="LÄNK-otillåten",
    rule_class=REF,
    title="En länk som inte publiceras",
    explanation="En länk i en rapport får gå till webben (https: eller http:), till en "
    "e-postadress (mailto:), till en rubrik i samma dokument (#rubrik) eller till en annan "
    "kvalitetsrapport i repositoriet. Andra länkar, till exempel javascript: eller filer "
    "på datorn, tas bort ur det publicerade dokumentet och bara texten står kvar.",
    severity=E,
    failing=Example(
        {ROUTINE: ROUTINE_TEXT + "\nAnvänd [blanketten](file:///G:/Skola/klagomal.docx).\n"}
    ),
    passing=Example(
        {ROUTINE: ROUTINE_TEXT + "\nAnvänd [blanketten](https://www.kommunen.se/klagomal).\n"}
    ),
)
MALL_PLATSHALLARE = Check(
    id="MALL-platshållare",
    rule_class=SCHEMA,
    title="En platshållare som inte är ifylld",
    explanation="ska init och ska ny skriver det en människa ska fylla i som en "
    "platshållare: text inom <…> som börjar med stor bokstav, t.ex. <Kommunfullmäktiges "
    "vision, ordagrant>, eller en adress på example.se. Den är ett fel tills den ersatts "
    "med det riktiga innehållet, och ett dokument med en platshållare publiceras inte. "
    "Ett beslut som ännu inte är fattat skrivs med platshållare för datum och paragraf; "
    "ska hittar aldrig på ett beslut.",
    severity=E,
    failing=Example({UNIT: edited(UNIT_TEXT, ("rektor: Karin Alm", 'rektor: "<Rektors namn>"'))}),
    passing=Example({UNIT: UNIT_TEXT}),
)

CHECKS = (
    SCHEMA_SAKNAS,
    SCHEMA_OKAND_NYCKEL,
    SCHEMA_VARDE,
    SCHEMA_FORM,
    SCHEMA_TYP,
    MD_RUBRIK,
    MD_AVSNITT_DUBBLETT,
    MD_AVSNITT_SAKNAS,
    PLATS_ENHET_SAKNAS,
    PLATS_TOM_MAPP,
    PLATS_OKAND,
    PLATS_NAMN,
    PLATS_LASAR,
    PLATS_HUVUDMAN_SAKNAS,
    PLATS_UTANFOR,
    REF_OKAND,
    REF_DUBBLETT_ID,
    REF_MALOMRADE,
    REF_TIDIGARE_SAKNAS,
    RESULTAT_TERMIN,
    BILD_EXTERN,
    BILD_UTANFOR,
    BILD_SAKNAS,
    BILD_FORMAT,
    LANK_OTILLATEN,
    MALL_PLATSHALLARE,
)
