"""The årshjul as an iCalendar file (RFC 5545) that Outlook and Google Calendar import,
written with the `icalendar` library, which escapes and folds every value.

One VEVENT per occurrence. Every event in the årshjul is a day or a period without a
time of day, so all are all-day events (`VALUE=DATE`, the end date exclusive), which
calendars show the same in every time zone; the calendar still names Europe/Stockholm.
A period (a dialog in November–February, a term) stays one event, shown as free time. An
event that a document must be ready by is a deadline: one day, its last, with a
reminder a week before. UIDs are stable (läsår, event, occurrence, unit), so importing
the file again updates the events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import icalendar

from ska.planning.occurrences import KIND_LABELS, Occurrence

PRODUCT = "-//ska//Systematiskt kvalitetsarbete//SV"
REMINDER = dt.timedelta(days=7)  # before a deadline

_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _ascii(text: str) -> str:
    """Lower-case ASCII letters, digits and dashes, for UIDs that every client accepts."""
    kept = "".join(
        c if c.isascii() and c.isalnum() else "-" for c in text.casefold().translate(_ASCII)
    )
    return "-".join(filter(None, kept.split("-"))) or "ska"


def _text(value: str) -> icalendar.vText:
    """A TEXT value: every line break (CR, LF or both) one newline, which the library
    escapes as \\n; a property the library does not know (X-WR-CALNAME) is escaped only
    when it is given as vText."""
    return icalendar.vText(value.replace("\r\n", "\n").replace("\r", "\n"))


def _event(item: Occurrence, domain: str, stamp: dt.datetime) -> icalendar.Event:
    label = KIND_LABELS.get(item.kind, item.kind)
    details = [f"Typ: {label}", f"När: {item.when}"]
    if item.responsible:
        details.append("Ansvarig: " + ", ".join(item.responsible))
    if item.unit_name:
        details.append(f"Enhet: {item.unit_name}")
    if item.document:
        details.append(f"Dokument som ska vara klart: {item.document.value}")
    if item.description:
        details.append(item.description)
    summary = f"{item.unit_name}: {item.name}" if item.unit_name else item.name
    deadline = item.document is not None
    start = item.end if deadline else item.start
    event = icalendar.Event()
    event.add("uid", f"{_ascii(item.uid)}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", item.end + dt.timedelta(days=1))
    event.add("summary", _text(f"Sista dag: {summary}" if deadline else summary))
    event.add("description", _text("\n".join(details)))
    event.add("categories", [_text(label)])
    event.add("transp", "TRANSPARENT" if not deadline and start != item.end else "OPAQUE")
    if deadline:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _text(f"Om en vecka: {summary}"))
        alarm.add("trigger", -REMINDER)
        event.add_component(alarm)
    return event


def to_ical(
    items: Sequence[Occurrence], calendar_name: str, organiser: str, stamp: dt.datetime
) -> str:
    """The calendar as text. `stamp` (UTC) is DTSTAMP; pass a fixed one for stable output."""
    domain = f"{_ascii(organiser)}.ska"
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(calendar_name))
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    for item in items:
        calendar.add_component(_event(item, domain, stamp))
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")
