"""The files of the example kommun (`tests/resources/minimal`) that the examples of the
checks and rules change: each path, and its text as it is there.

An example writes a changed copy of one of these over the example kommun (see
`Example`), so `ska forklara` shows the whole file as a user would write it. The texts
in `KOMMUN` are the example kommun's own (`tests/test_catalogue.py` compares them);
those after it are new files the examples add.
"""

from __future__ import annotations

ORGANISER = "plans/huvudman.yaml"
ORGANISER_TEXT = """\
# Testkommunens huvudman: så lite som möjligt, men komplett.
namn: Testkommun
typ: kommun
organ: Barn- och utbildningsnämnden
plan:
  titel: Plan för det systematiska kvalitetsarbetet 2026
  beslut:
    organ: Barn- och utbildningsnämnden
    datum: 2025-12-16
    paragraf: "§ 142"
  dokumentansvarig: utvecklingsledare
  giltig_från: 2026-01-01
  revideras: Vid behov
  följs_upp: Årligen
vision:
  text: Här skapar vi det goda livet.
kf_målområden:
  - id: barn-och-unga
    namn: Barn och unga ges förutsättningar för fortsatta studier.
skolformer: [förskoleklass, grundskola, fritidshem]
övriga_verksamheter:
  - id: kulturskola
    namn: Kulturskolan
roller:
  - id: förvaltningschef
    namn: Förvaltningschef
  - id: utvecklingsledare
    namn: Utvecklingsledare
  - id: rektor
    namn: Rektor
    nivå: enhet
skolchefer:
  - roll: förvaltningschef
    omfattning: [alla]
    beslut:
      organ: Barn- och utbildningsnämnden
      datum: 2019-01-15
      paragraf: "§ 3"
ansvarsfördelning:
  huvudman: [Efterfrågar enheternas analyser och fördelar resurser efter behov.]
  rektor: [Leder kvalitetsarbetet på enheten.]
forum:
  - id: kvalitetsdialog
    namn: Kvalitetsdialog
    deltagare: [förvaltningschef, utvecklingsledare]
    frekvens: Två gånger per år
    syfte: Nämnden och ledningsgruppen går igenom resultat och analyser.
"""

BOARD_GOALS = "plans/mal.yaml"
BOARD_GOALS_TEXT = """\
period:
  från: 2026
  till: 2028
mål:
  - id: hög-måluppfyllelse
    namn: En verksamhet med hög måluppfyllelse
    kf_målområde: barn-och-unga
    läroplansområden: [kunskaper]
    indikatorer:
      - id: behörighet
        namn: Andel elever i åk 9 behöriga till yrkesprogram
        enhet: procent
        utgångsvärde: {värde: 82.5, period: "2024/25"}
        målvärde: {värde: 90, period: "2027/28"}
        utfall:
          - {period: "2025/26", värde: 84.0, datum: 2026-07-01}
"""

FOCUS_AREAS = "plans/fokusomraden.yaml"
FOCUS_AREAS_TEXT = """\
fokusområden:
  - id: språk-och-läsutveckling
    namn: Språk och läsutveckling
    beskrivning: Stärka språkkunskaper som grund för inlärning.
    period: {från: 2026, till: 2028}
"""

YEAR_WHEEL = "plans/arshjul.yaml"
YEAR_WHEEL_TEXT = """\
händelser:
  - id: förutsättningsdialog
    namn: Förutsättningsdialog
    typ: dialog
    när: september
    nivå: huvudman
    ansvarig: [utvecklingsledare, rektor]
  - id: enheternas-kvalitetsrapporter
    namn: Enheternas kvalitetsrapporter är klara
    typ: rapport
    när: 30 juni
    nivå: enhet
    ansvarig: [rektor]
    dokument: kvalitetsrapport
  - id: elevenkät
    namn: Elevenkäten genomförs
    typ: mätning
    när: [v. 45–47]
    nivå: enhet
    ansvarig: [rektor]
"""

ROUTINE = "plans/klagomalsrutin.md"
ROUTINE_TEXT = """\
---
titel: Rutin för klagomål på utbildningen
beslut: {organ: Barn- och utbildningsnämnden, datum: 2024-02-20, paragraf: "§ 12"}
ansvarig: förvaltningschef
datum: 2024-02-20
publicerad:
  url: https://www.example.se/klagomal
  kanaler: [Informationsbrev vid läsårsstart]
---
Klagomål tas emot, dokumenteras, utreds, åtgärdas och den som klagat får återkoppling. \
Utredningen är opartisk.
"""

