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


def area_names(area: GoalArea, forms: Sequence[SchoolForm]) -> list[str]:
    """The headings the area has in the curricula of these skolformer."""
    names = {area.value.replace("_", " ")}
    names |= {f.curriculum.areas[area][1] for f in forms if area in f.curriculum.areas}
    return sorted(names)


def area_mentions(text: str, area: GoalArea, forms: Iterable[SchoolForm]) -> list[str]:
    """Where the text follows up a läroplan area: its heading or words that belong to it."""
    clean = plain(text)
    folded = clean.casefold()
    found = [n for n in area_names(area, list(forms)) if n.casefold() in folded]
    pattern = _AREA_PATTERNS.get(area)
    if pattern is not None:
        found += [m[0] for m in pattern.finditer(clean)]
    return found
