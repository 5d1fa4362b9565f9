"""What the text heuristics look for, in Swedish as kommuner write it.

Three questions the rules ask of prose: does an analysis name causes, does a report
take up the förutsättningar (staff, organisation, learning environment), and which
läroplan areas does a text follow up. Each answer is a heuristic, so the rules that use
it give warnings or info, never law errors, and say what they looked for.

The vocabulary is measured against facts from published documents
(tests/resources/corpus, tests/test_corpus.py); add a phrase there first when one is
missed, so the figure shows what it changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from ska.model.curriculum import GoalArea, SchoolForm
from ska.rules.text import plain

# Expressions of cause and connection. Verbs with their inflections; nouns with their
# definite and plural forms.
_CAUSES = (
    r"\bbero(?:r|tt|dde|ende)? på\b",
    r"\borsak\w*",
    r"\bdärför\b",
    r"\bdärav\b",
    r"\beftersom\b",
    r"\bpå grund av\b",
    r"\bp\.?g\.?a\.?(?=\s)",
    r"\btack vare\b",
    r"\b(?:till|som) följd av\b",
    r"\b(?:en|ett|som en|som ett)? ?(?:effekt|följd|konsekvens|resultat|verkan) av\b",
    r"\beffekt(?:en|er|erna)? av\b",
    r"\bförklar\w*",
    r"\b(?:tyder|pekar) på\b",
    r"\btecken på\b",
    r"\bbidr(?:a|ar|og|agit|ager) till\b",
    r"\b(?:leder|ledde|lett|leda) till\b",
    r"\bmedför(?:de|t|a)?\b",
    r"\bresulter(?:at|ade|ar) i\b",
    r"\b(?:har|hade) gjort att\b",
    r"\bgör att\b",
    r"\bvilket (?:ger|gör|leder|har lett|medför|innebär)\b",
    r"\bpåverk(?:at|ade|as|ar|an|ats)\b",
    r"\bsamband\w*",
    r"\bhänger (?:samman|ihop) med\b",
    r"\bhängt (?:samman|ihop) med\b",
    r"\bsammanhänger\b",
    r"\b(?:kan |kunde )?kopplas till\b",
    r"\bhar betydelse för\b",
    r"\bbetyder (?:mest|mycket) för\b",
    r"\bavgörande för\b",
    r"\bsannolikt\b",
    r"\btroligen\b",
    r"\btroligtvis\b",
    r"\bförmodligen\b",
)
CAUSES = re.compile("|".join(f"(?:{p})" for p in _CAUSES), re.IGNORECASE)
CAUSE_EXAMPLES = ("beror på", "en effekt av", "hänger samman med", "har påverkat", "eftersom")

# Förutsättningar: what a report says about staff, organisation and the environment.
_CONDITIONS: dict[str, tuple[str, ...]] = {
    "personal och behörighet": (
        r"\bpersonal\w*",
        r"\bbehörig\w*",
        r"\blegitimera\w*",
        r"\blärarlegitimation\w*",
        r"\bårsarbetare\w*",
        r"\bheltids\w*",
        r"\btjänst(?:er|erna|en)?\b",
        r"\bförskollärar\w*",
        r"\blärar(?:e|en|na)\b",
        r"\bpedagog\w*",
        r"\bbarnskötar\w*",
        r"\bfritidspedagog\w*",
        r"\bspecialpedagog\w*",
        r"\bspeciallärar\w*",
        r"\bkurator\w*",
        r"\bskolsköterska\w*",
        r"\bpsykolog\w*",
        r"\bbemann\w*",
        r"\bvikarie\w*",
        r"\bkompetens\w*",
        r"\brekryter\w*",
        r"\bmedarbetar\w*",
        r"\banställda\b",
        r"\bförstelärar\w*",
        r"\b(?:barn|elever) per\b",
        r"\bstudenter\b",
        r"\bpiloter\b",
    ),
    "organisation": (
        r"\borganis\w*",
        r"\bskolenhet\w*",
        r"\bförskoleenhet\w*",
        r"\benhet(?:er|erna)\b",
        r"\bavdelning\w*",
        r"\barbetslag\w*",
        r"\bdelegera\w*",
        r"\bdelegation\w*",
        r"\bansvarsfördelning\w*",
        r"\brektorsområde\w*",
        r"\bbarngrupp\w*",
        r"\binskrivna\b",
        r"\b\d+ (?:inskrivna )?(?:barn|elever)\b",
        r"\bplats för\b",
        r"\bbestår av\b",
        r"\bomfattar\b",
        r"\bdrivs\b",
        r"\bleder (?:två|tre|fyra|\d+)\b",
        r"\bleds\b",
        r"\btvå (?:förskolor|skolor|fritidshem)\b",
        r"\bförskolor\b",
        r"\bfritidshem\b",
        r"\bhuvudman\w*",
        r"\bdialoger\w*",
    ),
    "lärmiljö eller resurstilldelning": (
        r"\blärmiljö\w*",
        r"\bresurs\w*",
        r"\blokal(?:en|er|erna)?\b",
        r"\bskolgård\w*",
        r"\butemiljö\w*",
        r"\bmiljö(?:n|er)?\b",
        r"\bdigitala verktyg\w*",
        r"\bläromedel\w*",
        r"\bbudget\w*",
        r"\bekonomi\w*",
        r"\bändamålsenlig\w*",
        r"\btrångbodd\w*",
    ),
}
CONDITIONS = {
    name: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    for name, patterns in _CONDITIONS.items()
}
CONDITION_EXAMPLES = {
    "personal och behörighet": ("personal", "legitimerade lärare", "årsarbetare"),
    "organisation": ("organisation", "skolenheter", "avdelningar"),
    "lärmiljö eller resurstilldelning": ("lärmiljö", "lokaler", "resurser"),
}

# Words that show a text follows up a läroplan area, besides the area's heading.
AREA_WORDS: dict[GoalArea, tuple[str, ...]] = {
    GoalArea.NORMS_VALUES: (
        r"\btrygg\w*",
        r"\bvärdegrund\w*",
        r"\bkränk\w*",
        r"\bstudiero\w*",
        r"\barbetsro\w*",
        r"\bkonflikt\w*",
        r"\btrivsel\w*",
        r"\bomsorg om\b",
        r"\blikabehandl\w*",
        r"\bdiskrimin\w*",
        r"\bnormer\b",
    ),
    GoalArea.KNOWLEDGE: (
        r"\bbetyg(?!spoäng)\w*",
        r"\bkunskapsresultat\w*",
        r"\bmåluppfyllelse\w*",
        r"\bscreening\w*",
        r"\blärande\b",
        r"\bkunskaper\b",
        r"\bexamen\b",
        r"\bmeritvärde\w*",
        r"\bstudieresultat\w*",
        r"\bläsförståelse\w*",
        r"\bläsutveckling\w*",
        r"\bhögläsning\w*",
        r"\bordförråd\w*",
        r"\bhögskolebehörighet\w*",
        r"\bnationella prov\w*",
        r"\bsvenska\b",
        r"\bmatematik\w*",
        r"\bgoda resultat\b",
    ),
    GoalArea.INFLUENCE: (
        r"\binflytande\w*",
        r"\belevråd\w*",
        r"\bdelaktig\w*",
        r"\bklassråd\w*",
        r"\bpåverka undervisningen\b",
        r"\bbarnintervju\w*",
        r"\bbarnkonsekvens\w*",
        r"\bdemokrati\w*",
        r"\bdialog med (?:eleverna|barnen)\b",
        r"\bväljer\b",
    ),
    GoalArea.HOME: (
        r"\bvårdnadshavar\w*",
        r"\bföräld\w*",
        r"\bhemmet\b",
        r"\bfamilje\w*",
        r"\butvecklingssamtal\w*",
    ),
    GoalArea.TRANSITION: (
        r"\bövergång\w*",
        r"\böverlämning\w*",
        r"\böverskolning\w*",
        r"\binskolning\w*",
        r"\bsamarbetet med förskoleklass\w*",
        r"\bsamverkan med förskoleklass\w*",
    ),
    GoalArea.WORLD_CHOICE: (
        r"\byrkesvägled\w*",
        r"\butbildningsval\w*",
        r"\bgymnasie\w*",
        r"\bomvärld\w*",
        r"\bstudiebesök\w*",
        r"\bprao\b",
        r"\bpraktik\w*",
        r"\barbetsliv\w*",
        r"\barbetsmarknad\w*",
        r"\barbetar eller studerar\b",
        r"\bvidare till (?:högskola|universitet)\w*",
        r"\bnationellt program\b",
        r"\bintroduktionsprogram\w*",
    ),
    GoalArea.ASSESSMENT: (
        r"\bbetyg\w*",
        r"\bbedömning\w*",
        r"\bnationella prov\w*",
    ),
}
_AREA_PATTERNS = {
    area: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    for area, patterns in AREA_WORDS.items()
}


def causes(text: str) -> list[str]:
    """The expressions of cause the text uses (empty: it names none)."""
    return [m[0].strip() for m in CAUSES.finditer(plain(text))]


def conditions(text: str) -> dict[str, list[str]]:
    """Per kind of förutsättning, the words of the text that take it up."""
    clean = plain(text)
    return {name: [m[0] for m in pattern.finditer(clean)] for name, pattern in CONDITIONS.items()}


def conditions_missing(text: str) -> list[str]:
    """The kinds of förutsättningar the text says nothing about."""
    return [name for name, found in conditions(text).items() if not found]


def area_names(
    area: GoalArea, forms: Sequence[SchoolForm], day: dt.date | None = None
) -> list[str]:
    """The headings the area has in the curricula of these skolformer in force on `day`
    (None: today's)."""
    names = {area.value.replace("_", " ")}
    curricula = [f.curriculum_on(day) for f in forms]
    names |= {c.areas[area][1] for c in curricula if area in c.areas}
    return sorted(names)


def area_mentions(
    text: str, area: GoalArea, forms: Iterable[SchoolForm], day: dt.date | None = None
) -> list[str]:
    """Where the text follows up a läroplan area: its heading in the curriculum in force
    on `day` (None: today's) or words that belong to it."""
    clean = plain(text)
    folded = clean.casefold()
    found = [n for n in area_names(area, list(forms), day) if n.casefold() in folded]
    pattern = _AREA_PATTERNS.get(area)
    if pattern is not None:
        found += [m[0] for m in pattern.finditer(clean)]
    return found


# Skolformer as reports name them: today's names, the names in force before 2023
# (grundsärskola, gymnasiesärskola, särvux) and everyday short forms. "Anpassad
# grundskola" must not count as grundskola, nor "förskoleklass" as förskola.
_NOT_ADAPTED = r"(?<!anpassad )(?<!anpassade )(?<!anpassat )"
_FORM_PATTERNS: dict[SchoolForm, tuple[str, ...]] = {
    SchoolForm.PRESCHOOL: (r"\bförskol(?:a|an|ans|or|orna|ornas|everksamhet\w*)\b",),
    SchoolForm.PRESCHOOL_CLASS: (r"\bförskoleklass\w*", r"\bf-klass\w*", r"\bsexårsverksamhet\w*"),
    SchoolForm.COMPULSORY: (
        _NOT_ADAPTED + r"\bgrundskol\w*",
        r"\b(?:låg|mellan|hög)stadi\w*",
    ),
    SchoolForm.ADAPTED_COMPULSORY: (
        r"\banpassad(?:e)? grundskol\w*",
        r"\bgrundsärskol\w*",
        r"\bträningsskol\w*",
        r"\bobligatoriska särskol\w*",
    ),
    SchoolForm.LEISURE_CENTRE: (
        r"\bfritidshem\w*",
        r"\bfritids\b",
        r"\bfritidsverksamhet\w*",
        r"\bskolbarnsomsorg\w*",
    ),
    SchoolForm.SPECIAL: (r"\bspecialskol\w*",),
    SchoolForm.SAMI: (r"\bsameskol\w*",),
    SchoolForm.UPPER_SECONDARY: (
        _NOT_ADAPTED + r"\bgymnasieskol\w*",
        r"\bgymnasiet\b",
        _NOT_ADAPTED + r"\bgymnasieprogram\w*",
        r"\bnationella program\w*",
        r"\bintroduktionsprogram\w*",
    ),
    SchoolForm.ADAPTED_UPPER_SECONDARY: (
        r"\banpassad(?:e)? gymnasieskol\w*",
        r"\bgymnasiesärskol\w*",
    ),
    SchoolForm.ADULT: (
        r"\bkomvux\w*",
        r"\bvuxenutbildning\w*",
        r"\bsärvux\w*",
        r"\bsfi\b",
        r"\bsvenska för invandrare\b",
        r"\bsärskild utbildning för vuxna\b",
    ),
}
FORM_NAMES = {
    form: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    for form, patterns in _FORM_PATTERNS.items()
}

# What makes a sentence about a skolform a follow-up: a figure, a word for a result or an
# outcome, or a stated reason why there are no results.
_RESULTS = (
    r"\d",
    r"\bresultat\w*",
    r"\bandel\w*",
    r"\bbetyg\w*",
    r"\bmeritvärde\w*",
    r"\bmåluppfyllelse\w*",
    r"\bkunskapskrav\w*",
    r"\bbehörig\w*",
    r"\bnationella prov\w*",
    r"\benkät\w*",
    r"\bscreening\w*",
    r"\bkartläggning\w*",
    r"\bobservation\w*",
    r"\bintervju\w*",
    r"\btrygg\w*",
    r"\btrivs\w*",
    r"\btrivsel\w*",
    r"\bstudieresultat\w*",
    r"\bgenomströmning\w*",
    r"\b(?:examen|examina|examensbevis|gymnasiebevis|studiebevis|intyg)\b",
    r"\b(?:slutförde|slutfört|klarade|klarat|godkän\w*|fullföljde|fullföljt)\b",
    r"\bavbrott\w*",
    r"\b(?:nådde|når|nått|uppnådde|uppnår|uppnått)\b",
    r"\b(?:ökat|ökade|ökar|ökning\w*)\b",
    r"\b(?:sjönk|sjunkit|sjunker|sjunkande)\b",
    r"\b(?:minskat|minskade|minskar|minskning\w*)\b",
    r"\bförbättr\w*",
    r"\bförsämr\w*",
    r"\boförändrad\w*",
    r"\bstabil\w*",
    r"\b(?:visar|visade|visat)\b",
    r"\b(?:högre|lägre|bättre|sämre)\b",
    r"\bprocent\b",
    r"%",
)
RESULTS = re.compile("|".join(f"(?:{p})" for p in _RESULTS), re.IGNORECASE)
_NO_RESULTS = (
    r"\binga (?:resultat|elever|barn|uppgifter)\b",
    r"\bsaknas\b",
    r"\bför få\b",
    r"\bsmå grupper\w*\b",
    r"\b(?:redovisas|följs|följdes|publiceras) inte\b",
    r"\binte (?:följts|redovisats|mätts)\b",
)
NO_RESULTS = re.compile("|".join(f"(?:{p})" for p in _NO_RESULTS), re.IGNORECASE)

# A need for development in a follow-up: these call for an insats (or a stated reason).
_NEEDS = (
    r"\b(?:sjönk|sjunkit|sjunker|sjunkande)\b",
    r"\bförsämr\w*",
    r"\bbrist\w*",
    r"\b(?:minskat|minskade|minskning\w*)\b",
    r"\b(?:lägre|sämre)\b",
    r"\bbehöver\b",
    r"\butvecklingsbehov\w*",
    r"\butvecklingsområde\w*",
)
NEEDS = re.compile("|".join(f"(?:{p})" for p in _NEEDS), re.IGNORECASE)
_NO_INITIATIVE = (
    r"\b(?:ingen|inga) (?:ny|nya )?(?:insats|insatser|åtgärd|åtgärder)\b",
    r"\binget (?:utvecklingsbehov|behov)\b",
    r"\b(?:behövs|krävs) (?:inga|ingen|inte)\b",
)
NO_INITIATIVE = re.compile("|".join(f"(?:{p})" for p in _NO_INITIATIVE), re.IGNORECASE)

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def forms_named(text: str) -> set[SchoolForm]:
    """The skolformer the text names, under today's or an earlier name."""
    clean = plain(text)
    return {form for form, pattern in FORM_NAMES.items() if pattern.search(clean)}


def form_passages(text: str) -> dict[SchoolForm, list[str]]:
    """Per skolform, the passages of the text about it: the body of every subheading that
    names it (a combined heading such as "Grundskola och fritidshem" names both), and
    every sentence that names it."""
    found: dict[SchoolForm, list[str]] = {}
    heading_forms: set[SchoolForm] = set()
    body: list[str] = []
    loose: list[str] = []

    def close() -> None:
        for form in heading_forms:
            found.setdefault(form, []).append("\n".join(body))

    for line in plain(text).splitlines():
        heading = _HEADING.match(line)
        if heading:
            close()
            heading_forms = forms_named(heading[2])
            body = []
            loose.append("")
            continue
        body.append(line)
        loose.append(line)
    close()
    for sentence in _sentences("\n".join(loose)):
        for form in forms_named(sentence):
            found.setdefault(form, []).append(sentence)
    return found


def _sentences(text: str) -> Iterable[str]:
    block: list[str] = []
    blocks: list[str] = []
    for line in text.splitlines():
        if not line.strip() or _ITEM.match(line):
            if block:
                blocks.append(" ".join(block))
            block = [line.strip()] if line.strip() else []
        else:
            block.append(line.strip())
    if block:
        blocks.append(" ".join(block))
    for paragraph in blocks:
        yield from (s for s in _SENTENCE_END.split(paragraph) if s.strip())


def is_follow_up(passage: str) -> bool:
    """Whether a passage about a skolform reports results or says why there are none: a
    figure, a word for a result, a stated reason, or at least 20 words of prose."""
    clean = plain(passage)
    if RESULTS.search(clean) or NO_RESULTS.search(clean):
        return True
    return len(re.findall(r"[^\W\d_]+", clean)) >= _PROSE_WORDS


_PROSE_WORDS = 20
