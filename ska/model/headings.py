"""Which of the author's headings feed which part of a kvalitetsrapport.

ska checks parts of a report by their role: förutsättningar, resultat, analys,
utvecklingsområden and so on (`ska.model.report.SECTIONS`). Kommuner write them under
their own headings (Fakta, Måluppfyllelse, Sammanfattande analys, one heading per
läroplan area …). A role is fed by every level-2 heading that maps to it: ska's own
headings, the headings of the läroplan areas (as follow-up of results), the headings of
the presets a repository enables and the repository's own list in `ska.yaml`:

    rubriker:
      resultat: [Måluppfyllelse, Kunskapsresultat]
      analys: [Sammanfattande analys]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ska.model.curriculum import SchoolForm, all_headings
from ska.model.report import SECTIONS

# Headings kommuner use, beyond ska's own (SECTIONS), by role.
COMMON: dict[str, tuple[str, ...]] = {
    "sammanfattning": ("Sammanfattning och slutsatser", "Inledning", "Om rapporten"),
    "förutsättningar": (
        "Fakta",
        "Fakta om verksamheten",
        "Verksamhetens förutsättningar",
        "Förutsättningar och organisation",
        "Organisation",
        "Organisation och förutsättningar",
        "Nyckeltal",
        "Personal",
        "Personal och organisation",
    ),
    "resultat": (
        "Resultat och måluppfyllelse",
        "Måluppfyllelse",
        "Måluppfyllelse och resultat",
        "Kunskapsresultat",
        "Uppföljning av resultat",
        "Resultat och uppföljning",
    ),
    "analys": (
        "Sammanfattande analys",
        "Analys och bedömning",
        "Analys av resultaten",
        "Resultatanalys",
        "Analys och slutsatser",
    ),
    "tidigare_insatser": (
        "Uppföljning av förra årets utvecklingsområden",
        "Uppföljning av utvecklingsområden",
        "Uppföljning av insatser",
    ),
    "delaktighet": (
        "Delaktighet och inflytande",
        "Barns och elevers delaktighet",
        "Elevers och vårdnadshavares delaktighet",
    ),
    "utvecklingsområden": (
        "Prioriterade utvecklingsområden",
        "Förbättringsområden",
        "Planerade åtgärder",
        "Åtgärder",
        "Fortsatt arbete",
        "Utvecklingsområden framåt",
    ),
    "klagomål": ("Klagomålshantering", "Klagomål och synpunkter"),
}

# The seeds' own words for the parts of their reports (see /work/shared/seeds).
PRESET_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "svenljunga": {
        # Plan 2026, Dokumentation: the parts of the quality work after the allmänna råd.
        "förutsättningar": ("Organisation och ansvarsfördelning",),
        "delaktighet": ("Hur barn/elever och vårdnadshavare görs delaktiga i arbetet",),
        "resultat": ("Att följa upp resultat och måluppfyllelse", "Resultat och måluppfyllelse"),
        "analys": ("Att analysera och bedöma utvecklingsbehoven",),
        "klagomål": ("Huvudmannens rutiner för klagomål",),
    },
    "vetlanda": {
        # Riktlinjer 2024: the läsårsrapport sums up results and effects of the
        # priorities and analyses the whole; TLD measures trygghet, lärande, delaktighet.
        "förutsättningar": ("Förutsättningsdialog", "Förutsättningar för läsåret"),
        "resultat": (
            "Resultat och effekter",
            "Resultat och effekter av prioriterade utvecklingsområden",
            "TLD-mätning",
            "Trygghet, lärande och delaktighet",
        ),
        "analys": ("Analys av helheten", "Analys av läsårets arbete", "Resultatdialog"),
        "utvecklingsområden": ("Åtaganden", "Prioriterade målområden och åtaganden"),
    },
    "vaggeryd": {
        # SKA 2.0: kunskapsresultat analysed on their own, analysis in dialogue.
        "resultat": ("Kunskapsresultat", "Dokument för måluppfyllelse och resultat"),
        "analys": ("Analys i dialogform", "Analysdialog", "Analysfrågor"),
        "förutsättningar": ("Internkontroll",),
    },
}


@dataclass(frozen=True)
class Headings:
    """Heading (case-folded) → role, and the heading ska suggests for each role."""

    roles: Mapping[str, str]
    display: Mapping[str, str]  # case-folded → as written

    def role(self, heading: str) -> str | None:
        return self.roles.get(_clean(heading).casefold())

    def known(self) -> list[str]:
        """Every heading that feeds a role, as written, for 'Did you mean …?'."""
        return [self.display[h] for h in self.roles]

    def for_role(self, role: str) -> list[str]:
        return [self.display[h] for h, r in self.roles.items() if r == role]


def _clean(heading: str) -> str:
    """A heading without numbering and emphasis: '2. **Analys**' → 'Analys'."""
    text = heading.strip().strip("*_").strip()
    head, _, rest = text.partition(" ")
    if rest and head.rstrip(".").replace(".", "").isdigit():
        text = rest.strip().strip("*_").strip()
    return text


def headings(
    presets: Sequence[str] = (), own: Mapping[str, Iterable[str]] | None = None
) -> Headings:
    """The map for a repository: the läroplan areas' headings (as results), ska's, its
    presets' and its own.

    Later sources win: a heading the repository maps itself goes where it says."""
    roles: dict[str, str] = {}
    display: dict[str, str] = {}

    def add(role: str, names: Iterable[str]) -> None:
        for name in names:
            name = _clean(name)
            roles[name.casefold()] = role
            display[name.casefold()] = name

    for form in SchoolForm:
        add("resultat", sorted(all_headings(form)))
    for role, names in COMMON.items():
        add(role, names)
    for spec in SECTIONS:
        add(spec.key, spec.headings)
    for preset in presets:
        for role, names in PRESET_HEADINGS.get(preset, {}).items():
            add(role, names)
    for role, written in (own or {}).items():
        add(role, written)
    return Headings(roles, display)


DEFAULT = headings()
ROLES = tuple(spec.key for spec in SECTIONS)
