"""Skolformer and the curricula's overarching goal areas (läroplanernas kapitel 2).

The matrix says which goal areas each skolform's curriculum has, under which heading
and section number, so a unit's goals can be checked against its own curriculum. Each
curriculum carries the period it applied; a läsår is judged by the curriculum in force at
its end (the day its report describes), so a 2018/19 förskola report is read against
Lpfö 98 and a 2019/20 one against Lpfö 18. The goal-area keys stay the same across
versions; the headings and the curriculum's name change.

Dates: Lpfö 18 from 1 July 2019 (Skolverket, "Reviderad läroplan för förskolan");
Lpfö 98 rev. 2016 from 1 July 2016 and rev. 2010 before it (Skolverket's 2011 English
translation lists its headings); Lgr22 from 1 July 2022 (chapter 2 has the same headings
as Lgr11); the grundsärskola and gymnasiesärskola curricula took the names of the
anpassade skolformerna on 2 July 2023 (Skolverket, "Nya namn på vissa skolformer").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ska.model.types import SchoolYear, period_text


class SchoolForm(StrEnum):
    """Skolformer and fritidshem, with the names in force since 2023."""

    PRESCHOOL = "förskola"
    PRESCHOOL_CLASS = "förskoleklass"
    COMPULSORY = "grundskola"
    ADAPTED_COMPULSORY = "anpassad_grundskola"
    LEISURE_CENTRE = "fritidshem"
    SPECIAL = "specialskola"
    SAMI = "sameskola"
    UPPER_SECONDARY = "gymnasieskola"
    ADAPTED_UPPER_SECONDARY = "anpassad_gymnasieskola"
    ADULT = "komvux"

    @property
    def label(self) -> str:
        return _FORM_LABELS[self]

    @property
    def curriculum(self) -> Curriculum:
        """Today's curriculum: the latest version."""
        return _FORM_CURRICULA[self][-1]

    @property
    def curricula(self) -> tuple[Curriculum, ...]:
        """Every version of the form's curriculum ska knows, oldest first."""
        return _FORM_CURRICULA[self]

    def curriculum_on(self, day: dt.date | None) -> Curriculum:
        """The curriculum in force on a day (None: today's). Before the oldest version
        ska knows, the oldest."""
        versions = _FORM_CURRICULA[self]
        if day is None:
            return versions[-1]
        for version in versions:
            if version.valid_to is None or day <= version.valid_to:
                return version
        return versions[-1]

    @property
    def has_pupils(self) -> bool:
        """Everything but förskola has elever (pupils) rather than barn (children)."""
        return self is not SchoolForm.PRESCHOOL

    @property
    def has_guardians(self) -> bool:
        """Pupils of komvux are adults; every other form has vårdnadshavare."""
        return self is not SchoolForm.ADULT


_FORM_LABELS = {
    SchoolForm.PRESCHOOL: "Förskola",
    SchoolForm.PRESCHOOL_CLASS: "Förskoleklass",
    SchoolForm.COMPULSORY: "Grundskola",
    SchoolForm.ADAPTED_COMPULSORY: "Anpassad grundskola",
    SchoolForm.LEISURE_CENTRE: "Fritidshem",
    SchoolForm.SPECIAL: "Specialskola",
    SchoolForm.SAMI: "Sameskola",
    SchoolForm.UPPER_SECONDARY: "Gymnasieskola",
    SchoolForm.ADAPTED_UPPER_SECONDARY: "Anpassad gymnasieskola",
    SchoolForm.ADULT: "Kommunal vuxenutbildning (komvux)",
}


class GoalArea(StrEnum):
    """The overarching goal areas of chapter 2 of the curricula."""

    NORMS_VALUES = "normer_och_värden"
    KNOWLEDGE = "kunskaper"
    INFLUENCE = "ansvar_och_inflytande"
    HOME = "samverkan_med_hemmet"
    TRANSITION = "övergång_och_samverkan"
    WORLD_CHOICE = "omvärld_och_utbildningsval"
    EVALUATION = "uppföljning_och_utvärdering"
    PRESCHOOL_TEACHER = "förskollärares_ansvar"
    ASSESSMENT = "bedömning_och_betyg"
    PRINCIPAL = "rektors_ansvar"
    # The centralt innehåll of förskoleklassen (Lgr22 kapitel 3) and fritidshemmet
    # (kapitel 4): areas a unit can tag its goals and insatser with.
    LANGUAGE = "språk_och_kommunikation"
    CREATIVE = "skapande_och_estetiska_uttrycksformer"
    MATHEMATICS = "matematiska_resonemang"
    NATURE_SOCIETY = "natur_och_samhälle"
    PLAY = "lekar_fysisk_aktivitet_och_utevistelse"


