"""The huvudman level: who the organiser is, its goals and its strategic focus.

Files: `plans/huvudman.yaml` (Organiser), `plans/mal.yaml` (BoardGoals) and
`plans/fokusomraden.yaml` (FocusAreas).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator

from ska.model.base import SkaModel
from ska.model.curriculum import GoalArea, SchoolForm
from ska.model.tenure import Decided, Period, Tenure, holders_on
from ska.model.types import Decision, SchoolYear, Slug, Text, YearSpan


class OrganiserKind(StrEnum):
    MUNICIPALITY = "kommun"
    REGION = "region"
    INDEPENDENT = "enskild"
    STATE = "stat"


class Vision(SkaModel):
    text: Text = Field(description="Visionen ordagrant, t.ex. kommunfullmäktiges vision.")
    decided_by: Text | None = Field(
        None, alias="beslutad_av", description="Vem som beslutat visionen."
    )
    points: list[Text] = Field(
        default_factory=list, alias="punkter", description="Visionens delar, en per punkt."
    )


class CouncilGoalArea(SkaModel):
    """One of kommunfullmäktiges målområden, the top of the styrkedja."""

    id: Slug = Field(description="Kort id som nämndens mål hänvisar till.")
    name: Text = Field(alias="namn", description="Målområdet som det står i beslutet.")


class MissionPart(SkaModel):
    name: Text = Field(alias="namn", description="Rubrik, t.ex. Framtidstro.")
    points: list[Text] = Field(alias="punkter", min_length=1, description="Vad delen innebär.")


class Mission(SkaModel):
    """Nämndens verksamhetsidé."""

    text: Text = Field(description="Verksamhetsidén som löptext.")
    parts: list[MissionPart] = Field(
        default_factory=list, alias="delar", description="Verksamhetsidéns bärande delar."
    )


class OtherActivity(SkaModel):
    """A verksamhet outside the school system, e.g. kulturskola or a local family centre."""

    id: Slug = Field(description="Id som insatser hänvisar till under verksamhetsformer.")
    name: Text = Field(alias="namn", description="Verksamhetens namn.")
    description: Text | None = Field(None, alias="beskrivning", description="Vad verksamheten gör.")


Level = Literal["huvudman", "enhet"]


def _name_or_list_schema(schema: dict[str, Any]) -> None:
    """In the editor's schema: a plain name, or the list of holders with their periods."""
    listed = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string"}, listed]
    for key in ("title", "description"):
        if key in listed:
            schema[key] = listed.pop(key)


class Role(SkaModel):
    """A role that can be ansvarig for an insats, an event or a document.

    `innehavare:` names who held the role: a plain name (today's holder), or a list with
    from and to, so a document is compared with the holder at its own date."""

    id: Slug = Field(description="Id som används i fälten ansvarig, t.ex. utvecklingsledare.")
    name: Text = Field(alias="namn", description="Rollens namn som det skrivs i löptext.")
    level: Level = Field(
        "huvudman", alias="nivå", description="Om rollen hör till huvudmannen eller en enhet."
    )
    description: Text | None = Field(None, alias="beskrivning", description="Rollens uppdrag.")
    holders: list[Tenure] = Field(
        default_factory=list,
        alias="innehavare",
        description="Vem som har rollen: ett namn, eller en lista med namn, från och till "
        "när den har bytts. Ett dokument jämförs med den som hade rollen vid dokumentets datum.",
        json_schema_extra=_name_or_list_schema,
    )

    @field_validator("holders", mode="before")
    @classmethod
    def _plain_name(cls, value: Any) -> Any:
        """`innehavare: Sofia Lindell` is one holder without dates; a list may mix plain
        names and names with periods."""
        if isinstance(value, str):
            return [{"namn": value}]
        if isinstance(value, list):
            return [{"namn": v} if isinstance(v, str) else v for v in value]
        return value

    def holders_on(self, day: dt.date) -> list[str]:
        """Who held the role on the day, as huvudman.yaml names them."""
        return holders_on(self.holders, day)


class SchoolChief(Decided):
    """A skolchef appointed under skollagen 2 kap. 8 a §, with the period the appointment
    applied (från, till): an appointment that ended before a läsår does not count for it."""

    role: Slug = Field(alias="roll", description="Id för rollen som är skolchef.")
    scope: list[Slug] = Field(
        alias="omfattning",
        min_length=1,
        description="De skolformer skolchefen ansvarar för, eller [alla].",
    )
    decision: Decision = Field(alias="beslut", description="Beslutet om att utse skolchefen.")
    earlier_decisions: list[Decision] = Field(
        default_factory=list,
        alias="tidigare_beslut",
        description="Tidigare beslut om att utse skolchef för samma roll och skolformer, "
        "så att läsår före det senaste beslutet också räknas.",
    )


