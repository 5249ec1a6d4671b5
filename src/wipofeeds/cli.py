"""The ``wipofeeds`` command: thin argparse commands over the library functions.

    wipofeeds check [SOURCE]    validate the listing; print a table, or every problem
    wipofeeds parse [SOURCE]    the parsed sessions as JSON
    wipofeeds build [SOURCE]    write the static site to a folder
    wipofeeds serve [SOURCE]    the development server

SOURCE is a data folder (default data/: data/sessions.txt and each data/series/*.txt),
a single listing file, or "-" for standard input.
argparse rather than click: ``check`` must start within a few times ``python -c pass``
(issue #7), and importing click took longer than all the parsing ``check`` does.
Adding a command: write ``def NAME(args)`` whose docstring is its help, register it in
:func:`parser` with :func:`_command`, and import heavy modules (renderers, Flask, json)
inside it, so ``check`` imports only the standard library and the parsing modules.
Any :class:`~wipofeeds.errors.WipofeedsError` a command raises is printed to stderr
and exits 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from . import __version__
from .catalog import DEFAULT_SOURCE, Source, load_sessions
from .errors import WipofeedsError
from .model import UTC, Session
from .wording import EN_DASH, date_range


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (``argv`` defaults to ``sys.argv[1:]``) and return its exit status:
    0, or 1 after printing a WipofeedsError. Usage errors, ``--help`` and ``--version``
    exit through SystemExit (2 and 0), as argparse does."""
    cli = parser()
    args = cli.parse_args(argv)
    if args.command is None:
        cli.exit(2, cli.format_help())
    try:
        args.run(args)
    except WipofeedsError as exc:
        print(exc, file=sys.stderr)  # a ListingError is one FILE:LINE: message per line
        return 1
    except Interrupted as exc:
        print(exc, file=sys.stderr)
        return 128 + exc.signum
    return 0


def parser() -> argparse.ArgumentParser:
    """The whole command line. Built per call: --base-url's default is read from the
    environment then."""
    cli = argparse.ArgumentParser(
        prog="wipofeeds",
        description="Publish the WIPO Conversation sessions as calendar, feeds, JSON and a web page.",
        formatter_class=_HelpFormatter,
        allow_abbrev=False,
    )
    cli.add_argument("--version", action="version", version=f"wipofeeds, version {__version__}")
    commands = cli.add_subparsers(title="commands", dest="command", metavar="COMMAND")

    _command(commands, check)
    _command(commands, parse)

    command = _command(commands, build)
    command.add_argument(
        "--out", default="output", type=_directory, metavar="DIR", help="Folder to write. [default: %(default)s]"
    )
    _base_url_option(command)
    command.add_argument(
        "--allow-removals",
        action="store_true",
        help="Publish even if the listing withdraws more than half of the published sessions at once.",
    )
    command.add_argument("--quiet", "-q", action="store_true", help="Print nothing on success.")

    command = _command(commands, serve)
    command.add_argument("--host", default="127.0.0.1", help="[default: %(default)s]")
    command.add_argument("--port", default=8000, type=int, help="[default: %(default)s]")
    _base_url_option(command)
    return cli


def _command(commands, run: Callable[[argparse.Namespace], None]) -> argparse.ArgumentParser:
    """A subcommand named after ``run``, helped by its docstring, reading SOURCE."""
    doc = run.__doc__ or ""
    command = commands.add_parser(
        run.__name__, help=doc.split("\n")[0], description=doc, formatter_class=_HelpFormatter, allow_abbrev=False
    )
    command.add_argument(
        "source",
        nargs="?",
        default=str(DEFAULT_SOURCE.parent),
        type=_listing_file,
        metavar="SOURCE",
        help=f'the data folder, one listing, or "-" for standard input [default: {DEFAULT_SOURCE.parent}]',
    )
    command.set_defaults(run=run)
    return command


class _HelpFormatter(argparse.HelpFormatter):
    """Help at most 78 columns wide, as click wrote it. Measuring the terminal here rather
    than in argparse keeps shutil and the compression modules it imports out of `check`."""

    def __init__(self, prog: str) -> None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):  # not a terminal
            columns = 80
        super().__init__(prog, width=min(columns, 80) - 2)


def _listing_file(value: str) -> str:
    """SOURCE must be an existing file, a folder holding sessions.txt, or "-"."""
    if value == "-":
        return value
    if not os.path.exists(value):
        raise argparse.ArgumentTypeError(f"File {value!r} does not exist.")
    if os.path.isdir(value) and not os.path.isfile(os.path.join(value, DEFAULT_SOURCE.name)):  # a data folder's
        raise argparse.ArgumentTypeError(f"File {os.path.join(value, DEFAULT_SOURCE.name)!r} does not exist.")
    return value


def _directory(value: str) -> str:
    """--out may not exist yet, but must not be a file."""
    if os.path.isfile(value):
        raise argparse.ArgumentTypeError(f"Directory {value!r} is a file.")
    return value


