"""Checks of a file's structure: its schema, its place, the sections of a report, its
references to other files and the pictures it shows."""

from __future__ import annotations

from ska.checks.base import Check, Example, RuleClass
from ska.findings import Severity

E, W = Severity.ERROR, Severity.WARNING
SCHEMA, PLACE, REF = RuleClass.SCHEMA, RuleClass.PLACE, RuleClass.REFERENCE

_UNIT = "units/testskolan/enhet.yaml"
_UNIT_TEXT = """namn: Testskolan
typ: skolenhet
skolformer: [förskoleklass, grundskola, fritidshem]
rektor: Karin Alm
skolenhetskod: "39671234"
årskurser: F–6
aktiv_från: 2015-07-01
"""

SCHEMA_SAKNAS = Check(
    id="SCHEMA-saknas",
    rule_class=SCHEMA,
    title="En nyckel som krävs saknas",
    explanation="Varje sorts fil har nycklar som måste finnas, till exempel namn och "
    "rektor i enhet.yaml. Vilka som krävs står i filens schema (ska schema) och i README.",
    severity=E,
)
SCHEMA_OKAND_NYCKEL = Check(
    id="SCHEMA-okänd-nyckel",
    rule_class=SCHEMA,
    title="En nyckel som filen inte har",
    explanation="Nyckeln finns inte i filens schema. Oftast är det ett stavfel, och "
    "meddelandet föreslår den nyckel som liknar mest. Nycklar skrivs på svenska med å, ä "
    "och ö.",
    severity=E,
    failing=Example({_UNIT: _UNIT_TEXT.replace("rektor:", "rektr:")}),
    passing=Example({_UNIT: _UNIT_TEXT}),
)
SCHEMA_VARDE = Check(
    id="SCHEMA-värde",
    rule_class=SCHEMA,
    title="Ett värde som inte är tillåtet",
    explanation="Värdet är inte ett av de tillåtna, eller ligger utanför det tillåtna "
    "intervallet, till exempel en status som inte finns eller ett negativt antal.",
    severity=E,
)
SCHEMA_FORM = Check(
    id="SCHEMA-form",
    rule_class=SCHEMA,
    title="Ett värde med fel form",
    explanation="Värdet har inte den form som krävs, till exempel ett läsår som inte "
    "skrivs ÅÅÅÅ/ÅÅ, en termin som inte skrivs ht2025 eller ett id med tecken som inte "
    "får förekomma.",
    severity=E,
)
SCHEMA_TYP = Check(
    id="SCHEMA-typ",
    rule_class=SCHEMA,
    title="Ett värde av fel slag",
    explanation="Där schemat väntar sig en lista, ett tal, ett datum eller text står något "
    "annat, till exempel en mening där en lista ska stå.",
    severity=E,
)
MD_RUBRIK = Check(
    id="MD-rubrik",
    rule_class=SCHEMA,
    title="En rubrik som liknar ett känt avsnitt",
    explanation="Rubriken liknar ett av rapportens avsnitt men stavas inte likadant, så "
    "den räknas inte som det avsnittet.",
    severity=W,
)
MD_AVSNITT_DUBBLETT = Check(
    id="MD-avsnitt-dubblett",
    rule_class=SCHEMA,
    title="Samma avsnitt två gånger",
    explanation="Ett avsnitt, till exempel Analys, står två gånger i samma rapport. Samla "
    "texten under en rubrik.",
    severity=W,
)
MD_AVSNITT_SAKNAS = Check(
    id="MD-avsnitt-saknas",
    rule_class=SCHEMA,
    title="Ett avsnitt som rapporten ska ha saknas",
    explanation="En kvalitetsrapport har avsnitten Förutsättningar, Resultat, Analys och "
    "Utvecklingsområden (huvudmannens också Klagomål).",
    severity=E,
)
PLATS_ENHET_SAKNAS = Check(
    id="PLATS-enhet-saknas",
    rule_class=PLACE,
    title="En enhetsmapp utan enhet.yaml",
    explanation="Varje mapp under units/ är en enhet och har en enhet.yaml med enhetens "
    "namn, typ, skolformer och rektor.",
    severity=E,
)
PLATS_TOM_MAPP = Check(
    id="PLATS-tom-mapp",
    rule_class=PLACE,
    title="En tom mapp",
    explanation="En tom mapp under plans/ eller units/ är oftast en rest. Ta bort den eller "
    "fyll den.",
    severity=W,
)
PLATS_OKAND = Check(
    id="PLATS-okänd",
    rule_class=PLACE,
    title="En fil på en plats som ska inte känner till",
    explanation="Filens plats säger vad den är. En fil på en okänd plats kontrolleras inte, "
    "så den ger en varning i stället för tystnad.",
    severity=W,
)
PLATS_NAMN = Check(
    id="PLATS-namn",
    rule_class=PLACE,
    title="Ett fil- eller mappnamn som inte är ett id",
    explanation="Filnamn och mappnamn är id:n som andra filer hänvisar till: små bokstäver, "
    "siffror, - och _. Filer för ett kalenderår heter efter året, t.ex. 2026.yaml.",
    severity=E,
)
PLATS_LASAR = Check(
    id="PLATS-läsår",
    rule_class=PLACE,
    title="En mapp som inte är ett läsår",
    explanation="Läsårsmappar heter som läsåret med bindestreck, t.ex. 2025-26.",
    severity=E,
)
PLATS_HUVUDMAN_SAKNAS = Check(
    id="PLATS-huvudman-saknas",
    rule_class=PLACE,
    title="plans/huvudman.yaml saknas",
    explanation="Repositoriets rot känns igen på plans/huvudman.yaml, som beskriver huvudmannen.",
    severity=E,
)
PLATS_UTANFOR = Check(
    id="PLATS-utanför",
    rule_class=PLACE,
    title="En sökväg utanför plans/ och units/",
    explanation="ska validate kontrollerar filer under plans/ och units/ (och ska.yaml). "
    "En annan sökväg kontrolleras inte.",
    severity=E,
)
REF_OKAND = Check(
    id="REF-okänd",
    rule_class=REF,
    title="En hänvisning till något som inte finns",
    explanation="Filen nämner en roll, ett mål, ett målområde, ett fokusområde, en "
    "skolform, en insats, en enhet, ett åtagande eller en risk som inte finns där den ska "
    "finnas. Meddelandet föreslår det som liknar mest.",
    severity=E,
)
REF_DUBBLETT_ID = Check(
    id="REF-dubblett-id",
    rule_class=REF,
    title="Samma id två gånger",
    explanation="Ett id, till exempel ett måls eller en insats, ska vara unikt så att "
    "hänvisningar pekar ut en enda sak.",
    severity=E,
)
REF_MALOMRADE = Check(
    id="REF-målområde",
    rule_class=REF,
    title="Ett målområde som enhetens läroplan inte har",
    explanation="Läroplanernas övergripande målområden skiljer sig mellan skolformerna. "
    "Ett målområde måste finnas i läroplanen för någon av enhetens skolformer.",
    severity=E,
)
REF_TIDIGARE_SAKNAS = Check(
    id="REF-tidigare-saknas",
    rule_class=REF,
    title="Ett utvecklingsområde från förra läsåret som inte finns",
    explanation="Uppföljningen av förra läsårets utvecklingsområden hänvisar till id:n i "
    "förra läsårets kvalitetsrapport.",
    severity=W,
)
RESULTAT_TERMIN = Check(
    id="RESULTAT-termin",
    rule_class=REF,
    title="En termin som inte hör till läsåret",
    explanation="En resultattabell i en läsårsmapp har terminerna ht och vt i just det "
    "läsåret, t.ex. ht2025 och vt2026 i 2025-26.",
    severity=E,
)
BILD_EXTERN = Check(
    id="BILD-extern",
    rule_class=REF,
    title="En bild på webben",
    explanation="En bild i en rapport måste vara en fil i repositoriet. Bilder från webben "
    "hämtas aldrig när dokumenten byggs.",
    severity=E,
)
BILD_UTANFOR = Check(
    id="BILD-utanför",
    rule_class=REF,
    title="En bild utanför repositoriet",
    explanation="En bild med absolut sökväg, en sökväg med .. ut ur repositoriet eller en "
    "länk som pekar utanför läses aldrig, så att ett bygge aldrig kan publicera andra "
    "filer på datorn.",
    severity=E,
)
BILD_SAKNAS = Check(
    id="BILD-saknas",
    rule_class=REF,
    title="En bild som inte finns",
    explanation="Bildfilen finns inte. Sökvägen räknas från mappen där dokumentet ligger.",
    severity=E,
)
BILD_FORMAT = Check(
    id="BILD-format",
    rule_class=REF,
    title="En fil som inte är en bild",
    explanation="En bild i en rapport är en PNG-, JPEG-, GIF-, WebP- eller SVG-fil på högst "
    "2 MiB. Vad filen är avgörs av innehållet, inte av namnet. SVG-bilder görs om till PNG "
    "innan de publiceras, så att ingen kod i dem kan följa med.",
    severity=E,
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
)
