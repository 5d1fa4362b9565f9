"""Checks of the obligations: documents the årshjul (or the law) wants by a date."""

from __future__ import annotations

from ska.checks.base import Check, Example, RuleClass
from ska.checks.minimal import PLAN, REPORT, REPORT_TEXT, YEAR_WHEEL, YEAR_WHEEL_TEXT, edited
from ska.findings import Severity

_PLAN_EVENT = """\
  - id: utvecklingsplaner
    namn: Enheternas utvecklingsplaner är klara
    typ: rapport
    när: 30 september
    nivå: enhet
    ansvarig: [rektor]
    dokument: utvecklingsplan
"""
_STATUS = "status: klar\n"

FRIST_SAKNAS = Check(
    id="FRIST-saknas",
    rule_class=RuleClass.LOCAL,
    title="Ett dokument saknas efter sista dagen",
    explanation="Årshjulets händelser med dokument (och lagens krav på kvalitetsrapporter) "
    "säger när varje enhets utvecklingsplan och kvalitetsrapport och huvudmannens "
    "kvalitetsrapport ska vara klara. Efter sista dagen är ett dokument som inte är "
    "incheckat på huvudgrenen, inte går att läsa eller fortfarande är ett utkast ett fel, "
    "vilket läsår det än gäller. ska bedömer läsåret som pågår och, tills allt i det är "
    "inlämnat, läsåret innan.",
    severity=Severity.ERROR,
    failing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT + _PLAN_EVENT, PLAN: None}),
    passing=Example({YEAR_WHEEL: YEAR_WHEEL_TEXT + _PLAN_EVENT}),
)
FRIST_SENT = Check(
    id="FRIST-sent",
    rule_class=RuleClass.LOCAL,
    title="Ett dokument lämnades in efter sista dagen",
    explanation="Dokumentet finns, men kom in efter sista dagen i årshjulet: den dag det "
    "först checkades in på huvudgrenen, eller dagen i rapportens inlämnad. Dokument som kom "
    "in i git före historik_från i ska.yaml räknas som inlämnade på sitt eget datum.",
    severity=Severity.INFO,
    failing=Example({REPORT: edited(REPORT_TEXT, (_STATUS, _STATUS + "inlämnad: 2026-07-03\n"))}),
    passing=Example({REPORT: edited(REPORT_TEXT, (_STATUS, _STATUS + "inlämnad: 2026-06-26\n"))}),
)

CHECKS = (FRIST_SAKNAS, FRIST_SENT)