class Responsibilities(Period):
    """Ansvarsfördelningen in SKA, as in seed 000's matrix, with the period it applied
    when it has changed (från, till)."""

    organiser: list[Text] = Field(
        alias="huvudman", min_length=1, description="Huvudmannens ansvar."
    )
    principal: list[Text] = Field(alias="rektor", min_length=1, description="Rektors ansvar.")
    teacher: list[Text] = Field(default_factory=list, alias="pedagog", description="Pedagogens.")
    pupil: list[Text] = Field(
        default_factory=list, alias="barn_och_elever", description="Barns, elevers och studerandes."
    )
    guardian: list[Text] = Field(
        default_factory=list, alias="vårdnadshavare", description="Vårdnadshavares delaktighet."
    )


class Forum(SkaModel):
    """A forum for dialog: kvalitetsdialog, ledningsgrupp, skolanalysgrupp …"""

    id: Slug = Field(description="Kort id för forumet.")
    name: Text = Field(alias="namn", description="Forumets namn.")
    participants: list[Slug] = Field(
        default_factory=list, alias="deltagare", description="Roller (id) som deltar."
    )
    frequency: Text | None = Field(None, alias="frekvens", description="Hur ofta, t.ex. månadsvis.")
    purpose: Text = Field(alias="syfte", description="Vad forumet är till för.")


class PlanDocument(SkaModel):
    """The governing plan's document metadata (seeds 001, 002)."""

    title: Text = Field(alias="titel", description="Dokumentets titel.")
    decision: Decision = Field(alias="beslut", description="Beslutet som antog planen.")
    owner: Slug = Field(alias="dokumentansvarig", description="Roll (id) som äger dokumentet.")
    valid_from: dt.date = Field(alias="giltig_från", description="Gäller från, ÅÅÅÅ-MM-DD.")
    revision: Text = Field(alias="revideras", description="När planen revideras, t.ex. Vid behov.")
    follow_up: Text = Field(alias="följs_upp", description="Hur ofta planen följs upp.")
    last_reviewed: dt.date | None = Field(
        None, alias="senast_granskad", description="När planen senast granskades."
    )


class Organiser(SkaModel):
    """`plans/huvudman.yaml`: the huvudman and its organisation for SKA."""

    name: Text = Field(alias="namn", description="Huvudmannens namn, t.ex. Svenljunga kommun.")
    kind: OrganiserKind = Field(alias="typ", description="kommun, region, enskild eller stat.")
    organ: Text = Field(description="Nämnden som fullgör huvudmannens uppgifter.")
    administration: Text | None = Field(
        None, alias="förvaltning", description="Förvaltningen som arbetar på nämndens uppdrag."
    )
    plan: PlanDocument = Field(description="Planen för det systematiska kvalitetsarbetet.")
    vision: Vision = Field(description="Kommunfullmäktiges vision.")
    council_goal_areas: list[CouncilGoalArea] = Field(
        alias="kf_målområden", min_length=1, description="Kommunfullmäktiges målområden."
    )
    mission: Mission | None = Field(None, alias="verksamhetsidé", description="Verksamhetsidén.")
    school_forms: list[SchoolForm] = Field(
        alias="skolformer",
        min_length=1,
        description="Skolformer och fritidshem som huvudmannen driver.",
    )
    other_activities: list[OtherActivity] = Field(
        default_factory=list,
        alias="övriga_verksamheter",
        description="Verksamheter utanför skolväsendet som har insatser i planen.",
    )
    roles: list[Role] = Field(
        alias="roller", min_length=1, description="Roller i kvalitetsarbetet."
    )
    school_chiefs: list[SchoolChief] = Field(
        alias="skolchefer", min_length=1, description="Skolchefer enligt skollagen 2 kap. 8 a §."
    )
    responsibilities: Responsibilities | list[Responsibilities] | None = Field(
        None,
        alias="ansvarsfördelning",
        description="Vem som ansvarar för vad i kvalitetsarbetet; när den har ändrats, en "
        "lista med en ansvarsfördelning per period (från, till).",
    )
    forums: list[Forum] = Field(
        default_factory=list, alias="forum", description="Forum för dialog om kvalitet."
    )

    @property
    def responsibility_versions(self) -> list[Responsibilities]:
        """Every ansvarsfördelning written, the plain form as one without dates."""
        found = self.responsibilities
        if found is None:
            return []
        return found if isinstance(found, list) else [found]

    def responsibilities_in(self, year: SchoolYear) -> list[Responsibilities]:
        """The ansvarsfördelningar that applied during some part of the läsår."""
        return [r for r in self.responsibility_versions if r.overlaps(year)]

    def responsibilities_on(self, day: dt.date | None) -> Responsibilities | None:
        """The ansvarsfördelning that applied on a day (None: the latest written)."""
        versions = self.responsibility_versions
        if day is not None:
            versions = [r for r in versions if r.covers(day)]
        if not versions:
            return None
        return max(versions, key=lambda r: (r.start or dt.date.min, r.end or dt.date.max))