def _base_url_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--base-url",
        default=os.environ.get("WIPOFEEDS_BASE_URL") or None,  # set but empty counts as unset
        metavar="URL",
        help="Where the site is published (absolute links start with it). "
        "Default: the WIPOFEEDS_BASE_URL environment variable, else base_url in the "
        "site.toml beside the listing (data/site.toml for the data folder).",
    )


# --- commands ---------------------------------------------------------------------------


def check(args: argparse.Namespace) -> None:
    """Validate SOURCE and show what was understood, one session a row."""
    src = Source.of(args.source)
    for number, (name, sessions) in enumerate(_listings(src)):
        if number:
            print()
        rows = [("CODE", "DATES", "LOCAL WINDOW", "UTC (FIRST DAY)", "MODE", "PLACE", "TITLE")]
        rows += [_row(s) for s in sessions]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])
        print(f"{name}: {len(sessions)} session{'s' if len(sessions) != 1 else ''}, no problems")


def _listings(src: Source) -> list[tuple[str, Sequence[Session]]]:
    """Each listing of SOURCE and its sessions; ListingError with every problem of
    every listing (a data folder's series too, and codes listed twice)."""
    if not src.series_listings:
        return [(src.name, load_sessions(src))]
    from .catalog import load_site_config, read_settings
    from .library import read

    settings = read_settings(src)
    reading = read(src, load_site_config(src, settings=settings), settings.get("series", {}), load_sessions, fallback=False)
    return [(listing.source.name, sessions) for listing, sessions in zip(reading.listings, reading.sessions)]


def _row(s: Session) -> tuple[str, ...]:
    if s.window is None:
        local = utc = "all day"
    else:
        spans = " and ".join(f"{w.start:%H:%M}{EN_DASH}{w.end:%H:%M}" for w in s.windows)
        local = f"{spans} {s.window.label} ({s.window.zone})"
        first_day = [w.on(s.first_day) for w in s.windows]  # not s.occurrences: check expands no days
        utc = " and ".join(f"{a.astimezone(UTC):%H:%M}{EN_DASH}{b.astimezone(UTC):%H:%M}" for a, b in first_day) + " UTC"
    mode = s.mode.label if s.mode else "-"
    return (s.code, date_range(s.first_day, s.last_day), local, utc, mode, s.location or "-", s.title)


def parse(args: argparse.Namespace) -> None:
    """Print the sessions of SOURCE as JSON (ISO 8601 times with offsets)."""
    import json  # here, not at the top: `check` starts faster without it

    from . import parsed

    src = Source.of(args.source)
    sessions = [s for _, group in _listings(src) for s in group]
    document = {"source": src.name, "sessions": [parsed.to_json(s) for s in sessions]}
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def build(args: argparse.Namespace) -> None:
    """Write the whole static site of SOURCE to OUT, atomically, and record changes."""
    import time

    from . import export

    started = time.perf_counter()
    shown = {"at": 0.0}

    def progress(done: int) -> None:
        """A line on stderr once a second while a big build runs (none for a small one)."""
        now = time.perf_counter()
        if not args.quiet and now - shown["at"] > 1 and now - started > 1:
            shown["at"] = now
            print(f"\r  {done:,} files written", end="", file=sys.stderr, flush=True)

    def waiting() -> None:
        print(f"waiting for another build of {args.out} or {args.source} to finish…", file=sys.stderr, flush=True)

    with _signals_as_exit():
        summary = export.build(
            Source.of(args.source),
            args.out,
            base_url=args.base_url,
            progress=progress,
            allow_removals=args.allow_removals,
            waiting=waiting,
        )
    if shown["at"]:
        print(file=sys.stderr)  # end the progress line
    if summary.withdrawn:  # always said: they leave every subscriber's calendar
        print(f"withdrawn from the listing ({len(summary.withdrawn)}): {', '.join(summary.withdrawn)}", file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        print(
            f"{args.out}: {summary.sessions:,} sessions, {summary.files:,} files, "
            f"{summary.bytes:,} bytes in {seconds:.2f} s"
        )
    if summary.problems:  # published, but not these listings as they are now: exit 1
        from .errors import ListingError

        print(f"published the last good version of {', '.join(summary.kept)} instead; fix:", file=sys.stderr)
        raise ListingError(list(summary.problems))


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGINT during a build: raised where the build is, so it cleans up as
    after any failure (temporary folder removed, history put back, nothing published).
    A KeyboardInterrupt, so no ``except Exception`` on the way swallows it."""

    def __init__(self, signum: int, message: str):
        self.signum = signum
        super().__init__(message)


@contextmanager
def _signals_as_exit():
    """SIGTERM and SIGINT raise :class:`Interrupted` in this process while the block
    runs. A worker of the build's pool (forked) inherits the handler but is not this
    process: there the signal does what it would have done."""
    import signal
    import threading

    me = os.getpid()

    def stop(signum, frame):
        if os.getpid() != me:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Interrupted(signum, f"stopped by {signal.Signals(signum).name}")

    if threading.current_thread() is not threading.main_thread():  # only there can it handle signals
        yield
        return
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(args: argparse.Namespace) -> None:
    """Serve SOURCE for development (production: gunicorn "wipofeeds.web:create_app()")."""
    from .web import serve as run

    run(args.source, args.host, args.port, args.base_url)
