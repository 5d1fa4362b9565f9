"""`plans/<läsår>/dialoger/<id>.yaml`: a dialog or meeting that was held – which årshjul
event it was, when, who took part (by role), for which units, what was asked, what was
agreed, and how the agreements of earlier dialogs were followed up."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from ska.model.base import SkaModel
from ska.model.types import Slug, Text


class Participant(SkaModel):
    role: Slug = Field(alias="roll", description="Rollen (id i huvudman.yaml) som deltog.")
    name: Text | None = Field(None, alias="namn", description="Namnet, om det ska stå med.")
    unit: Slug | None = Field(None, alias="enhet", description="Enheten (id) deltagaren kom från.")


class Agreement(SkaModel):
    id: Slug = Field(description="Kort id som senare dialoger följer upp.")
    text: Text = Field(description="Vad man kom överens om.")
    responsible: Slug | None = Field(
        None, alias="ansvarig", description="Rollen (id) som ansvarar."
    )
    units: list[Slug] = Field(
        default_factory=list,
        alias="enheter",
        description="Enheterna (id) överenskommelsen gäller; tom: alla dialogens enheter.",
    )
    deadline: dt.date | None = Field(None, alias="klart", description="När det ska vara gjort.")


class AgreementState(StrEnum):
    DONE = "genomförd"
    ONGOING = "pågår"
    NOT_DONE = "inte_genomförd"


class AgreementFollowUp(SkaModel):
    dialog: Slug = Field(description="Den tidigare dialogen (filens id).")
    agreement: Slug = Field(alias="överenskommelse", description="Överenskommelsen (id).")
    state: AgreementState = Field(
        alias="status", description="genomförd, pågår eller inte_genomförd."
    )
    text: Text | None = Field(None, alias="kommentar", description="Vad som har hänt.")


class Dialog(SkaModel):
    """A dialog or meeting held, with its record."""

    event: Slug = Field(alias="händelse", description="Händelsen (id) i årshjulet.")
    date: dt.date = Field(alias="datum", description="När dialogen hölls.")
    units: list[Slug] = Field(
        alias="enheter", min_length=1, description="Enheterna (id) som deltog."
    )
    participants: list[Participant] = Field(
        alias="deltagare", min_length=1, description="Vilka som deltog, per roll."
    )
    questions: list[Text] = Field(
        default_factory=list, alias="frågor", description="Frågorna som togs upp."
    )
    agreements: list[Agreement] = Field(
        default_factory=list, alias="överenskommelser", description="Vad man kom överens om."
    )
    follow_ups: list[AgreementFollowUp] = Field(
        default_factory=list,
        alias="uppföljning_av_tidigare",
        description="Hur överenskommelser från tidigare dialoger har följts upp.",
    )