INITIATIVE = "plans/insatser/läslyftet.yaml"
INITIATIVE_TEXT = """\
titel: Läslyftet
syfte: Förbättra språkutveckling och läsfrämjande arbete.
mål: [Stärka pedagogernas kompetens.]
åtgärder: [Kollegialt lärande i arbetslagen.]
ansvarig: utvecklingsledare
verksamhetsformer: [grundskola, förskoleklass]
fokusområden: [språk-och-läsutveckling]
nämndmål: [hög-måluppfyllelse]
läroplansområden: [kunskaper]
grundas_på: [läsförståelse]
period: {start: 2026-01, slut: 2026-12}
status: genomförande
uppföljning:
  metod: Screening fyra gånger per läsår.
  planerad: [2026-03-15, 2026-06-10]
"""

KAA_2025 = "plans/kaa/2025.yaml"
KAA_2025_TEXT = """\
ansvarig: utvecklingsledare
register: Registret förs i elevregistret och stäms av månadsvis.
kontaktarbete: Studie- och yrkesvägledaren kontaktar varje ungdom minst två gånger per termin.
åtgärder: [Individuell studieplan]
scb_rapportering:
  - {halvår: 2, inskickad: 2026-02-10, antal_ungdomar: 21}
"""

KAA_2026 = "plans/kaa/2026.yaml"
KAA_2026_TEXT = """\
ansvarig: utvecklingsledare
register: Registret förs i elevregistret och stäms av månadsvis.
kontaktarbete: Studie- och yrkesvägledaren kontaktar varje ungdom minst två gånger per termin.
åtgärder: [Individuell studieplan, Praktik via arbetsmarknadsenheten]
scb_rapportering:
  - {halvår: 1, inskickad: 2026-07-10, antal_ungdomar: 23}
"""

CONTROL_2026 = "plans/internkontroll/2026.yaml"
CONTROL_2026_TEXT = """\
risker:
  - id: särskilt-stöd
    namn: Särskilt stöd i tid
    beskrivning: Elever får inte särskilt stöd i tid.
    sannolikhet: 2
    konsekvens: 4
    kontrollmoment:
      - beskrivning: Stickprov av åtgärdsprogram
        metod: stickprov
        ansvarig: utvecklingsledare
        när: mars
avvikelser:
  - datum: 2026-03-20
    risk: särskilt-stöd
    enhet: testskolan
    beskrivning: Två utredningar var äldre än åtta veckor.
    åtgärd: {beskrivning: Rutinen gås igenom med EHT., ansvarig: rektor, klart: 2026-05-01}
"""

REFERENCES = "plans/jämförelser/riket.csv"
REFERENCES_TEXT = """\
jämförelse,mått,termin,grupp,kön,värde
riket,Läsflyt över gränsvärdet,ht2025,åk 2,alla,66.5
"""

MAPPING = "plans/import/skolverket-screening.yaml"
MAPPING_TEXT = """\
namn: Läsflyt ur elevsystemet
till: resultat
filnamn: screening
avgränsare: ";"
kolumner:
  enhet: Skolenhet
  termin: Termin
  grupp: Årskurs
  kön: Kön
  antal: Över gränsvärdet
  totalt: Antal elever
fasta:
  mått: Läsflyt över gränsvärdet
  typ: screening
värden:
  kön:
    Flickor: flickor
    Pojkar: pojkar
    Totalt: alla
"""

REVIEW = "plans/granskningar/skolinspektionen-2025.yaml"
REVIEW_TEXT = """\
# Skolinspektionens beslut efter tillsyn: en brist, åtgärdad före sista dag.
granskare: skolinspektionen
typ: föreläggande
titel: Beslut efter tillsyn av Testkommun
datum: 2025-05-12
diarienummer: "43-2024:1234"
sista_dag: 2025-11-30
brister:
  - id: analys-per-skolform
    beskrivning: Huvudmannen analyserar inte resultaten för fritidshemmet.
    skolform: fritidshem
    åtgärder: [läslyftet]
    status: åtgärdad
    åtgärdad: 2025-10-20
    belägg: "Nämndens protokoll 2025-10-20 § 91: redovisning till Skolinspektionen."
"""

ORGANISER_REPORT = "plans/2025-26/kvalitetsrapport.md"
ORGANISER_REPORT_TEXT = """\
---
ansvarig: Eva Ek
datum: 2026-09-20
status: klar
delaktighet:
  personal: Rektorernas analyser samlades i ledningsgruppen.
  elever: Elevenkätens resultat per enhet.
  vårdnadshavare: Vårdnadshavarenkäten.
utvecklingsområden:
  - id: läsförståelse
    beskrivning: Läsförståelsen i åk 1–3 behöver stärkas.
    varför: Screeningen visar sjunkande resultat, sannolikt på grund av lägre lästid.
    läroplansområden: [kunskaper]
    insatser: [läslyftet]
---
# Huvudmannens kvalitetsrapport 2025/26

## Förutsättningar
Andelen behöriga lärare är 78 procent. Organisationen och lärmiljön är oförändrade.

## Resultat
På Testskolan har resultaten i svenska sjunkit i grundskolan. I förskoleklassen och fritidshemmet är
resultaten oförändrade.

## Analys
Nedgången beror sannolikt på att lästiden minskat.

## Klagomål
4 klagomål kom in under läsåret. Tre gällde trygghet.

## Utvecklingsområden
Läsförståelsen prioriteras.
"""

