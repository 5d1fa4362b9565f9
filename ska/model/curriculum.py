"""Skolformer and the curricula's overarching goal areas (läroplanernas kapitel 2).

The matrix says which goal areas each skolform's curriculum has, under which heading
and section number, so a unit's goals can be checked against its own curriculum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


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
        return _FORM_CURRICULUM[self]

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
_LGR22 = Curriculum("Lgr22", _LGR22_AREAS)
# Förskoleklass and fritidshem follow Lgr22's chapter 2 but give no grades, and each has
# its own chapter: förskoleklassen kapitel 3, fritidshemmet kapitel 4.
_LGR22_NO_GRADES_AREAS: dict[GoalArea, tuple[str, str]] = {
    k: v for k, v in _LGR22_AREAS.items() if k is not GoalArea.ASSESSMENT
}
_LGR22_PRESCHOOL_CLASS = Curriculum(
    "Lgr22",
    _LGR22_NO_GRADES_AREAS,
    {
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
    {
        GoalArea.LANGUAGE: ("4", "Språk och kommunikation"),
        GoalArea.CREATIVE: ("4", "Skapande och estetiska uttrycksformer"),
        GoalArea.NATURE_SOCIETY: ("4", "Natur och samhälle"),
        GoalArea.PLAY: ("4", "Lekar, fysisk aktivitet och utevistelse"),
    },
)
_LGRSA22 = Curriculum("Läroplan för anpassade grundskolan", _LGR22_AREAS)

_LGY11_AREAS = {
    GoalArea.KNOWLEDGE: ("2.1", "Kunskaper"),
    GoalArea.NORMS_VALUES: ("2.2", "Normer och värden"),
    GoalArea.INFLUENCE: ("2.3", "Elevernas ansvar och inflytande"),
    GoalArea.WORLD_CHOICE: ("2.4", "Utbildningsval – arbete och samhällsliv"),
    GoalArea.ASSESSMENT: ("2.5", "Bedömning och betyg"),
    GoalArea.PRINCIPAL: ("2.6", "Rektorns ansvar"),
}
_LGY11 = Curriculum("Lgy11", _LGY11_AREAS)
_LGYSA13 = Curriculum("Läroplan för anpassade gymnasieskolan", _LGY11_AREAS)

_LVUX12 = Curriculum(
    "Lvux12",
    {
        GoalArea.KNOWLEDGE: ("2.1", "Kunskaper"),
        GoalArea.ASSESSMENT: ("2.2", "Bedömning och betyg"),
        GoalArea.PRINCIPAL: ("2.3", "Rektorns ansvar"),
    },
)

_FORM_CURRICULUM = {
    SchoolForm.PRESCHOOL: _LPFO18,
    SchoolForm.PRESCHOOL_CLASS: _LGR22_PRESCHOOL_CLASS,
    SchoolForm.COMPULSORY: _LGR22,
    SchoolForm.ADAPTED_COMPULSORY: _LGRSA22,
    SchoolForm.LEISURE_CENTRE: _LGR22_LEISURE,
    SchoolForm.SPECIAL: _LGR22,
    SchoolForm.SAMI: _LGR22,
    SchoolForm.UPPER_SECONDARY: _LGY11,
    SchoolForm.ADAPTED_UPPER_SECONDARY: _LGYSA13,
    SchoolForm.ADULT: _LVUX12,
}


def areas_for(forms: list[SchoolForm]) -> set[GoalArea]:
    """The goal areas that at least one of these skolformer's curricula has, with those of
    förskoleklassens and fritidshemmets own chapters."""
    areas: set[GoalArea] = set()
    for form in forms:
        areas.update(form.curriculum.areas)
        areas.update(form.curriculum.own_areas)
    return areas


def area_heading(area: GoalArea, forms: Sequence[SchoolForm]) -> str:
    """A goal area's heading in the curriculum of the first skolform that has it."""
    for form in forms:
        if area in form.curriculum.areas:
            return form.curriculum.areas[area][1]
        if area in form.curriculum.own_areas:
            return form.curriculum.own_areas[area][1]
    return area.value.replace("_", " ").capitalize()
