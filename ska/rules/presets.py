"""Named presets: the local rules of the seed municipalities, ready to switch on.

A preset turns local rules on (they are off by default), may make an allmänt-råd rule
an error, and sets thresholds and the events its årshjul must hold. A repository
enables presets in `ska.yaml` (`förinställningar: [vetlanda]`); its own `regler` and
`inställningar` then override the preset.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ska.findings import Severity
from ska.model.settings import RequiredEvent
from ska.model.year_wheel import EventKind

AUTUMN = (8, 9, 10, 11, 12)
SPRING = (1, 2, 3, 4, 5, 6)


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    source: str
    severities: dict[str, Severity] = field(default_factory=dict)
    settings: dict[str, object] = field(default_factory=dict)


E, W = Severity.ERROR, Severity.WARNING

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "svenljunga",
            "Svenljunga kommun, Plan för det systematiska kvalitetsarbetet 2026",
            "BUN 2025-12-16 § 142",
            {
                "LOK-dokumentmetadata": E,
                "LOK-arshjul-aktiviteter": E,
                "LOK-deadline-enhetsrapport": E,
                "BK-barnets-basta": E,
                "AR-insats-komplett": E,
                "LOK-utvecklingsplan-finns": E,
            },
            {
                "report_deadline": "30 juni",
                "initiative_fields": ("syfte", "mål", "åtgärder"),
                "required_events": (
                    RequiredEvent(
                        "Kvalitetsdialog med nämnden på hösten och våren",
                        ("kvalitetsdialog",),
                        months=(AUTUMN, SPRING),
                    ),
                    RequiredEvent(
                        "Klimatmätning om trygghet och studiero i september, november och mars",
                        ("klimatmätning", "trygghetsmätning"),
                        months=((9,), (11,), (3,)),
                    ),
                    RequiredEvent(
                        "Uppföljning av screening fyra gånger per läsår",
                        ("screening",),
                        occurrences=4,
                        kind=EventKind.FOLLOW_UP,
                    ),
                ),
            },
        ),
        Preset(
            "svenljunga-2019",
            "Svenljunga kommun, Plan för systematiskt kvalitetsarbete (2019)",
            "BUN 2019-03-06 § 16",
            {
                "LOK-dokumentmetadata": E,
                "LOK-arshjul-aktiviteter": E,
                "LOK-deadline-enhetsrapport": E,
            },
            {
                "report_deadline": "30 juni",
                "required_events": (
                    RequiredEvent("Elevenkät vecka 45–47", ("elevenkät",), weeks=(45, 47)),
                    RequiredEvent(
                        "Uppföljning av alla elevers utveckling i mars och oktober",
                        ("alla elevers",),
                        months=((3,), (10,)),
                    ),
                ),
            },
        ),
        Preset(
            "vetlanda",
            "Vetlanda kommun, Riktlinjer för systematiskt kvalitetsarbete",
            "BUN 2024-06-04 § 55, reviderad 2026-06-09 § 57",
            {
                "LOK-dokumentmetadata": E,
                "LOK-arshjul-aktiviteter": E,
                "LOK-deadline-enhetsrapport": E,
                "LOK-prioriterade-omraden": E,
                "LOK-utvecklingsplan-finns": E,
                "LOK-dialoger-genomforda": E,
                # TLD twice a year (October, April): each grundskola's results per term.
                "LOK-tld-resultat": E,
                "BK-barnets-basta": E,
            },
            {
                # The läsårsrapport is only begun by the resultatdialog (May–June); the
                # guidelines set no earlier deadline, so the law's end of the läsår holds.
                "report_deadline": "30 juni",
                "max_priorities": 3,
                "required_events": (
                    RequiredEvent(
                        "Förutsättningsdialog i september",
                        ("förutsättningsdialog",),
                        months=((9,),),
                        kind=EventKind.DIALOG,
                    ),
                    RequiredEvent(
                        "Processdialog november–februari",
                        ("processdialog",),
                        months=((11, 12, 1, 2),),
                        kind=EventKind.DIALOG,
                    ),
                    RequiredEvent(
                        "Resultatdialog maj–juni",
                        ("resultatdialog",),
                        months=((5, 6),),
                        kind=EventKind.DIALOG,
                    ),
                    RequiredEvent("TLD-enkät i oktober och april", ("tld",), months=((10,), (4,))),
                    # Two named meetings with the nämnd frame the calendar year; any
                    # event that merely mentions the nämnd is not one of them.
                    RequiredEvent("Februarimötet med nämnden", ("februarimöte",), months=((2,),)),
                    RequiredEvent("Oktobermötet med nämnden", ("oktobermöte",), months=((10,),)),
                ),
            },
        ),
        Preset(
            "vaggeryd",
            "Vaggeryds kommun, SKA 2.0 – utvecklat kvalitetsarbete",
            "Vaggeryds kommun, barn- och utbildningsförvaltningen",
            {
                "LOK-internkontroll": W,
                "LOK-egenkontroll": W,
                "AR-uppf-grupper": E,
                "AR-insats-komplett": E,
            },
            # "Dokumentationen kan ske i punktform": the analysis is judged by its causes,
            # not by its length.
            # The rektor's "hygiene" self-check is answered each autumn, in time for the
            # internkontroll's reporting to the förvaltning's ledningsgrupp; the seed names
            # no day, so the day is the default and an årshjul event can move it.
            {"analysis_min_words": 0, "self_check_deadline": "31 oktober"},
        ),
    )
}
