"""Checks of the configuration and of the commands that write: the import, the build,
`ska fmt` and `ska diff`."""

from __future__ import annotations

from ska.checks.base import Check, Example, RuleClass
from ska.checks.minimal import (
    CONFIG as SKA_YAML,
)
from ska.checks.minimal import (
    MAPPING,
    RESULTS,
    RESULTS_TEXT,
    SOURCE,
    SOURCE_TEXT,
    UNIT_INITIATIVE,
    UNIT_INITIATIVE_TEXT,
    YEAR_WHEEL,
    YEAR_WHEEL_TEXT,
    edited,
)
from ska.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
CONFIG, IMPORT, BUILD, TOOL = (
    RuleClass.CONFIG,
    RuleClass.IMPORT,
    RuleClass.BUILD,
    RuleClass.TOOL,
)

_IMPORT = f"resultat importera {SOURCE} --mappning {MAPPING}"
_EXCEPTION = """\
undantag:
  - regel: AR-analys-trend
    enhet: testskolan
    skäl: Enheten byggdes om och har inga jämförbara resultat från tidigare läsår.
    gäller_till: {}
"""
_OWN_APPENDIX = "templates/underlag.md.j2"
_APPENDIX = """\
# Underlag

Dokumentet bygger på {} filer i kommunens repositorium.
"""
_OWN_STYLE = "templates/html/ska.css"
_OWN_WORD = "templates/referens.docx"  # the Word reference document a kommun may replace
_STYLE = "/* Kommunens färger. */\nbody { color: #1a1a1a; }\nh1 { color: #0b5cab; }\n"
_FORMS = "verksamhetsformer: [grundskola]"
_FORMS_COMMENTED = "verksamhetsformer: [grundskola,  # fritidshemmet från januari\n  fritidshem]"
_FORMS_COMMENT_ABOVE = "# Fritidshemmet från januari.\nverksamhetsformer: [grundskola, fritidshem]"

