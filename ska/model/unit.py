"""The unit level: the enhet and its utvecklingsplan per läsår.

Files: `units/<enhet>/enhet.yaml` (Unit) and
`units/<enhet>/<läsår>/utvecklingsplan.yaml` (DevelopmentPlan). The folder name is the
unit's id, the läsår folder (`2025-26`) says which läsår a document is for.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ska.model.base import SkaModel
from ska.model.control import Action
from ska.model.curriculum import GoalArea, SchoolForm
from ska.model.tenure import Tenure
from ska.model.types import SchoolUnitCode, SchoolYear, Slug, Text, YesNo
from ska.model.year_wheel import correction


class UnitKind(StrEnum):
    PRESCHOOL_UNIT = "förskoleenhet"
    SCHOOL_UNIT = "skolenhet"


class PrincipalPeriod(Tenure):
    """A rektor's time in office at the unit: name, from and to (both included)."""


def _rektor_or_rektorer_schema(schema: dict[str, Any]) -> None:
    """In the editor's schema: rektor: or rektorer:, one of them."""
    schema["required"] = [k for k in schema.get("required", []) if k != "rektor"]
    schema["anyOf"] = [{"required": ["rektor"]}, {"required": ["rektorer"]}]


class Unit(SkaModel):
    """`units/<enhet>/enhet.yaml`: a förskoleenhet or skolenhet.

    `rektor:` names today's rektor; `rektorer:` lists rektors with the dates they were in
    office, so that a document is compared with the rektor at its own date. A date that
    no period covers falls to `rektor:`.
    """

    model_config = ConfigDict(json_schema_extra=_rektor_or_rektorer_schema)

    name: Text = Field(alias="namn", description="Enhetens namn.")
    kind: UnitKind = Field(alias="typ", description="förskoleenhet eller skolenhet.")
    school_forms: list[SchoolForm] = Field(
        alias="skolformer", min_length=1, description="Skolformer och fritidshem på enheten."
    )
    principal: Text | None = Field(
        alias="rektor",
        description="Rektors namn: rektor i dag, och vid varje datum som rektorer inte täcker.",
    )
    principals: list[PrincipalPeriod] = Field(
        default_factory=list,
        alias="rektorer",
        description="Rektorer med datum (namn, från, till), när rektor har bytts: ett "
        "dokument jämförs med den som var rektor vid dokumentets datum.",
    )
    code: SchoolUnitCode | None = Field(
        None, alias="skolenhetskod", description="Skolverkets skolenhetskod (åtta siffror)."
    )
    grades: Text | None = Field(None, alias="årskurser", description="Årskurser, t.ex. F–6.")
    pupils_from: list[Slug] = Field(
        default_factory=list,
        alias="elever_från",
        description="Enheter (id) som eleverna kommer från, t.ex. en F–6-skola för en "
        "7–9-skola; följer en årskurs bakåt i tiden även över enheter.",
    )
    active_from: dt.date | None = Field(
        None, alias="aktiv_från", description="Datum enheten startade."
    )
    active_until: dt.date | None = Field(
        None, alias="aktiv_till", description="Datum enheten upphörde, om den har upphört."
    )

    @model_validator(mode="before")
    @classmethod
    def _rektor_or_rektorer(cls, data: Any) -> Any:
        """rektor: is required unless rektorer: names the rektors; its absence is then a
        gap the rule judges, like any required key."""
        if isinstance(data, dict) and "rektor" not in data and data.get("rektorer"):
            return {**data, "rektor": None}
        return data

    def principals_on(self, day: dt.date) -> list[str]:
        """The rektor (or, at a handover, rektors) in office on a day: those whose period
        covers it, else `rektor:`; empty if enhet.yaml names no one for that day."""
        named = [p.name for p in self.principals if p.covers(day)]
        if named:
            return named
        return [self.principal] if self.principal else []

    @property
    def current_principal(self) -> str:
        """Today's rektor as the unit names it: `rektor:`, else the latest period's."""
        if self.principal:
            return self.principal
        if not self.principals:
            return ""
        latest = max(self.principals, key=lambda p: (p.end or dt.date.max, p.start or dt.date.min))
        return latest.name

    def active_in(self, year: SchoolYear) -> bool:
        """Whether the unit was active at some point of the läsår."""
        if self.active_from is not None and self.active_from > year.last_day:
            return False
        return self.active_until is None or self.active_until >= year.first_day

    @model_validator(mode="after")
    def _consistent(self) -> Unit:
        preschool = SchoolForm.PRESCHOOL in self.school_forms
        if preschool and self.kind is UnitKind.SCHOOL_UNIT:
            raise PydanticCustomError(
                "enhetstyp",
                "en skolenhet kan inte ha skolformen förskola",
                {"hint": "Skriv typ: förskoleenhet, eller ta bort förskola ur skolformer."},
            )
        if not preschool and self.kind is UnitKind.PRESCHOOL_UNIT:
            raise PydanticCustomError(
                "enhetstyp",
                "en förskoleenhet måste ha skolformen förskola",
                {"hint": "Skriv typ: skolenhet, eller lägg till förskola i skolformer."},
            )
        return self