UNIT = "units/testskolan/enhet.yaml"
UNIT_TEXT = """\
namn: Testskolan
typ: skolenhet
skolformer: [förskoleklass, grundskola, fritidshem]
rektor: Karin Alm
skolenhetskod: "39671234"
årskurser: F–6
aktiv_från: 2015-07-01
"""

PREVIOUS_REPORT = "units/testskolan/2024-25/kvalitetsrapport.md"
PREVIOUS_REPORT_TEXT = """\
---
ansvarig: Karin Alm
datum: 2025-06-25
status: klar
delaktighet:
  personal: Arbetslagen analyserade resultaten på två studiedagar.
  elever: Klassråd och elevråd diskuterade trygghetsenkäten.
  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.
utvecklingsområden:
  - id: läsning-2024-25
    beskrivning: Läsflytet i åk 2 behöver stärkas.
    varför: Screeningen visar att var fjärde elev inte når gränsvärdet.
    läroplansområden: [kunskaper]
    insatser: [läslyftet, testskolan-läsfixare]

---
# Kvalitetsrapport – Testskolan

## Förutsättningar
Skolan har 280 elever.

## Resultat
Andelen elever som når gränsvärdet ökade.

## Analys
Ökningen beror sannolikt på lästiden efter lunch.

## Utvecklingsområden
Läsflytet i åk 2.
"""

UNIT_INITIATIVE = "units/testskolan/insatser/testskolan-läsfixare.yaml"
UNIT_INITIATIVE_TEXT = """\
titel: Läsfixare
syfte: Fler elever läser varje dag.
mål: [Alla elever läser 20 minuter per dag.]
åtgärder: [Lästid efter lunch.]
ansvarig: rektor
verksamhetsformer: [grundskola]
period: {start: 2025-08, slut: 2026-06}
uppföljning:
  metod: Lästiden räknas varje månad.
  planerad: [2026-01-20, 2026-06-10]
status: uppföljning
läroplansområden: [kunskaper]
grundas_på: [läsning-2025-26]
"""

PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
PLAN_TEXT = """\
ansvarig: Karin Alm
datum: 2025-09-10
prioriterade_målområden:
  - målområde: kunskaper
    motivering: Läsresultaten i åk 1–3 har sjunkit två år i rad.
    nämndmål: [hög-måluppfyllelse]
    åtaganden:
      - id: läsflyt
        beskrivning: Alla elever i åk 1–3 läser dagligen med stöd.
        tänkta_effekter: [Fler elever når gränsvärdet i läsflyt.]
        insatser: [testskolan-läsfixare]
        aktiviteter:
          - beskrivning: Lästid 20 minuter efter lunch.
            förväntat_resultat: Eleverna läser mer och med bättre flyt.
uppföljningar:
  - datum: 2025-11-20
    åtagande: läsflyt
    text: Lästiden genomförs i alla klasser; screeningen i december visar ökning.
"""

SELF_CHECK = "units/testskolan/2025-26/egenkontroll.yaml"
SELF_CHECK_TEXT = """\
ansvarig: rektor
kontrollpunkter:
  - område: Elevhälsa
    fråga: Har åtgärdsprogrammen datum för utvärdering?
    svar: delvis
    kommentar: Två av tolv saknade datum.
    datum: 2025-10-14
    åtgärd: Elevhälsoteamet kompletterar programmen före jul.
  - område: Personal
    fråga: Har alla nyanställda visat utdrag ur belastningsregistret?
    svar: ja
    datum: 2025-10-14
"""

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
REPORT_TEXT = """\
---
ansvarig: Karin Alm
datum: 2026-06-24
status: klar
delaktighet:
  personal: Arbetslagen analyserade resultaten på två studiedagar.
  elever: Klassråd och elevråd diskuterade trygghetsenkäten.
  vårdnadshavare: Vårdnadshavarenkäten och föräldramöten.
utvecklingsområden:
  - id: läsning-2025-26
    beskrivning: Läsflytet i åk 2 behöver stärkas.
    varför: Screeningen visar att var fjärde elev inte når gränsvärdet.
    läroplansområden: [kunskaper]
    insatser: [läslyftet, testskolan-läsfixare]
tidigare_utvecklingsområden:
  - id: läsning-2024-25
    bedömning: Läsflytet förbättrades tack vare dagliga lässtunder.
---
# Kvalitetsrapport – Testskolan

## Förutsättningar
Skolan har 280 elever. Personalen och lokalerna är oförändrade.

## Resultat
Andelen elever som når gränsvärdet ökade. I förskoleklassen och fritidshemmet visar \
observationerna att barnen trivs. Trygghet, inflytande, \
samarbetet med hemmet, övergången till åk 7, omvärlden och betygen följs upp i enkäter.

## Analys
Ökningen jämfört med förra läsåret beror sannolikt på lästiden efter lunch.

## Utvecklingsområden
Läsflytet i åk 2.
"""