@dataclass(frozen=True, slots=True)
class Curriculum:
    """One curriculum and the goal areas of its chapter 2: key → (section, heading)."""

    name: str
    areas: dict[GoalArea, tuple[str, str]]
    # Areas of the form's own chapter (Lgr22 kap. 3 and 4): allowed as tags, not
    # required in every follow-up as chapter 2's are.
    own_areas: dict[GoalArea, tuple[str, str]] = field(default_factory=dict)
    # The period the version applied (None: open); see SchoolForm.curriculum_on.
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def validity(self) -> str:
        """The period in Swedish, as `ska regler` writes a rule's."""
        return period_text(self.valid_from, self.valid_to, "alla läsår")

    def dated(self, name: str, start: dt.date | None, end: dt.date | None) -> Curriculum:
        """The same goal areas under another name and period."""
        return Curriculum(name, self.areas, self.own_areas, start, end)


LPFO18_FROM = dt.date(2019, 7, 1)
LGR22_FROM = dt.date(2022, 7, 1)
ADAPTED_NAMES_FROM = dt.date(2023, 7, 2)  # grundsärskola → anpassad grundskola …
_LPFO98_REV2016_FROM = dt.date(2016, 7, 1)


def _before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


_LPFO98_2010 = Curriculum(
    "Lpfö 98 (reviderad 2010)",
    {
        GoalArea.NORMS_VALUES: ("2.1", "Normer och värden"),
        GoalArea.KNOWLEDGE: ("2.2", "Utveckling och lärande"),
        GoalArea.INFLUENCE: ("2.3", "Barns inflytande"),
        GoalArea.HOME: ("2.4", "Förskola och hem"),
        GoalArea.TRANSITION: ("2.5", "Samverkan med förskoleklassen, skolan och fritidshemmet"),
        GoalArea.EVALUATION: ("2.6", "Uppföljning, utvärdering och utveckling"),
        GoalArea.PRINCIPAL: ("2.7", "Förskolechefens ansvar"),
    },
    valid_to=_before(_LPFO98_REV2016_FROM),
)
_LPFO98_2016 = Curriculum(
    "Lpfö 98 (reviderad 2016)",
    {
        **_LPFO98_2010.areas,
        GoalArea.TRANSITION: ("2.5", "Övergång och samverkan"),
    },
    valid_from=_LPFO98_REV2016_FROM,
    valid_to=_before(LPFO18_FROM),
)
_LPFO18 = Curriculum(
    "Lpfö 18",
    {
        GoalArea.NORMS_VALUES: ("2.1", "Normer och värden"),
        GoalArea.KNOWLEDGE: ("2.2", "Omsorg, utveckling och lärande"),
        GoalArea.INFLUENCE: ("2.3", "Barns delaktighet och inflytande"),
        GoalArea.HOME: ("2.4", "Förskola och hem"),
        GoalArea.TRANSITION: ("2.5", "Övergång och samverkan"),
        GoalArea.EVALUATION: ("2.6", "Uppföljning, utvärdering och utveckling"),
        GoalArea.PRESCHOOL_TEACHER: ("2.7", "Förskollärares ansvar i undervisningen"),
        GoalArea.PRINCIPAL: ("2.8", "Rektorns ansvar"),
    },
    valid_from=LPFO18_FROM,
)

_LGR22_AREAS = {
    GoalArea.NORMS_VALUES: ("2.1", "Normer och värden"),
    GoalArea.KNOWLEDGE: ("2.2", "Kunskaper"),
    GoalArea.INFLUENCE: ("2.3", "Elevernas ansvar och inflytande"),
    GoalArea.HOME: ("2.4", "Skola och hem"),
    GoalArea.TRANSITION: ("2.5", "Övergång och samverkan"),
    GoalArea.WORLD_CHOICE: ("2.6", "Skolan och omvärlden"),
    GoalArea.ASSESSMENT: ("2.7", "Bedömning och betyg"),
    GoalArea.PRINCIPAL: ("2.8", "Rektorns ansvar"),
}
_LGR22 = Curriculum("Lgr22", _LGR22_AREAS, valid_from=LGR22_FROM)
# Förskoleklass and fritidshem follow Lgr22's chapter 2 but give no grades, and each has
# its own chapter: förskoleklassen kapitel 3, fritidshemmet kapitel 4.
_LGR22_NO_GRADES_AREAS: dict[GoalArea, tuple[str, str]] = {
    k: v for k, v in _LGR22_AREAS.items() if k is not GoalArea.ASSESSMENT
}
_LGR22_PRESCHOOL_CLASS = Curriculum(
    "Lgr22",
    _LGR22_NO_GRADES_AREAS,
    valid_from=LGR22_FROM,
    own_areas={
        GoalArea.LANGUAGE: ("3", "Språk och kommunikation"),
        GoalArea.CREATIVE: ("3", "Skapande och estetiska uttrycksformer"),
        GoalArea.MATHEMATICS: ("3", "Matematiska resonemang och uttrycksformer"),
        GoalArea.NATURE_SOCIETY: ("3", "Natur, teknik och samhälle"),
        GoalArea.PLAY: ("3", "Lekar, fysisk aktivitet och utevistelse"),
    },
)
_LGR22_LEISURE = Curriculum(
    "Lgr22",
    _LGR22_NO_GRADES_AREAS,
    valid_from=LGR22_FROM,
    own_areas={
        GoalArea.LANGUAGE: ("4", "Språk och kommunikation"),
        GoalArea.CREATIVE: ("4", "Skapande och estetiska uttrycksformer"),
        GoalArea.NATURE_SOCIETY: ("4", "Natur och samhälle"),
        GoalArea.PLAY: ("4", "Lekar, fysisk aktivitet och utevistelse"),
    },
)
_LGRSA22 = Curriculum(
    "Läroplan för anpassade grundskolan", _LGR22_AREAS, valid_from=ADAPTED_NAMES_FROM
)

