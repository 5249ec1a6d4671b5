"""Every error wipofeeds raises on purpose.

    WipofeedsError                 anything the user can fix; the CLI prints it and exits 1
     ├── ListingError              the listing (or sessions.toml) cannot be read;
     │                             carries every Problem found in one pass
     ├── HistoryError              data/history.json is damaged
     ├── RemovalError              the listing would withdraw more than half of the
     │                             published sessions at once (``--allow-removals``)
     ├── ConfigError               data/site.toml or a flag holds an impossible value
     ├── FilterError               a filter value (year=abc, from=2025-13-01) is invalid;
     │                             the web app answers 400 with its message
     └── ExportError               the static export could not be written

Anything else escaping is a bug in wipofeeds, never a user mistake.
"""

from __future__ import annotations

from typing import NamedTuple


def quote(text: str, limit: int = 60) -> str:
    """A piece of the user's text in a message, in quotes, cut to what a message can carry."""
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


class WipofeedsError(Exception):
    """Base class: an error the user can act on."""


class Problem(NamedTuple):  # not a frozen dataclass: ~1 ms less at every start (issue #7)
    """One thing wrong with one line of one file."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        """'FILE:LINE: message', or 'FILE: message' for the file as a whole (line 0)."""
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class ListingError(WipofeedsError):
    """The listing cannot be read. ``problems`` holds every error of the file, in order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line)))
        super().__init__("\n".join(str(p) for p in self.problems))


class HistoryError(WipofeedsError):
    """The change history file is not what wipofeeds wrote."""


class RemovalError(WipofeedsError):
    """The listing drops more than half of the published sessions at once: more likely
    a file cut short than a real withdrawal. ``removed`` names them (session ids)."""

    def __init__(self, source: str, removed: list[str] | tuple[str, ...], published: int):
        self.removed = tuple(removed)
        shown = ", ".join(self.removed[:10]) + (f" and {len(self.removed) - 10} more" if len(self.removed) > 10 else "")
        super().__init__(
            f"{source}: would withdraw {len(self.removed)} of the {published} published sessions at once ({shown}); "
            "if the listing is complete, build with --allow-removals to publish that"
        )


class ConfigError(WipofeedsError):
    """A configuration value is impossible."""


class FilterError(WipofeedsError):
    """A filter parameter has a bad value; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class ExportError(WipofeedsError):
    """The static site could not be written; the previous output is untouched."""