RESULTS = "units/testskolan/2025-26/resultat/screening.csv"
RESULTS_TEXT = """\
mått,termin,grupp,kön,antal,totalt,värde
Läsflyt över gränsvärdet,ht2025,åk 2,flickor,14,19,
Läsflyt över gränsvärdet,ht2025,åk 2,pojkar,12,21,
Läsflyt över gränsvärdet,ht2025,åk 2,alla,26,40,
Trygghetsindex,vt2026,alla,alla,,40,4.2
Trygghetsindex,vt2026,alla,flickor,,19,4.3
Trygghetsindex,vt2026,alla,pojkar,,21,4.1
"""

DIALOG_RECORD = "plans/2025-26/dialoger/förutsättningsdialog-testskolan.yaml"
DIALOG_RECORD_TEXT = """\
händelse: förutsättningsdialog
datum: 2025-09-18
enheter: [testskolan]
deltagare:
  - roll: rektor
    enhet: testskolan
  - roll: utvecklingsledare
frågor:
  - Vilka förutsättningar behöver enheten för att nå målen i utvecklingsplanen?
överenskommelser:
  - id: lästid-följs-upp
    text: Lästiden följs upp i processdialogen med screeningen från december.
    ansvarig: rektor
"""

CONFIG = "ska.yaml"
CONFIG_TEXT = """\
# Testkommunens konfiguration: i testerna räcker korta analyser.
inställningar:
  analys_min_ord: 5
"""


# Every file above, by its path.
KOMMUN = {
    ORGANISER: ORGANISER_TEXT,
    BOARD_GOALS: BOARD_GOALS_TEXT,
    FOCUS_AREAS: FOCUS_AREAS_TEXT,
    YEAR_WHEEL: YEAR_WHEEL_TEXT,
    ROUTINE: ROUTINE_TEXT,
    INITIATIVE: INITIATIVE_TEXT,
    KAA_2025: KAA_2025_TEXT,
    KAA_2026: KAA_2026_TEXT,
    CONTROL_2026: CONTROL_2026_TEXT,
    REFERENCES: REFERENCES_TEXT,
    MAPPING: MAPPING_TEXT,
    REVIEW: REVIEW_TEXT,
    ORGANISER_REPORT: ORGANISER_REPORT_TEXT,
    DIALOG_RECORD: DIALOG_RECORD_TEXT,
    UNIT: UNIT_TEXT,
    PREVIOUS_REPORT: PREVIOUS_REPORT_TEXT,
    UNIT_INITIATIVE: UNIT_INITIATIVE_TEXT,
    PLAN: PLAN_TEXT,
    SELF_CHECK: SELF_CHECK_TEXT,
    REPORT: REPORT_TEXT,
    RESULTS: RESULTS_TEXT,
    CONFIG: CONFIG_TEXT,
}

# Texts the examples add to the example kommun.

SECOND_FOCUS_AREA = """\
  - id: trygghet-och-studiero
    namn: Trygghet och studiero
    beskrivning: Alla elever känner sig trygga och har arbetsro.
    period: {från: 2026, till: 2028}
"""
NEW_UNIT = "units/byskolan/enhet.yaml"
NEW_UNIT_TEXT = """\
namn: Byskolan
typ: skolenhet
skolformer: [förskoleklass, grundskola, fritidshem]
rektor: Anna Berg
skolenhetskod: "39675678"
årskurser: F–3
aktiv_från: 2026-08-01
"""
SOURCE = "export/lasflyt-ht2025.csv"  # an export from the school system, to import
SOURCE_TEXT = """\
Skolenhet;Termin;Årskurs;Kön;Över gränsvärdet;Antal elever
Testskolan;HT2025;åk 2;Flickor;14;19
Testskolan;HT2025;åk 2;Pojkar;12;21
Testskolan;HT2025;åk 2;Totalt;26;40
"""
FLOW_CHART = """\
<svg xmlns="http://www.w3.org/2000/svg" width="480" height="40">
  <text x="10" y="25">Ta emot → dokumentera → utreda → åtgärda → återkoppla</text>
</svg>
"""


def edited(text: str, *changes: tuple[str, str]) -> str:
    """`text` with each change (old, new) made once, where old must be."""
    for old, new in changes:
        if old not in text:
            raise ValueError(f"{old!r} is not in the text")
        text = text.replace(old, new, 1)
    return text
