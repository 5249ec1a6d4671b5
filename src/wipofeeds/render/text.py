"""Text more than one format writes the same way (no format of its own).

- XML-safe text (:func:`xml_text`) for the feeds, JSON that is safe inside an HTML
  ``<script>`` (:func:`dumps_safe`) for the JSON documents and the pages' JSON-LD;
- what a feed entry says about a session, in RSS, Atom and the JSON Feed alike: its
  title, one-line summary and body as HTML and as plain text.
"""

from __future__ import annotations

import json
import re
from html import escape

from ..model import Catalog, Session, Status
from ..views import ics_url, page_url, safe_href
from ..wording import place_and_mode, when

# Characters XML 1.0 cannot carry at all, not even as references (lxml refuses them).
# xml_text() strips them from every text put into a feed; JSON escapes them instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, most C0 controls…)."""
    return _NOT_XML.sub("", text)


def h(text: str) -> str:
    """Text → HTML-escaped, XML-safe text."""
    return escape(xml_text(text), quote=True)


def dumps_safe(obj, indent: int | None = 2) -> str:
    """JSON text that is also safe inside HTML ``<script>`` (JSON-LD) and JavaScript:
    the characters that could end the element or a JS string are escaped. They can only
    occur inside strings, where the escape means the same character."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return text


# --- a session as a feed entry ----------------------------------------------------------


def entry_title(session: Session) -> str:
    """The title, led by the status when the session is not going ahead as planned."""
    if session.status is Status.CONFIRMED:
        return xml_text(session.title)
    return xml_text(f"{session.status.value.capitalize()}: {session.title}")


def summary(session: Session) -> str:
    """One line for people: '28–29 October 2025, 10:00–18:00 Geneva time (CET, UTC+1) ·
    Geneva, Switzerland · Hybrid'."""
    return f"{when(session)} · {place_and_mode(session)}"


def _facts(session: Session) -> list[tuple[str, str]]:
    facts = [("When", when(session)), ("Where", place_and_mode(session))]
    if session.status is not Status.CONFIRMED:
        facts.insert(0, ("Status", session.status.value.capitalize()))
    return facts


def _links(catalog: Catalog, session: Session) -> list[tuple[str, str]]:
    links = [("Session page", page_url(catalog, session)), ("Add to calendar (.ics)", ics_url(catalog, session))]
    if href := safe_href(session.url):
        links.append(("Official page", href))
    if href := safe_href(session.conference_url):
        links.append(("Join online", href))
    return links


def session_html(catalog: Catalog, session: Session) -> str:
    """The entry body: facts, one <p> per paragraph (escaped text), links."""
    parts = [f"<p><strong>{label}:</strong> {h(value)}</p>" for label, value in _facts(session)]
    parts += [f"<p>{h(p)}</p>" for p in session.paragraphs]
    links = " · ".join(f'<a href="{h(href)}">{label}</a>' for label, href in _links(catalog, session))
    parts.append(f"<p>{links}</p>")
    return "\n".join(parts)


def session_text(catalog: Catalog, session: Session) -> str:
    """The same body as plain text (JSON Feed ``content_text``)."""
    parts = [f"{label}: {value}" for label, value in _facts(session)]
    parts += list(session.paragraphs)
    parts += [f"{label}: {href}" for label, href in _links(catalog, session)]
    return "\n\n".join(parts)
