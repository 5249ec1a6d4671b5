"""Write a synthetic listing of N sessions in the real listing format, for benchmarks.

    python benchmarks/make_listing.py 1000 --seed 7 --out /tmp/sessions.txt

Each record is what ``data/sessions.txt`` holds: a document code, a date line (single
days, ranges within a month, across months and across years; Hybrid, Virtual and In
person, with or without a place), an optional daily time window named by a city
("Geneva time"), an abbreviation ("CET") or an offset ("UTC+2"), and a long description
whose "||"-separated paragraphs name the session's ordinal and sometimes quote its title.

Deterministic for a given seed (everything comes from one ``random.Random(seed)``), and
fast: text is assembled from a fixed pool of sentences, not generated word by word.
Windows are daytime hours, so no window falls into a DST gap.
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
from datetime import date, timedelta

MONTHS = calendar.month_name[1:]

# Cities where a session takes place: (city, country, zone label when timed).
PLACES = [
    ("Geneva", "Switzerland", "Geneva time"),
    ("Geneva", "Switzerland", "Geneva time"),
    ("Geneva", "Switzerland", "Geneva time"),
    ("New York", "United States of America", "New York time"),
    ("London", "United Kingdom", "London time"),
    ("Tokyo", "Japan", "Tokyo time"),
    ("Sydney", "Australia", "Sydney time"),
    ("Singapore", "Singapore", "Singapore time"),
    ("Nairobi", "Kenya", "Nairobi time"),
    ("Rio de Janeiro", "Brazil", "Rio de Janeiro time"),
]
# Labels for virtual sessions and for some timed sessions anywhere: city names,
# abbreviations and UTC offsets (the parser must map each to an IANA zone).
VIRTUAL_LABELS = ["Geneva time", "Geneva time", "New York time", "London time", "Tokyo time", "UTC", "UTC+2", "UTC-5"]
WINTER_ABBREVIATIONS = ["CET", "EST", "GMT", "JST"]
SUMMER_ABBREVIATIONS = ["CEST", "EDT", "BST", "JST"]
MODES = ["Hybrid"] * 5 + ["Virtual"] * 3 + ["In person"] * 2

ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()

TOPICS = [
    "Synthetic Media", "Generative AI: IP and Output", "Training Data", "Copyright Infrastructure",
    "the Metaverse", "AI Inventions", "Data", "Frontier Technologies in IP Administration",
    "Quantum Computing", "Blockchain and NFTs", "Biotechnology and AI", "Digital Replicas",
    "Open Source Models", "Trade Secrets and AI", "Design Rights in Virtual Worlds",
]
SENTENCES = [
    "Artificial intelligence is accelerating technological progress, revolutionizing industries and reshaping the way we interact with each other and the information around us.",
    "Synthetic media – including AI-generated images, videos, audio and text – is rapidly evolving and raising urgent questions for intellectual property and other legal frameworks.",
    "The session explored the impact of {topic} on creativity and innovation, highlighting both its potential and the challenges it poses.",
    "Discussions examined how a global patchwork of existing IP and non-IP legal frameworks seeks to balance protection of rights and address potential abuses.",
    "Participants considered the role of contracts, content moderation, litigation, and technical measures such as watermarks, labelling and traceability mechanisms.",
    "Copyright infrastructure, the generally unseen set of organizational systems, processes and technical means that support the implementation of copyright law, is essential.",
    "As copyright-protected works are increasingly used to train AI models, the challenges around rights management, attribution and compensation are growing.",
    "It examined how emerging regulations like opt-out mechanisms and transparency requirements are shaping the landscape.",
    "The quality of data directly influences the performance and reliability of AI systems across various applications.",
    "What are the market trends and how do these translate in terms of patent applications?",
    "How autonomous is AI actually, and what role does it play either as part of the inventive process or as part of an invention?",
    "There were a mixture of speaker presentations, panel discussions and an open floor allowing all participants to have their views heard.",
    "The IP field is grappling with the \"output problem\" — whether AI-generated content should be eligible for copyright protection.",
    "Speakers from IP Offices, industry, academia and civil society shared their experience with {topic}.",
    "International collaboration, experience sharing and exchange of best practices remain essential to ensure that the IP system continues to support innovation.",
    "It encouraged information sharing across all stakeholders from IPOs to private enterprises and sharing diverse views from IP professionals, innovators and creators.",
    "In the digital age we are all connected, anytime and anywhere, and data is at the heart of the change.",
    "The session also set the scene on some of the key regulatory frameworks for {topic}.",
    "Developing countries face particular questions about access, capacity building and the fair sharing of benefits.",
    "Member States, observers and the public were invited to submit comments before and after the session.",
]
ORDINAL_SENTENCES = [
    "{The} {ordinal} {session} of the WIPO Conversation{title} took place on {when}, bringing together governments, policymakers, creators, academics and innovators.",
    "{The} {ordinal} {session} of the WIPO Conversation on IP and Frontier Technologies{title} looked at {topic} and assessed its possible uses and the disruption it may cause.",
    "{The} {ordinal} {session} of the WIPO Conversation{title} offered a platform for stakeholders to explore these critical issues.",
]


def _date_line_dates(first: date, last: date) -> str:
    """'November 4, 2020', 'October 28 to October 29, 2025', 'December 30, 2025 to January 2, 2026'."""
    if first == last:
        return f"{MONTHS[first.month - 1]} {first.day}, {first.year}"
    if first.year != last.year:
        return f"{MONTHS[first.month - 1]} {first.day}, {first.year} to {MONTHS[last.month - 1]} {last.day}, {last.year}"
    return f"{MONTHS[first.month - 1]} {first.day} to {MONTHS[last.month - 1]} {last.day}, {last.year}"


def _prose_dates(first: date, last: date) -> str:
    if first == last:
        return f"{MONTHS[first.month - 1]} {first.day}, {first.year}"
    if first.month == last.month and first.year == last.year:
        return f"{MONTHS[first.month - 1]} {first.day}–{last.day}, {first.year}"
    return _date_line_dates(first, last)


def _window(rng: random.Random) -> str:
    """A daytime window 'HH:MM - HH:MM' (07:00 at the earliest, 21:00 at the latest)."""
    start = rng.randrange(7 * 2, 14 * 2) * 30
    length = rng.choice((120, 180, 240, 300, 360, 420, 480))
    end = min(start + length, 21 * 60)
    return f"{start // 60:02d}:{start % 60:02d} - {end // 60:02d}:{end % 60:02d}"


def _summer(day: date) -> bool | None:
    """True/False when northern-hemisphere DST is surely on/off; None near a change."""
    if 5 <= day.month <= 9:
        return True
    if day.month in (12, 1, 2):
        return False
    return None


def _description(rng: random.Random, ordinal_index: int, first: date, last: date) -> str:
    topic = rng.choice(TOPICS)
    title = ""
    if rng.random() < 0.4:
        opening, closing = rng.choice((("“", "”"), ('"', '"')))
        title = f" {opening}IP and {topic}{closing}" if rng.random() < 0.5 else f", {opening}IP and {topic}{closing},"
    capitals = rng.choice((("The", "session"), ("The", "Session"), ("the", "session")))
    ordinal = ORDINALS[ordinal_index % len(ORDINALS)]
    if capitals[1] == "Session" or rng.random() < 0.2:
        ordinal = ordinal.capitalize()
    key = rng.choice(ORDINAL_SENTENCES)
    ordinal_sentence = key.format(
        The="The", ordinal=ordinal, session=capitals[1], title=title, when=_prose_dates(first, last), topic=topic
    )
    sizes = [rng.choice((1, 2, 2, 3)) for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))]
    chosen = [s.format(topic=topic) for s in rng.sample(SENTENCES, sum(sizes))]
    paragraphs, at = [], 0
    for size in sizes:  # no sentence twice in one description
        paragraphs.append(" ".join(chosen[at : at + size]))
        at += size
    paragraphs[rng.randrange(len(paragraphs))] += " " + ordinal_sentence
    return "||".join(paragraphs)


def _records(n: int, rng: random.Random):
    for i in range(n):
        first = date(2000, 1, 1) + timedelta(days=rng.randrange((date(2030, 12, 31) - date(2000, 1, 1)).days))
        days = rng.choice((1, 2, 2, 2, 3, 3, 4, 5))
        last = first + timedelta(days=days - 1)
        mode = rng.choice(MODES)
        city, country, label = rng.choice(PLACES)
        if mode == "Virtual":
            place = ""
            label = rng.choice(VIRTUAL_LABELS)
        else:
            place = f" ({city}, {country})"
        summer = _summer(first) if _summer(first) == _summer(last) else None
        if summer is not None and rng.random() < 0.15:
            label = rng.choice(SUMMER_ABBREVIATIONS if summer else WINTER_ABBREVIATIONS)
        code = f"WIPO/IP/CONV/{rng.choice(('GE', 'NY', 'ONLINE'))}/{i + 1}/{first.year % 100:02d}"
        lines = [code, f"{_date_line_dates(first, last)}{place} {mode}"]
        if rng.random() < 0.7:
            lines.append(f"{_window(rng)} {label}")
        lines.append(_description(rng, i, first, last))
        yield first, lines


def make_listing(n: int, seed: int = 0) -> str:
    """The listing text: ``n`` records, newest first, no blank lines, no final newline."""
    rng = random.Random(seed)
    records = sorted(_records(n, rng), key=lambda r: r[0], reverse=True)
    return "\n".join(line for _, lines in records for line in lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of sessions")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = make_listing(args.n, args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
