"""Kvalitetsrapporter: Markdown with front matter, per enhet and for the huvudman.

Files: `units/<enhet>/<läsår>/kvalitetsrapport.md` and
`plans/<läsår>/kvalitetsrapport.md`. The front matter holds what a machine must read
(who is responsible, how staff, pupils and guardians took part, the
utvecklingsområden); the body holds the rektor's own text under level-2 headings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field

from ska.model.base import SkaModel
from ska.model.curriculum import GoalArea, SchoolForm
from ska.model.types import Slug, Text, YesNo


class ReportStatus(StrEnum):
    DRAFT = "utkast"
    FINISHED = "klar"


class Participation(SkaModel):
    """How staff, pupils, children and guardians took part (skollagen 4 kap. 4 §)."""

    staff: Text | None = Field(None, alias="personal", description="Hur personalen medverkade.")
    pupils: Text | None = Field(None, alias="elever", description="Hur eleverna medverkade.")
    children: Text | None = Field(
        None, alias="barn", description="Hur barnen i förskolan gavs möjlighet att delta."
    )
    guardians: Text | None = Field(
        None, alias="vårdnadshavare", description="Hur vårdnadshavarna gavs möjlighet att delta."
    )


class DevelopmentArea(SkaModel):
    """An utvecklingsområde: what needs developing, why, and how."""

    id: Slug = Field(description="Kort id, så att nästa läsår kan följa upp området.")
    description: Text = Field(alias="beskrivning", description="Vad som behöver utvecklas.")
    why: Text = Field(alias="varför", description="Vad i analysen som visar behovet.")
    goal_areas: list[GoalArea] = Field(
        default_factory=list, alias="läroplansområden", description="Läroplanens målområden."
    )
    initiatives: list[Slug] = Field(
        default_factory=list, alias="insatser", description="Insatser (id) som ska möta behovet."
    )


class EarlierAreaFollowUp(SkaModel):
    """How an utvecklingsområde of the previous läsår's report turned out."""

    id: Slug = Field(description="Id för utvecklingsområdet i förra läsårets rapport.")
    assessment: Text = Field(alias="bedömning", description="Hur det blev och varför.")


class KeyFigure(SkaModel):
    """A nyckeltal or förutsättning as the kommun has it: a count on a date, a decimal,
    staff per child, a change without a level, or a comparison stated in words. Counts
    of children, pupils and staff are structure, not outcomes: they are never hidden as
    small groups."""

    name: Text = Field(alias="namn", description="Vad som räknas, t.ex. Inskrivna barn 1–2 år.")
    value: float | None = Field(
        None, alias="värde", description="Talet, t.ex. 6, 11.5 eller 5.1 (punkt som decimaltecken)."
    )
    unit: Text | None = Field(
        None, alias="enhet", description="t.ex. barn, årsarbetare, barn per årsarbetare, procent."
    )
    date: dt.date | None = Field(
        None, alias="datum", description="Mätdagen, t.ex. 2025-10-15 för en räkning 15 oktober."
    )
    period: Text | None = Field(None, description="Läsår, år eller termin värdet gäller.")
    change: Text | None = Field(
        None, alias="förändring", description="Förändringen i ord, om nivån saknas: t.ex. ökat."
    )
    comparison: Text | None = Field(
        None, alias="jämförelse", description="Jämförelse i ord, t.ex. som riket, över länet."
    )
    source: Text | None = Field(None, alias="källa", description="Varifrån uppgiften kommer.")
    protected: YesNo = Field(
        False,
        alias="skyddas",
        description="ja: ett antal under min_gruppstorlek visas som .., som ett resultat "
        "(t.ex. barn i behov av särskilt stöd). Utan det visas antalet som det är.",
    )


class ReportMeta(SkaModel):
    """The front matter of a kvalitetsrapport."""

    title: Text | None = Field(None, alias="titel", description="Rapportens titel, om en annan.")
    responsible: Text = Field(
        alias="ansvarig", description="Rektor eller tjänsteperson som svarar."
    )
    date: dt.date = Field(alias="datum", description="När rapporten senast ändrades.")
    status: ReportStatus = Field(description="utkast eller klar.")
    submitted: dt.date | None = Field(
        None,
        alias="inlämnad",
        description="När rapporten lämnades in, om det var före den checkades in i git "
        "(t.ex. när dokumentationen flyttats in i git i efterhand).",
    )
    participation: Participation = Field(
        alias="delaktighet", description="Hur personal, elever, barn och vårdnadshavare deltog."
    )
    development_areas: list[DevelopmentArea] = Field(
        alias="utvecklingsområden", min_length=1, description="Utvecklingsområden för nästa läsår."
    )
    school_forms: list[SchoolForm] = Field(
        default_factory=list,
        alias="skolformer",
        description="Huvudmannens rapport: de skolformer rapporten gäller, t.ex. [förskola], "
        "när varje verksamhetsform har en egen rapport. Tomt: alla huvudmannens skolformer.",
    )
    key_figures: list[KeyFigure] = Field(
        default_factory=list,
        alias="nyckeltal",
        description="Nyckeltal och förutsättningar: antal på en dag, decimaltal, personal per "
        "barn, förändringar och jämförelser i ord. Visas i rapporten och döljs aldrig som små "
        "grupper.",
    )
    earlier_areas: list[EarlierAreaFollowUp] = Field(
        default_factory=list,
        alias="tidigare_utvecklingsområden",
        description="Uppföljning av förra läsårets utvecklingsområden (id).",
    )


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    headings: tuple[str, ...]

    @property
    def heading(self) -> str:
        return self.headings[0]


SECTIONS = (
    SectionSpec("sammanfattning", ("Sammanfattning",)),
    SectionSpec("förutsättningar", ("Förutsättningar",)),
    SectionSpec("resultat", ("Resultat", "Uppföljning", "Uppföljning och resultat")),
    SectionSpec("analys", ("Analys",)),
    SectionSpec("tidigare_insatser", ("Uppföljning av tidigare insatser",)),
    SectionSpec("delaktighet", ("Delaktighet",)),
    SectionSpec("utvecklingsområden", ("Utvecklingsområden", "Utvecklingsbehov")),
    SectionSpec("klagomål", ("Klagomål",)),
)
UNIT_REQUIRED = ("förutsättningar", "resultat", "analys", "utvecklingsområden")
ORGANISER_REQUIRED = (*UNIT_REQUIRED, "klagomål")


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 section of the body: its heading, where it starts, and its text."""

    key: str | None
    heading: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    """A parsed kvalitetsrapport: validated front matter and the sections of the body."""

    meta: ReportMeta
    sections: tuple[Section, ...]

    @property
    def is_draft(self) -> bool:
        return self.meta.status is ReportStatus.DRAFT

    def section(self, key: str) -> Section | None:
        """The part of the report with this role: where its first heading stands, and the
        text of every heading that feeds it (see ska.model.headings)."""
        parts = [s for s in self.sections if s.key == key]
        if len(parts) <= 1:
            return parts[0] if parts else None
        text = "\n\n".join(p.text for p in parts if p.text)
        return Section(key, parts[0].heading, parts[0].line, text)

    @property
    def text(self) -> str:
        """The text of every section, without the headings."""
        return "\n".join(s.text for s in self.sections)
