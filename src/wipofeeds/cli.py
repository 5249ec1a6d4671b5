"""The ``wipofeeds`` command: thin click commands over the library functions.

    wipofeeds check [SOURCE]    validate the listing; print a table, or every problem
    wipofeeds parse [SOURCE]    the parsed sessions as JSON

SOURCE is a listing file (default data/sessions.txt) or "-" for standard input.
Adding a command: decorate a function with ``@main.command()`` and ``@source_argument``,
and import heavy modules (renderers, Flask) inside it, so ``check`` stays quick and
imports only click, the standard library and the parsing modules. Any
:class:`~wipofeeds.errors.WipofeedsError` a command raises is printed to stderr and exits 1.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime

import click

from . import __version__
from .catalog import DEFAULT_SOURCE, Source, load_sessions
from .errors import WipofeedsError
from .model import UTC, Session
from .wording import EN_DASH, date_range


class _Group(click.Group):
    """Reports user errors as text (one ``FILE:LINE: message`` per problem), exit 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WipofeedsError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="wipofeeds")
def main() -> None:
    """Publish the WIPO Conversation sessions as calendar, feeds, JSON and a web page."""


def source_argument(command):
    """The optional SOURCE argument shared by every command that reads the listing."""
    return click.argument(
        "source",
        required=False,
        default=str(DEFAULT_SOURCE),
        type=click.Path(exists=True, dir_okay=False, allow_dash=True),
    )(command)


@main.command()
@source_argument
def check(source: str) -> None:
    """Validate SOURCE and show what was understood, one session a row."""
    src = Source.of(source)
    sessions = load_sessions(src)
    rows = [("CODE", "DATES", "LOCAL WINDOW", "UTC (FIRST DAY)", "MODE", "PLACE", "TITLE")]
    rows += [_row(s) for s in sessions]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
    click.echo(f"{src.name}: {len(sessions)} session{'s' if len(sessions) != 1 else ''}, no problems")


def _row(s: Session) -> tuple[str, ...]:
    if s.window is None:
        local = utc = "all day"
    else:
        first = s.occurrences[0]
        local = f"{s.window.start:%H:%M}{EN_DASH}{s.window.end:%H:%M} {s.window.label} ({s.window.zone})"
        utc = f"{first.start_utc:%H:%M}{EN_DASH}{first.end_utc:%H:%M} UTC"
    return (s.code, date_range(s.first_day, s.last_day), local, utc, s.mode.label, s.location, s.title)


@main.command()
@source_argument
def parse(source: str) -> None:
    """Print the sessions of SOURCE as JSON (ISO 8601 times with offsets)."""
    src = Source.of(source)
    sessions = load_sessions(src)
    document = {"source": src.name, "sessions": [session_json(s) for s in sessions]}
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def session_json(s: Session) -> dict:
    """Everything parsed about one session, with each day's local and UTC times."""
    return {
        "code": s.code,
        "id": s.id,
        "line": s.line,
        "title": s.title,
        "title_is_generated": s.title_is_generated,
        "ordinal": s.ordinal,
        "first_day": s.first_day.isoformat(),
        "last_day": s.last_day.isoformat(),
        "all_day": s.all_day,
        "window": None
        if s.window is None
        else {
            "start": f"{s.window.start:%H:%M}",
            "end": f"{s.window.end:%H:%M}",
            "zone": s.window.zone,
            "label": s.window.label,
        },
        "days": [
            {
                "day": occ.day.isoformat(),
                "start": _iso(occ.start),
                "end": _iso(occ.end),
                "start_utc": _iso(occ.start_utc),
                "end_utc": _iso(occ.end_utc),
            }
            for occ in s.occurrences
        ],
        "mode": s.mode.value,
        "place": None if s.place is None else {"city": s.place.city, "country": s.place.country},
        "status": s.status.value,
        "url": s.url,
        "conference_url": s.conference_url,
        "tags": list(s.tags),
        "paragraphs": list(s.paragraphs),
    }


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset; UTC values end in Z."""
    if moment is None:
        return None
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if moment.tzinfo is UTC else text


def _base_url_option(command):
    return click.option(
        "--base-url",
        envvar="WIPOFEEDS_BASE_URL",
        default=None,
        help="Where the site is published (absolute links start with it). "
        "Default: base_url in site.toml beside the listing.",
    )(command)


@main.command()
@source_argument
@click.option("--out", "out", default="output", show_default=True, type=click.Path(file_okay=False), help="Folder to write.")
@_base_url_option
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on success.")
def build(source: str, out: str, base_url: str | None, quiet: bool) -> None:
    """Write the whole static site of SOURCE to OUT, atomically, and record changes."""
    import time

    from . import export

    started = time.perf_counter()
    shown = {"at": 0.0}

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if not quiet and total >= 5000 and (now - shown["at"] > 1 or done == total):
            shown["at"] = now
            click.echo(f"\r  writing {done:,}/{total:,} files", nl=done == total, err=True)

    summary = export.build(Source.of(source), out, base_url=base_url, progress=progress)
    if not quiet:
        seconds = time.perf_counter() - started
        click.echo(
            f"{out}: {summary.sessions:,} sessions, {summary.files:,} files, "
            f"{summary.bytes:,} bytes in {seconds:.2f} s"
        )


@main.command()
@source_argument
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@_base_url_option
def serve(source: str, host: str, port: int, base_url: str | None) -> None:
    """Serve SOURCE for development (production: gunicorn "wipofeeds.web:create_app()")."""
    from .web import serve as run

    run(source, host, port, base_url)