KONFIG_OGILTIG = Check(
    id="KONFIG-ogiltig",
    rule_class=CONFIG,
    title="ska.yaml går inte att läsa",
    explanation="När ska.yaml har fel körs reglerna utan dess förinställningar, "
    "allvarligheter och undantag, tills felen i filen är rättade.",
    severity=W,
    failing=Example({SKA_YAML: "regler:\n  AR-analys-trend: avstängd\n"}),
    passing=Example({SKA_YAML: "regler:\n  AR-analys-trend: av\n"}),
)
KONFIG_FORINSTALLNING = Check(
    id="KONFIG-förinställning",
    rule_class=CONFIG,
    title="En förinställning som inte finns",
    explanation="förinställningar i ska.yaml namnger kommuner vars lokala regler ska "
    "gälla. ska regler visar vilka som finns.",
    severity=E,
    failing=Example({SKA_YAML: "förinställningar: [svenljunga-2026]\n"}),
    passing=Example({SKA_YAML: "förinställningar: [svenljunga]\n"}),
)
KONFIG_REGEL = Check(
    id="KONFIG-regel",
    rule_class=CONFIG,
    title="En regel som inte finns, eller som inte kan ändras",
    explanation="regler och undantag i ska.yaml namnger regler med deras id, som ska "
    "regler visar. Fel i en fil som inte går att läsa kan inte stängas av.",
    severity=E,
    failing=Example({SKA_YAML: "regler:\n  AR-analys-trender: av\n"}),
    passing=Example({SKA_YAML: "regler:\n  AR-analys-trend: av\n"}),
)
KONFIG_UNDANTAG_UTGANGET = Check(
    id="KONFIG-undantag-utgånget",
    rule_class=CONFIG,
    title="Ett undantag som har gått ut",
    explanation="Ett undantag gäller till ett datum. Därefter gäller regeln igen, och "
    "undantaget ska tas bort eller förlängas med ett nytt skäl.",
    severity=W,
    failing=Example({SKA_YAML: _EXCEPTION.format("2026-06-30")}),
    passing=Example({SKA_YAML: _EXCEPTION.format("2026-12-31")}),
)
KONFIG_UNDANTAG_ONODIGT = Check(
    id="KONFIG-undantag-onödigt",
    rule_class=CONFIG,
    title="Ett undantag som inte behövs",
    explanation="När läsåret är slut och regeln inte hittar något att undanta behövs "
    "undantaget inte längre.",
    severity=INFO,
    failing=Example({SKA_YAML: _EXCEPTION.format("2026-12-31")}),
    passing=Example({SKA_YAML: "undantag: []\n"}),
)
IMPORT_KALLA = Check(
    id="IMPORT-källa",
    rule_class=IMPORT,
    title="Källfilen går inte att importera",
    explanation="Filen som ska importeras går inte att läsa, är tom eller är större än "
    "gränsen på 64 MiB.",
    severity=E,
    failing=Example({SOURCE: ""}, command=_IMPORT),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_KODNING = Check(
    id="IMPORT-kodning",
    rule_class=IMPORT,
    title="Källfilen är inte sparad som UTF-8",
    explanation="Källfilen lästes med en annan teckenkodning (till exempel Windows-1252 "
    "från Excel). Kontrollera att å, ä och ö blev rätt.",
    severity=INFO,
    failing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT, encodings={SOURCE: "cp1252"}),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_KOLUMN = Check(
    id="IMPORT-kolumn",
    rule_class=IMPORT,
    title="En kolumn som mappningen nämner saknas i källan",
    explanation="Importmappningen hämtar en kolumn som källfilen inte har, eller källan "
    "saknar rubrikrad efter de rader som hoppas över.",
    severity=E,
    failing=Example(
        {SOURCE: edited(SOURCE_TEXT, ("Över gränsvärdet;", "Över gräns;"))}, command=_IMPORT
    ),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_RAD = Check(
    id="IMPORT-rad",
    rule_class=IMPORT,
    title="En rad i källan går inte att importera",
    explanation="Raden har fel antal värden, ett värde som inte går att översätta, eller "
    "ger samma resultat som en annan rad.",
    severity=E,
    failing=Example(
        {SOURCE: SOURCE_TEXT + "Källa: elevsystemet, uttag 2026-01-15\n"}, command=_IMPORT
    ),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_FIL = Check(
    id="IMPORT-fil",
    rule_class=IMPORT,
    title="Resultatfilen går inte att läsa eller skriva",
    explanation="Importen slår ihop nya rader med den befintliga resultatfilen. Går den "
    "inte att läsa eller skriva, skrivs ingenting.",
    severity=E,
    failing=Example(
        {SOURCE: SOURCE_TEXT, RESULTS: edited(RESULTS_TEXT, (",kön,", ",kon,"))}, command=_IMPORT
    ),
    passing=Example({SOURCE: SOURCE_TEXT, RESULTS: RESULTS_TEXT}, command=_IMPORT),
)
IMPORT_MAPPNING = Check(
    id="IMPORT-mappning",
    rule_class=IMPORT,
    title="Importmappningen finns inte",
    explanation="En importmappning är en YAML-fil i plans/import/ som säger hur källans "
    "kolumner blir ska:s (docs/import.md).",
    severity=E,
    failing=Example(
        {SOURCE: SOURCE_TEXT}, command=_IMPORT.replace("screening.yaml", "screeningen.yaml")
    ),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_ENHET = Check(
    id="IMPORT-enhet",
    rule_class=IMPORT,
    title="En enhet som inte känns igen",
    explanation="Källans enhet ska vara enhetens id, namn eller skolenhetskod.",
    severity=E,
    failing=Example({SOURCE: SOURCE_TEXT.replace("Testskolan;", "Testskola;")}, command=_IMPORT),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
IMPORT_SKYDDAD = Check(
    id="IMPORT-skyddad",
    rule_class=IMPORT,
    title="Skyddade uppgifter hoppades över",
    explanation="Rader där uppgiften är skyddad (.. eller liknande, för få elever) går "
    "inte att importera och saknas i resultatet.",
    severity=INFO,
    failing=Example(
        {SOURCE: SOURCE_TEXT + "Testskolan;HT2025;åk 3;Flickor;..;..\n"}, command=_IMPORT
    ),
    passing=Example({SOURCE: SOURCE_TEXT}, command=_IMPORT),
)
BYGG_MALL = Check(
    id="BYGG-mall",
    rule_class=BUILD,
    title="En mall går inte att använda",
    explanation="En mall i templates/ har ett syntaxfel, finns inte eller använder en "
    "variabel som inte finns. Felet anges med mallens fil och rad.",
    severity=E,
    failing=Example(
        {_OWN_APPENDIX: _APPENDIX.format("{{ underlag.kallor | length }}")}, command="build arshjul"
    ),
    passing=Example(
        {_OWN_APPENDIX: _APPENDIX.format("{{ underlag.källor | length }}")}, command="build arshjul"
    ),
)
BYGG_KONVERTERING = Check(
    id="BYGG-konvertering",
    rule_class=BUILD,
    title="Pandoc eller Typst kunde inte skapa dokumentet",
    explanation="Dokumentets Markdown gick inte att göra till PDF, webbsida eller Word, "
    "till exempel för att kommunens egen Word-mall (templates/referens.docx) inte är ett "
    "Word-dokument.",
    severity=E,
    failing=Example(
        {_OWN_WORD: "Kommunens mall, sparad som text.\n"}, command="build arshjul --format docx"
    ),
    passing=Example({_OWN_STYLE: _STYLE}, command="build arshjul --format docx"),
)
BYGG_KALLA = Check(
    id="BYGG-källa",
    rule_class=BUILD,
    title="Ett dokument byggs inte",
    explanation="Källan går inte att läsa alls (den är inte giltig YAML, saknar metadata "
    "överst eller är fel som helhet), så dokumentet byggs inte förrän felen är rättade. "
    "Bygget säger vilket dokument det hoppade över och varför, och bygger resten. En källa "
    "där bara en del är fel byggs, med en synlig markering där uppgiften saknas.",
    severity=E,
    failing=Example(
        {YEAR_WHEEL: edited(YEAR_WHEEL_TEXT, ("händelser:", "händelser: ]"))},
        command="build arshjul",
    ),
    passing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT}, command="build arshjul"),
)
_WITH_LOGO = "# Testkommunens konfiguration.\ninställningar:\n  logotyp: plans/logotyp.svg\n"
_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    '<rect width="120" height="40" fill="#0b5cab"/></svg>\n'
)
BYGG_LOGOTYP = Check(
    id="BYGG-logotyp",
    rule_class=BUILD,
    title="Logotypen går inte att använda",
    explanation="inställningar: logotyp i ska.yaml pekar på kommunens logotyp, en PNG-, "
    "JPEG- eller SVG-fil i repositoriet, som visas på försättsbladet i PDF och överst på "
    "webbsidorna (i Word kommer logotypen från kommunens egen templates/referens.docx). "
    "En fil som saknas, ligger utanför repositoriet, inte är en bild eller är en SVG som "
    "skulle kunna köra kod ger en varning, och dokumenten byggs utan logotyp.",
    severity=W,
    failing=Example({SKA_YAML: _WITH_LOGO}, command="build arshjul --format html"),
    passing=Example(
        {SKA_YAML: _WITH_LOGO, "plans/logotyp.svg": _LOGO}, command="build arshjul --format html"
    ),
)
BYGG_PUBLICERING = Check(
    id="BYGG-publicering",
    rule_class=BUILD,
    title="Ett dokument publiceras inte",
    explanation="Innan ett dokument skrivs kontrolleras det som ska publiceras, vilken väg "
    "texten än har tagit dit: ett dokument som innehåller ett personnummer eller ett "
    "samordningsnummer publiceras inte, och en webbsida eller bild som skulle kunna köra "
    "kod i en webbläsare skrivs aldrig.",
    severity=E,
    failing=Example(
        {
            YEAR_WHEEL: edited(
                YEAR_WHEEL_TEXT,
                ("namn: Förutsättningsdialog", "namn: Förutsättningsdialog med 121212-1212"),
            )
        },
        command="build arshjul",
    ),
    passing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT}, command="build arshjul"),
)
FMT_OSAKER = Check(
    id="FMT-osäker",
    rule_class=TOOL,
    title="ska fmt lämnar filen som den är",
    explanation="ska fmt ändrar bara filer som det kan skriva om utan att något går "
    "förlorat. En fil med fel eller konstruktioner det inte känner lämnas orörd.",
    severity=E,
    failing=Example(
        {
            UNIT_INITIATIVE: edited(
                UNIT_INITIATIVE_TEXT,
                (
                    _FORMS,
                    _FORMS_COMMENTED,
                ),
            )
        },
        command="fmt",
    ),
    passing=Example(
        {
            UNIT_INITIATIVE: edited(
                UNIT_INITIATIVE_TEXT,
                (
                    _FORMS,
                    _FORMS_COMMENT_ABOVE,
                ),
            )
        },
        command="fmt",
    ),
)
HISTORIK_OLASLIG = Check(
    id="HISTORIK-oläslig",
    rule_class=TOOL,
    title="En version av filen går inte att läsa",
    explanation="ska diff jämför två versioner. När filen inte går att läsa i den ena "
    "jämförs den inte.",
    severity=W,
    failing=Example(
        {
            UNIT_INITIATIVE: edited(
                UNIT_INITIATIVE_TEXT, (_FORMS, "verksamhetsformer: [grundskola, fritidshem")
            )
        },
        command="diff HEAD",
        git=True,
    ),
    passing=Example(
        {
            UNIT_INITIATIVE: edited(
                UNIT_INITIATIVE_TEXT, (_FORMS, "verksamhetsformer: [grundskola, fritidshem]")
            )
        },
        command="diff HEAD",
        git=True,
    ),
)

CHECKS = (
    KONFIG_OGILTIG,
    KONFIG_FORINSTALLNING,
    KONFIG_REGEL,
    KONFIG_UNDANTAG_UTGANGET,
    KONFIG_UNDANTAG_ONODIGT,
    IMPORT_KALLA,
    IMPORT_KODNING,
    IMPORT_KOLUMN,
    IMPORT_RAD,
    IMPORT_FIL,
    IMPORT_MAPPNING,
    IMPORT_ENHET,
    IMPORT_SKYDDAD,
    BYGG_MALL,
    BYGG_KONVERTERING,
    BYGG_KALLA,
    BYGG_LOGOTYP,
    BYGG_PUBLICERING,
    FMT_OSAKER,
    HISTORIK_OLASLIG,
)
