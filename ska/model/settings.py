"""The resolved settings the rules read: defaults, then presets, then `ska.yaml`."""

from __future__ import annotations

from dataclasses import dataclass

from ska.model.year_wheel import EventKind

# The fields of an insats that AR-insats-komplett asks for, by their YAML keys.
INITIATIVE_FIELDS = ("syfte", "mål", "åtgärder", "ansvarig", "period", "uppföljning")


@dataclass(frozen=True, slots=True)
class RequiredEvent:
    """A recurring event a preset requires in the årshjul (LOK-arshjul-aktiviteter).

    An event matches when its name contains one of `words` (case-insensitive) and, if
    `kind` is set, it has that kind. Each tuple in `months` is a choice: at least one of
    its months must be covered. `weeks` asks for ISO weeks, `occurrences` for a count.
    """

    name: str
    words: tuple[str, ...]
    months: tuple[tuple[int, ...], ...] = ()
    weeks: tuple[int, int] | None = None
    occurrences: int = 1
    kind: EventKind | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    analysis_min_words: int = 150
    min_group_size: int = 10
    max_priorities: int = 3
    count_includes_knowledge: bool = True
    review_max_months: int = 12
    deficiency_days: int = 30
    report_deadline: str = "30 juni"
    self_check_deadline: str = "31 oktober"
    build_folder: str = "bygg"
    logo: str = ""
    flag_drop: float = 10.0
    flag_gender_gap: float = 5.0
    flag_below_reference: float = 5.0
    protect_key_figures: bool = False
    required_events: tuple[RequiredEvent, ...] = ()
    initiative_fields: tuple[str, ...] = INITIATIVE_FIELDS
