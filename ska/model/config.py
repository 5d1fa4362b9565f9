"""The repository configuration, `ska.yaml` at the root: presets, severities, exceptions.

Which rules run and how hard they bite is the kommun's choice: local rules from the
seeds come as named presets (`förinställningar`), any rule's severity can be changed
(`regler`), thresholds are set under `inställningar`, and a justified gap is recorded
as an `undantag` with a reason and an expiry date, so it shows rather than hides.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ska.model import settings as resolved
from ska.model.base import SkaModel
from ska.model.types import Slug, Text, YesNo

# The defaults live in the resolved settings (`ska.model.settings.Settings`); what a
# setting says about its default is taken from there.
_DEFAULTS = resolved.Settings()


def default_text(name: str) -> str:
    """A setting's default as ska.yaml writes it: `ja` for True, 10 rather than 10.0."""
    value = getattr(_DEFAULTS, name)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) or "ingen"


class Level(StrEnum):
    """A severity as the configuration writes it; `av` turns a rule off."""

    ERROR = "fel"
    WARNING = "varning"
    INFO = "info"
    OFF = "av"


class Settings(SkaModel):
    """Thresholds the rules use. Unset values come from the presets, then the defaults."""

    analysis_min_words: int | None = Field(
        None,
        alias="analys_min_ord",
        ge=0,
        description=f"Minsta antal ord i en analys innan den räknas som kort "
        f"(standard {default_text('analysis_min_words')}).",
    )
    min_group_size: int | None = Field(
        None,
        alias="min_gruppstorlek",
        ge=1,
        description=f"Minsta grupp som får visas i publicerade resultat "
        f"(standard {default_text('min_group_size')}).",
    )
    max_priorities: int | None = Field(
        None,
        alias="max_prioriterade_områden",
        ge=1,
        description=f"Högsta antal prioriterade målområden i en utvecklingsplan "
        f"(standard {default_text('max_priorities')}).",
    )
    count_includes_knowledge: YesNo | None = Field(
        None,
        alias="antal_inklusive_kunskaper",
        description=f"Om kunskaper räknas in i högsta antalet prioriterade områden "
        f"(standard {default_text('count_includes_knowledge')}).",
    )
    review_max_months: int | None = Field(
        None,
        alias="granskning_max_månader",
        ge=1,
        description=f"Hur gammal planens senaste granskning får vara, i månader "
        f"(standard {default_text('review_max_months')}).",
    )
    deficiency_days: int | None = Field(
        None,
        alias="brist_åtgärd_dagar",
        ge=0,
        description="Dagar från att en brist noteras tills en åtgärd ska vara kopplad "
        f"(standard {default_text('deficiency_days')}).",
    )
    report_deadline: Text | None = Field(
        None,
        alias="rapport_senast",
        description="När enheternas kvalitetsrapporter ska vara klara, t.ex. '30 juni' "
        f"(standard {default_text('report_deadline')}).",
    )
    self_check_deadline: Text | None = Field(
        None,
        alias="egenkontroll_senast",
        description="När enheternas egenkontroll ska vara besvarad, t.ex. '31 oktober'; en "
        "händelse om egenkontroll i årshjulet går före "
        f"(standard {default_text('self_check_deadline')}).",
    )
    build_folder: Text | None = Field(
        None,
        alias="byggmapp",
        description=f"Mappen med byggda dokument för publicering "
        f"(standard {default_text('build_folder')}).",
    )
    logo: Text | None = Field(
        None,
        alias="logotyp",
        description="Kommunens logotyp på dokumentens försättsblad: en PNG-, JPEG- eller "
        f"SVG-fil i repositoriet, t.ex. plans/logotyp.png (standard {default_text('logo')}).",
    )
    flag_drop: float | None = Field(
        None,
        alias="flagga_nedgång",
        gt=0,
        description="Hur mycket ett resultat får gå ned mot förra mätningen innan det "
        "flaggas, i procentenheter eller måttets enhet "
        f"(standard {default_text('flag_drop')}).",
    )
    flag_gender_gap: float | None = Field(
        None,
        alias="flagga_könsskillnad",
        gt=0,
        description="Hur mycket skillnaden mellan flickor och pojkar får växa innan den "
        "flaggas, i procentenheter eller måttets enhet "
        f"(standard {default_text('flag_gender_gap')}).",
    )
    flag_below_reference: float | None = Field(
        None,
        alias="flagga_under_jämförelse",
        gt=0,
        description="Hur långt under riket eller kommunen ett resultat får ligga innan det "
        "flaggas, i procentenheter eller måttets enhet "
        f"(standard {default_text('flag_below_reference')}).",
    )
    protect_key_figures: YesNo | None = Field(
        None,
        alias="skydda_nyckeltal",
        description="Om små antal bland rapporternas nyckeltal (t.ex. inskrivna barn) visas "
        "som .. under min_gruppstorlek, som resultat; annars bara nyckeltal märkta "
        f"skyddas: ja (standard {default_text('protect_key_figures')}).",
    )


class RuleException(SkaModel):
    """An accepted gap: a rule that may fail here, for a reason, until a date."""

    rule: Text = Field(alias="regel", description="Regelns id, t.ex. AR-analys-trend.")
    unit: Slug | None = Field(
        None, alias="enhet", description="Enheten (id) undantaget gäller; tomt för alla."
    )
    path: Text | None = Field(
        None, alias="fil", description="Fil eller mapp undantaget gäller, om bara en."
    )
    reason: Text = Field(alias="skäl", description="Varför avvikelsen är motiverad.")
    until: dt.date = Field(alias="gäller_till", description="Sista dag undantaget gäller.")


SectionRole = Literal[
    "sammanfattning",
    "förutsättningar",
    "resultat",
    "analys",
    "tidigare_insatser",
    "delaktighet",
    "utvecklingsområden",
    "klagomål",
]


class Config(SkaModel):
    """`ska.yaml`: how this repository's documentation is checked."""

    presets: list[Slug] = Field(
        default_factory=list,
        alias="förinställningar",
        description="Lokala regeluppsättningar, t.ex. [svenljunga] eller [vetlanda].",
    )
    history_from: dt.date | None = Field(
        None,
        alias="historik_från",
        description="Dagen dokumentationen flyttades in i git. Dokument som kom in i git "
        "före den dagen räknas som inlämnade på sitt eget datum (inlämnad eller datum), "
        "inte på dagen de checkades in.",
    )
    rules: dict[str, Level] = Field(
        default_factory=dict,
        alias="regler",
        description="Allvarlighet per regel-id: fel, varning, info eller av.",
    )
    settings: Settings = Field(
        default_factory=Settings, alias="inställningar", description="Tröskelvärden."
    )
    exceptions: list[RuleException] = Field(
        default_factory=list, alias="undantag", description="Godtagna, tidsbegränsade avvikelser."
    )
    headings: dict[SectionRole, list[Text]] = Field(
        default_factory=dict,
        alias="rubriker",
        description="Egna rubriker i kvalitetsrapporterna per del som ska kontrollerar, t.ex. "
        "analys: [Sammanfattande analys]. Flera rubriker kan höra till samma del.",
    )