class Activity(SkaModel):
    """An aktivitet in the effektkedja, with the result it is meant to lead to."""

    description: Text = Field(alias="beskrivning", description="Vad som görs.")
    expected_result: Text = Field(
        alias="förväntat_resultat", description="Vad aktiviteten ska leda till."
    )
    responsible: Text | None = Field(None, alias="ansvarig", description="Vem som ansvarar.")
    when: Text | None = Field(
        None,
        alias="när",
        description="När, som i årshjulet: t.ex. september, v. 38–42, 15 juni, ht2025 – eller "
        "fritt, t.ex. löpande.",
    )

    @field_validator("when")
    @classmethod
    def _a_time_as_the_year_wheel_reads_it(cls, value: str | None) -> str | None:
        """Free text (`löpande`) is fine; what is clearly meant as a time but cannot be
        read (`15/6`, `jan-mars`, `hösten`) would drop out of the årshjul and the calendar,
        so it is an error with the value corrected."""
        corrected = correction(value) if value else None
        if corrected is not None:
            raise PydanticCustomError(
                "när",
                "'{value}' går inte att läsa som en tidpunkt, så aktiviteten kommer inte med "
                "i årshjulet och kalendern",
                {"value": value, "hint": f"Menade du '{corrected}'? Skriv som i årshjulet."},
            )
        return value


class Commitment(SkaModel):
    """An åtagande: a concrete direction within a prioritised goal area."""

    id: Slug = Field(description="Kort id som uppföljningar hänvisar till.")
    description: Text = Field(alias="beskrivning", description="Vad enheten åtar sig.")
    intended_effects: list[Text] = Field(
        alias="tänkta_effekter", min_length=1, description="Vad åtagandet ska leda till."
    )
    activities: list[Activity] = Field(
        alias="aktiviteter", min_length=1, description="Aktiviteter med förväntade resultat."
    )
    initiatives: list[Slug] = Field(
        default_factory=list, alias="insatser", description="Insatser (id) som åtagandet hör till."
    )


class PrioritisedArea(SkaModel):
    """A prioriterat målområde in the utvecklingsplan."""

    goal_area: GoalArea = Field(
        alias="målområde", description="Läroplanens övergripande målområde."
    )
    reason: Text = Field(alias="motivering", description="Varför området prioriteras.")
    board_goals: list[Slug] = Field(
        default_factory=list, alias="nämndmål", description="Nämndens mål (id) som området stödjer."
    )
    commitments: list[Commitment] = Field(
        alias="åtaganden", min_length=1, description="Åtaganden inom området."
    )


class PlanFollowUp(SkaModel):
    """A dated follow-up of the utvecklingsplan during the läsår."""

    date: dt.date = Field(alias="datum", description="När uppföljningen gjordes.")
    commitment: Slug = Field(alias="åtagande", description="Åtagandet (id) som följs upp.")
    text: Text = Field(description="Vad uppföljningen visade och vad som justeras.")
    deficiency: YesNo = Field(
        False, alias="brist", description="Om uppföljningen visar en brist (skollagen 4 kap. 7 §)."
    )
    action: Action | None = Field(
        None, alias="åtgärd", description="Åtgärden mot bristen, med ansvarig och datum."
    )


class TeamAssignment(SkaModel):
    """A teamuppdrag: what the rektor asks one arbetslag (team) to develop during the
    läsår, which åtaganden it serves and which results the team analyses itself
    (Vaggeryd's SKA 2.0: results are analysed at skolform, unit and team level)."""

    team: Text = Field(alias="arbetslag", description="Arbetslaget, t.ex. Arbetslag 8.")
    assignment: Text = Field(alias="uppdrag", description="Vad arbetslaget ska utveckla.")
    commitments: list[Slug] = Field(
        default_factory=list,
        alias="åtaganden",
        description="Åtaganden (id) i planen som uppdraget bidrar till.",
    )
    results: list[Text] = Field(
        default_factory=list,
        alias="följer_upp",
        description="Resultat som arbetslaget själv analyserar, t.ex. betyg per klass och kön.",
    )
    check_in: Text | None = Field(
        None, alias="avstämning", description="När rektor och arbetslaget stämmer av uppdraget."
    )
    groups: list[Text] = Field(
        default_factory=list,
        alias="grupper",
        description="Arbetslagets grupper, skrivna som i kolumnen grupp i resultatfilerna, "
        "t.ex. åk 7 eller 9A: läsårets resultat för dem (och för klasserna i en årskurs) "
        "sammanfattas per arbetslag i kvalitetsrapporten och utvecklingsplanen.",
    )


class DevelopmentPlan(SkaModel):
    """`units/<enhet>/<läsår>/utvecklingsplan.yaml`: the unit's plan for the läsår."""

    responsible: Text = Field(alias="ansvarig", description="Rektor som ansvarar för planen.")
    date: dt.date = Field(alias="datum", description="När planen senast ändrades.")
    priorities: list[PrioritisedArea] = Field(
        alias="prioriterade_målområden",
        min_length=1,
        description="Prioriterade övergripande målområden med åtaganden.",
    )
    follow_ups: list[PlanFollowUp] = Field(
        default_factory=list, alias="uppföljningar", description="Uppföljningar under läsåret."
    )
    team_assignments: list[TeamAssignment] = Field(
        default_factory=list,
        alias="teamuppdrag",
        description="Arbetslagens uppdrag för läsåret, med de åtaganden de bidrar till.",
    )