class Value(SkaModel):
    """A measured or targeted value of an indicator, with the year or läsår it refers to."""

    value: float = Field(alias="värde", description="Värdet, t.ex. 82.5.")
    period: Text = Field(description="År eller läsår värdet avser, t.ex. 2025 eller 2024/25.")


_PERIOD = re.compile(r"^(\d{4})(?:/(\d{2}))?$")


def period_of(text: str) -> tuple[Literal["läsår", "år"], int] | None:
    """`2025/26` → ("läsår", 2025), `2025` → ("år", 2025); None for anything else."""
    match = _PERIOD.match(text.strip())
    if match is None:
        return None
    start = int(match[1])
    if match[2] is None:
        return "år", start
    return ("läsår", start) if (start + 1) % 100 == int(match[2]) else None


class Outcome(SkaModel):
    """What an indicator measured for one period, with where and when it was taken."""

    period: Text = Field(
        description="Läsåret (2025/26) eller kalenderåret (2025) som utfallet avser."
    )
    value: float = Field(alias="värde", description="Uppmätt värde, t.ex. 85.1.")
    source: Text | None = Field(
        None, alias="källa", description="Varifrån värdet kommer, om annan än indikatorns."
    )
    date: dt.date | None = Field(None, alias="datum", description="När värdet togs fram.")


class Better(StrEnum):
    """Which way an indicator improves."""

    UP = "högre"
    DOWN = "lägre"


class Indicator(SkaModel):
    """How progress towards a goal is measured."""

    id: Slug = Field(description="Kort id för indikatorn.")
    name: Text = Field(alias="namn", description="Vad som mäts.")
    unit: Text = Field(alias="enhet", description="Måttenhet, t.ex. procent, meritvärde, index.")
    source: Text | None = Field(None, alias="källa", description="Varifrån värdena kommer.")
    baseline: Value | None = Field(None, alias="utgångsvärde", description="Värdet vid start.")
    target: Value | None = Field(None, alias="målvärde", description="Värdet som ska nås.")
    better: Better | None = Field(
        None,
        alias="bättre",
        description="Om ett högre eller lägre värde är bättre; utan den räknas det ut från "
        "utgångsvärdet och målvärdet.",
    )
    outcomes: list[Outcome] = Field(
        default_factory=list, alias="utfall", description="Uppmätta värden, ett per period."
    )
    follow_up_event: Slug | None = Field(
        None,
        alias="följs_upp_vid",
        description="Id för händelsen i årshjulet där indikatorn följs upp (annars målens).",
    )

    def better_way(self) -> Better | None:
        """Whether higher or lower is better: as written, else from baseline to target."""
        if self.better is not None:
            return self.better
        if self.baseline is None or self.target is None:
            return None
        if self.target.value == self.baseline.value:
            return None
        return Better.UP if self.target.value > self.baseline.value else Better.DOWN


class BoardGoal(SkaModel):
    """One of nämndens mål, linked up to a kommunfullmäktige målområde."""

    id: Slug = Field(description="Kort id som insatser och utvecklingsplaner hänvisar till.")
    name: Text = Field(alias="namn", description="Målet som det står i beslutet.")
    council_area: Slug = Field(
        alias="kf_målområde",
        description="Id för kommunfullmäktiges målområde som målet bidrar till.",
    )
    descriptions: list[Text] = Field(
        default_factory=list, alias="beskrivning", description="Målbilder, en per punkt."
    )
    goal_areas: list[GoalArea] = Field(
        default_factory=list,
        alias="läroplansområden",
        description="Läroplanens övergripande målområden som målet avser.",
    )
    indicators: list[Indicator] = Field(
        default_factory=list, alias="indikatorer", description="Hur måluppfyllelsen mäts."
    )


class BoardGoals(SkaModel):
    """`plans/mal.yaml`: nämndens mål for a verksamhetsplan period."""

    period: YearSpan = Field(description="Åren målen gäller, t.ex. från 2026 till 2028.")
    goals: list[BoardGoal] = Field(alias="mål", min_length=1, description="Nämndens mål.")
    follow_up_event: Slug | None = Field(
        None,
        alias="följs_upp_vid",
        description="Id för händelsen i årshjulet där indikatorernas utfall följs upp, "
        "t.ex. huvudmannens kvalitetsrapport eller årsbokslutet.",
    )


class FocusArea(SkaModel):
    id: Slug = Field(description="Kort id som insatser hänvisar till.")
    name: Text = Field(alias="namn", description="Fokusområdets namn.")
    description: Text = Field(alias="beskrivning", description="Vad fokusområdet syftar till.")
    period: YearSpan = Field(description="Åren fokusområdet gäller.")


class FocusAreas(SkaModel):
    """`plans/fokusomraden.yaml`: the strategiska fokusområden."""

    focus_areas: list[FocusArea] = Field(
        alias="fokusområden", min_length=1, description="Strategiska fokusområden."
    )