_LGY11_AREAS = {
    GoalArea.KNOWLEDGE: ("2.1", "Kunskaper"),
    GoalArea.NORMS_VALUES: ("2.2", "Normer och värden"),
    GoalArea.INFLUENCE: ("2.3", "Elevernas ansvar och inflytande"),
    GoalArea.WORLD_CHOICE: ("2.4", "Utbildningsval – arbete och samhällsliv"),
    GoalArea.ASSESSMENT: ("2.5", "Bedömning och betyg"),
    GoalArea.PRINCIPAL: ("2.6", "Rektorns ansvar"),
}
_LGY11 = Curriculum("Lgy11", _LGY11_AREAS)
_LGYSA13 = Curriculum(
    "Läroplan för anpassade gymnasieskolan", _LGY11_AREAS, valid_from=ADAPTED_NAMES_FROM
)

_LVUX12 = Curriculum(
    "Lvux12",
    {
        GoalArea.KNOWLEDGE: ("2.1", "Kunskaper"),
        GoalArea.ASSESSMENT: ("2.2", "Bedömning och betyg"),
        GoalArea.PRINCIPAL: ("2.3", "Rektorns ansvar"),
    },
)

_LGR11_END = _before(LGR22_FROM)
_ADAPTED_END = _before(ADAPTED_NAMES_FROM)
# Lgr11's chapter 2 has the same headings as Lgr22's, and förskoleklassen and
# fritidshemmet had their own chapters 3 and 4 in it as well (since 2016).
_FORM_CURRICULA: dict[SchoolForm, tuple[Curriculum, ...]] = {
    SchoolForm.PRESCHOOL: (_LPFO98_2010, _LPFO98_2016, _LPFO18),
    SchoolForm.PRESCHOOL_CLASS: (
        _LGR22_PRESCHOOL_CLASS.dated("Lgr11", None, _LGR11_END),
        _LGR22_PRESCHOOL_CLASS,
    ),
    SchoolForm.COMPULSORY: (_LGR22.dated("Lgr11", None, _LGR11_END), _LGR22),
    SchoolForm.ADAPTED_COMPULSORY: (
        _LGRSA22.dated("Läroplan för grundsärskolan (Lgrsär11)", None, _LGR11_END),
        _LGRSA22.dated("Läroplan för grundsärskolan (Lgrsär22)", LGR22_FROM, _ADAPTED_END),
        _LGRSA22,
    ),
    SchoolForm.LEISURE_CENTRE: (_LGR22_LEISURE.dated("Lgr11", None, _LGR11_END), _LGR22_LEISURE),
    SchoolForm.SPECIAL: (_LGR22.dated("Lgr11", None, _LGR11_END), _LGR22),
    SchoolForm.SAMI: (_LGR22.dated("Lgr11", None, _LGR11_END), _LGR22),
    SchoolForm.UPPER_SECONDARY: (_LGY11,),
    SchoolForm.ADAPTED_UPPER_SECONDARY: (
        _LGYSA13.dated("Läroplan för gymnasiesärskolan (Lgysär13)", None, _ADAPTED_END),
        _LGYSA13,
    ),
    SchoolForm.ADULT: (_LVUX12,),
}


def judged_on(year: SchoolYear) -> dt.date:
    """The day whose curriculum a läsår is judged by: its last, the day its report
    describes (a curriculum that came into force during the läsår is the one to use)."""
    return year.last_day


def areas_for(forms: list[SchoolForm], day: dt.date | None = None) -> set[GoalArea]:
    """The goal areas that at least one of these skolformer's curricula in force on `day`
    (None: today's) has, with those of förskoleklassens and fritidshemmets own chapters."""
    areas: set[GoalArea] = set()
    for form in forms:
        curriculum = form.curriculum_on(day)
        areas.update(curriculum.areas)
        areas.update(curriculum.own_areas)
    return areas


def area_heading(area: GoalArea, forms: Sequence[SchoolForm], day: dt.date | None = None) -> str:
    """A goal area's heading in the curriculum, in force on `day` (None: today's), of the
    first skolform that has it."""
    for form in forms:
        curriculum = form.curriculum_on(day)
        if area in curriculum.areas:
            return curriculum.areas[area][1]
        if area in curriculum.own_areas:
            return curriculum.own_areas[area][1]
    return area.value.replace("_", " ").capitalize()


def all_headings(form: SchoolForm) -> set[str]:
    """The chapter-2 headings of every version of the form's curriculum."""
    return {heading for c in form.curricula for _, heading in c.areas.values()}
