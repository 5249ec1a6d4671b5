"""schema.org Event data (JSON-LD) for a session page: for search engines and assistants."""

from __future__ import annotations

from ..model import Catalog, ChangeKind, Mode, Session, Status
from ..views import page_url

ATTENDANCE = {
    Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    Mode.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
}


def json_ld(catalog: Catalog, session: Session) -> dict:
    """schema.org Event for search engines and assistants."""
    site = catalog.site
    page = page_url(catalog, session)
    occurrences = session.occurrences
    if session.window is None:
        start, end = session.first_day.isoformat(), session.last_day.isoformat()
    else:
        start, end = occurrences[0].start.isoformat(), occurrences[-1].end.isoformat()
    event: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "identifier": session.code,
        "url": page,
        "description": "\n\n".join(session.paragraphs),
        "startDate": start,
        "endDate": end,
        **({} if session.mode is None else {"eventAttendanceMode": ATTENDANCE[session.mode]}),
        **_status(catalog, session),
        **({"location": locations} if (locations := _locations(session, page)) else {}),
        "organizer": {"@type": "Organization", "name": site.author, "url": site.author_url},
    }
    if session.window is not None and session.day_count > 1:
        w = session.window
        event["eventSchedule"] = {
            "@type": "Schedule",
            "startDate": session.first_day.isoformat(),
            "endDate": session.last_day.isoformat(),
            "repeatFrequency": "P1D",
            "startTime": w.start.strftime("%H:%M:%S"),
            "endTime": w.end.strftime("%H:%M:%S"),
            "scheduleTimezone": w.zone,
        }
    if session.tags:
        event["keywords"] = ", ".join(session.tags)
    return event


def _status(catalog: Catalog, session: Session) -> dict:
    if session.status is Status.CANCELLED:
        return {"eventStatus": "https://schema.org/EventCancelled"}
    if session.status is Status.POSTPONED:
        return {"eventStatus": "https://schema.org/EventPostponed"}
    record = catalog.history.get(session.id)
    changes = record.changes if record is not None else ()
    previous = [
        c.previous["first_day"]
        for c in changes
        if c.kind is ChangeKind.RESCHEDULED and c.previous and c.previous.get("first_day")
    ]
    moved = [p for p in previous if p != session.first_day.isoformat()]
    if moved:
        return {
            "eventStatus": "https://schema.org/EventRescheduled",
            "previousStartDate": moved if len(moved) > 1 else moved[0],
        }
    return {"eventStatus": "https://schema.org/EventScheduled"}


def _locations(session: Session, page: str) -> list[dict]:
    """The place and, for a session attended online, where to join; a session whose
    listing states neither mode nor place has no location (none is invented)."""
    places = []
    if session.place is not None and session.mode is not Mode.VIRTUAL:
        address = {"@type": "PostalAddress", "addressLocality": session.place.city}
        if session.place.region:
            address["addressRegion"] = session.place.region
        if session.place.country:
            address["addressCountry"] = session.place.country
        places.append({"@type": "Place", "name": str(session.place), "address": address})
    if session.mode in (Mode.VIRTUAL, Mode.HYBRID) or (session.mode is None and session.conference_url):
        places.append({"@type": "VirtualLocation", "url": session.conference_url or page})
    elif session.mode is Mode.IN_PERSON and session.place is None:
        places.append({"@type": "VirtualLocation", "url": session.conference_url or page})
    return places
