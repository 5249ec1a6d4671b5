"""wipofeeds: publish the WIPO Conversation sessions as calendar, feeds, JSON and a web page.

The pipeline is parse → model → render → publish::

    >>> import wipofeeds
    >>> catalog = wipofeeds.load("data/sessions.txt", base_url="https://feeds.example.org/")  # doctest: +SKIP
    >>> site = wipofeeds.build_site(catalog)                                                  # doctest: +SKIP
    >>> site["calendar.ics"].media_type                                                        # doctest: +SKIP
    'text/calendar; charset=utf-8'
"""

import os as _os
import zoneinfo as _zoneinfo

import tzdata as _tzdata

__version__ = "0.1.0"

# Zone rules come from the pinned tzdata package, never the machine's own files, so every
# machine renders the same bytes (and knows the same zone names). tzdata's folder is the
# search path rather than none, which makes zoneinfo read it through importlib.resources:
# importing that would cost every `wipofeeds check` 5 ms (issue #7).
_zoneinfo.reset_tzpath(to=[_os.path.join(_os.path.dirname(_os.path.abspath(_tzdata.__file__)), "zoneinfo")])

__all__ = ["__version__", "load", "build_site"]


def __getattr__(name):  # lazy: `wipofeeds check` must not import the renderers
    if name == "load":
        from .catalog import load

        return load
    if name == "build_site":
        from .site import build_site

        return build_site
    raise AttributeError(name)
