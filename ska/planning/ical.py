"""The årshjul as an iCalendar file (RFC 5545) that Outlook and Google YearWheel import.

One VEVENT per occurrence. Every event in the årshjul is a day or a period without a
time of day, so all are all-day events (`VALUE=DATE`, the end date exclusive), which
calendars show the same in every time zone; the calendar still names Europe/Stockholm.
UIDs are stable (läsår, event, occurrence, unit), so importing the file again updates the
events instead of adding copies. Lines are folded at 75 octets and end in CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ska.planning.occurrences import KIND_LABELS, Occurrence

PRODUCT = "-//ska//Systematiskt kvalitetsarbete//SV"


def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _ascii(text: str) -> str:
    """Lower-case ASCII letters, digits and dashes, for UIDs that every client accepts."""
    kept = "".join(
        c if c.isascii() and c.isalnum() else "-" for c in text.casefold().translate(_ASCII)
    )
    return "-".join(filter(None, kept.split("-"))) or "ska"


def to_ical(
    items: Sequence[Occurrence], calendar_name: str, organiser: str, stamp: dt.datetime
) -> str:
    """The calendar as text. `stamp` (UTC) is DTSTAMP; pass a fixed one for stable output."""
    domain = f"{_ascii(organiser)}.ska"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
    ]
    for item in items:
        details = [f"Typ: {KIND_LABELS.get(item.kind, item.kind)}", f"När: {item.when}"]
        if item.responsible:
            details.append("Ansvarig: " + ", ".join(item.responsible))
        if item.unit_name:
            details.append(f"Enhet: {item.unit_name}")
        if item.document:
            details.append(f"Dokument som ska vara klart: {item.document.value}")
        if item.description:
            details.append(item.description)
        summary = f"{item.unit_name}: {item.name}" if item.unit_name else item.name
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_ascii(item.uid)}@{domain}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{_date(item.start)}",
            f"DTEND;VALUE=DATE:{_date(item.end + dt.timedelta(days=1))}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(details))}",
            f"CATEGORIES:{_escape(KIND_LABELS.get(item.kind, item.kind))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
