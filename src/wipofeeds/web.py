"""The live site: Flask serves the one mapping of :func:`wipofeeds.site.build_site`.

Bodies are rendered once per data version (and per base URL) and served from memory
with strong ETags, Last-Modified, precompressed gzip and caching headers. Filters that
have a path form answer the very bytes of that path; other filters render their subset
once and are cached. Which version is served, and when a changed listing is taken, is
:mod:`wipofeeds.live`'s business; an invalid listing keeps the last good edition and
turns ``/healthz`` red with every error and its line.
A poller's revalidation (If-None-Match with the tag it was sent) is answered 304 by
:class:`NotModifiedFirst` before Flask routes it.

    gunicorn "wipofeeds.web:create_app()"          # production (WIPOFEEDS_* settings)
    wipofeeds serve data/sessions.txt --port 8000   # development
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote, urlencode

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date, parse_accept_header, parse_date, parse_etags, remove_entity_headers

from . import catalog as catalog_module
from .catalog import Source, normalise_base_url
from .errors import FilterError
from .live import Edition, Publisher
from .render.html import NOT_FOUND
from .site import CHANGE_FEEDS, COLLECTIONS, HOST_FILES, PATH_COLLECTIONS, TRANSLATED_COLLECTIONS, Filter, Resource, headers_for
from .wording import DEFAULT, LANGUAGES, language_prefix, split_language

DEFAULTS = {
    "SOURCE": str(catalog_module.DEFAULT_SOURCE.parent),  # the data folder: every listing
    "BASE_URL": None,  # None: links use the request's own host
    "RELOAD_INTERVAL": 1.0,  # seconds between two looks at the data files
    "RELOAD_SETTLE": 0.5,  # seconds a changed data file must rest before it is read
    "RECORD_HISTORY": True,  # record picked-up changes like `wipofeeds build`
    # Without a base URL, links follow the Host header of these names only (any other
    # Host gets 400): an entry with a port matches that port, one without matches the
    # bare name and the name with the server's own port.
    "ALLOWED_HOSTS": "localhost, 127.0.0.1, [::1]",
    "HOST_CACHE_SIZE": 4,  # sites kept per edition when links follow the Host header (at least one per allowed host)
    "FILTER_CACHE_SIZE": 256,  # on-demand filtered bodies kept per edition
}
PATH_FORM = re.compile(r"(year|mode|tag)/([^/]+)/")
SESSION_PAGE = re.compile(r"sessions/[a-z0-9-]+")


def create_app(test_config: dict | None = None) -> Flask:
    """Defaults, then ``WIPOFEEDS_*`` environment variables, then ``test_config``."""
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("WIPOFEEDS")
    if test_config is not None:
        app.config.from_mapping(test_config)
    allowed = allowed_hosts(app.config["ALLOWED_HOSTS"])
    app.extensions["wipofeeds_hosts"] = allowed
    app.extensions["wipofeeds"] = Publisher(
        Source.of(app.config["SOURCE"]),
        base_url=normalise_base_url(app.config["BASE_URL"]),
        interval=float(app.config["RELOAD_INTERVAL"]),
        settle=float(app.config["RELOAD_SETTLE"]),
        record_history=bool(app.config["RECORD_HISTORY"]),
        host_cache_size=max(int(app.config["HOST_CACHE_SIZE"]), 2 * len(allowed)),
        filter_cache_size=int(app.config["FILTER_CACHE_SIZE"]),
        log=app.logger,
    )
    app.register_blueprint(bp)
    app.wsgi_app = NotModifiedFirst(app.wsgi_app, app.extensions["wipofeeds"])
    return app


class NotModifiedFirst:
    """WSGI middleware for the request a subscribed calendar or feed reader sends all
    day: a GET or HEAD of a published file, no query string, whose If-None-Match is the
    ETag we sent, byte for byte. It is answered 304 here, before Flask routes it (a 304
    needs no body, so it should cost less than a 200, and through Flask it cost the
    same). Anything else, or any doubt (a base URL worked out from the Host header,
    a path not published as is, another form of the tag, ``/`` which follows the
    browser's language), goes on to Flask, whose 304 has the same status and headers
    (a test holds the two equal)."""

    def __init__(self, app, publisher: "Publisher"):
        self.app = app
        self.publisher = publisher

    def __call__(self, environ: dict, start_response):
        tag = environ.get("HTTP_IF_NONE_MATCH")
        if tag is not None and not environ.get("QUERY_STRING") and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            headers = self.unchanged(environ.get("PATH_INFO", ""), tag, environ)
            if headers is not None:
                start_response("304 NOT MODIFIED", list(headers))
                return []
        return self.app(environ, start_response)

    def unchanged(self, path: str, tag: str, environ: dict) -> tuple | None:
        """The headers of a 304 for ``path`` (as in PATH_INFO) when ``tag`` is, as sent,
        the current ETag of that published file in the encoding this request gets;
        else None (see :class:`NotModifiedFirst`)."""
        if path in ("", "/"):  # the home page: its answer depends on Accept-Language (home)
            return None
        self.publisher.refresh()
        edition = self.publisher.state.edition
        if edition is None or edition.base_url is None:
            return None
        resource = published_file(edition.site(edition.base_url), site_path(path.removeprefix("/")))
        if resource is None:
            return None
        _, _, tags, _, headers = negotiated(resource, edition.floor, environ)
        return headers if tag in tags else None


def allowed_hosts(setting) -> frozenset[str]:
    """``ALLOWED_HOSTS`` (a comma or space separated string, or a list) as lower-case names."""
    names = setting.replace(",", " ").split() if isinstance(setting, str) else list(setting or ())
    return frozenset(str(name).strip().lower() for name in names if str(name).strip())


def host_allowed(host: str, server_port: str, allowed: frozenset[str]) -> bool:
    """Whether links may follow ``host`` (a Host header): it is in the allow-list as it
    is, or it is an allowed name with no port or the server's own port. A bounded set,
    so a client cannot make the app render the site for ever new hosts."""
    host = host.lower()
    if host in allowed:
        return True
    name, colon, port = host.rpartition(":")  # "[::1]:8000" → "[::1]", "8000"
    return bool(colon) and port == server_port and name in allowed


def serve(source: str | None = None, host: str = "127.0.0.1", port: int = 8000, base_url: str | None = None) -> None:
    """The development server (never in debug mode: the debugger runs code on request)."""
    from werkzeug.serving import run_simple

    settings = {k: v for k, v in (("SOURCE", source), ("BASE_URL", base_url)) if v is not None}
    app = create_app(settings)
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)


# --- HTTP -------------------------------------------------------------------------------

bp = Blueprint("wipofeeds", __name__)


def publisher() -> Publisher:
    return current_app.extensions["wipofeeds"]


@bp.before_app_request
def _look_for_new_data() -> None:
    publisher().refresh()


@bp.get("/healthz")
def healthz() -> Response:
    state = publisher().state
    ok = state.edition is not None and not state.errors
    body = {
        "status": "ok" if ok else "error",
        "version": state.edition.version if state.edition else None,
        "sessions": len(state.edition.catalog.sessions) if state.edition else 0,
        "source": publisher().source.name,
        "errors": list(state.errors),
        "kept": list(state.kept),  # listings served as their last good version
        "worker": os.getpid(),  # each server process keeps its own version: say which answered
    }
    response = Response(json.dumps(body, indent=2) + "\n", 200 if ok else 503, content_type="application/json; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/")
def home() -> Response:
    """The home page. A browser that prefers another of the six languages to English is
    sent to that language's home page; English stays at ``/`` for every other browser and
    at ``/index.html`` for all (the switcher links there), and caches keep the answers
    apart by ``Vary: Accept-Language``."""
    language = request.accept_languages.best_match(BY_PREFERENCE, default=DEFAULT)
    if language != DEFAULT and publisher().state.edition is not None:
        response = Response(status=302, headers={"Location": language_prefix(language), "Cache-Control": CACHE_REDIRECT})
    else:
        response = published("index.html")
    response.vary.add("Accept-Language")
    return response


BY_PREFERENCE = (DEFAULT, *(code for code in LANGUAGES if code != DEFAULT))  # '*': English
CACHE_REDIRECT = "public, max-age=3600"


@bp.get("/<path:path>")
def published(path: str) -> Response:
    path = site_path(path)
    edition = publisher().state.edition
    if edition is None:
        return plain(503, "The listing has errors and no earlier version exists; see /healthz.")
    base_url = edition.base_url or own_base_url()
    if base_url is None:
        return plain(400, "Host not allowed: set WIPOFEEDS_BASE_URL, or add this host to WIPOFEEDS_ALLOWED_HOSTS.")
    site = edition.site(base_url)
    if not request.environ.get("QUERY_STRING"):
        # The common case, polled all day: a file of the site as published, whole or
        # filtered by its path form; nothing to parse.
        if (resource := published_file(site, path)) is not None:
            return respond(resource, edition.floor, edition.base_url is None)
    name = path.rsplit("/", 1)[-1]
    language, inner = split_language(path)
    if language != DEFAULT and name in COLLECTIONS:  # /fr/calendar.ics?year=2025: ?lang=fr
        path = inner
    part = next((p for p, _ in edition.catalog.sections if p and path.startswith(p)), "")  # series/<slug>/, all/
    prefix = path[len(part) : -len(name)]
    whole = prefix == "" and (name in COLLECTIONS or name in CHANGE_FEEDS)
    if whole or (name in PATH_COLLECTIONS and PATH_FORM.fullmatch(prefix)):
        return collection(edition, site, base_url, prefix, name, part, language)
    if name in HOST_FILES:
        return plain(404, f"No such page: /{path}")
    resource = site.get(path)
    if resource is None and SESSION_PAGE.fullmatch(split_language(path)[1]):  # /fr/sessions/<id> too
        resource = site.get(path + ".html")
    if resource is None:
        return not_found(site, path, language)
    return respond(resource, edition.floor, edition.base_url is None)


def not_found(site: dict[str, Resource], path: str, language: str) -> Response:
    """Nothing at ``path``: the page a static host answers (the 404 page of the path's
    language) for an address a person may have typed, plain text for a file a program
    asks for (a feed, a calendar, data). A language's name alone goes to its folder."""
    if path in LANGUAGES and path != DEFAULT:  # '/fr': its folder, as a static host answers
        return Response(status=301, headers={"Location": path + "/", "Cache-Control": CACHE_REDIRECT})
    name = path.rsplit("/", 1)[-1]
    page = site.get(language_prefix(language) + NOT_FOUND)
    if page is None or ("." in name and not name.endswith(".html")):
        return plain(404, f"No such page: /{path}")
    return _error(404, page.body, page.media_type)


def site_path(path: str) -> str:
    """The published file a URL path names: a folder ('', 'year/2025/') is its
    ``index.html``, as a static host serves it."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def published_file(site: dict[str, Resource], path: str) -> Resource | None:
    """The file published at ``path`` as it is (no query), or None; the host's own rule
    files are the static host's, never served."""
    return None if path.rsplit("/", 1)[-1] in HOST_FILES else site.get(path)


def own_base_url() -> str | None:
    """The request's own base URL where links may follow it (see :func:`host_allowed`)."""
    host = request.host
    if not host or not host_allowed(host, request.environ.get("SERVER_PORT", ""), current_app.extensions["wipofeeds_hosts"]):
        return None
    return normalise_base_url(request.host_url)


def collection(
    edition: Edition, site: dict[str, Resource], base_url: str, prefix: str, name: str, part: str = "", language: str = DEFAULT
) -> Response:
    """A collection of the part of the site at ``part`` ('', 'series/<slug>/', 'all/')
    filtered by its path form and/or the query string; a calendar in ``language`` (its
    path's, 'fr/calendar.ics', or ``?lang=fr``): the same events, worded in it."""
    query = request.args  # one look-up through Flask's request proxy, not two per parameter
    args = {key: query[key] for key in Filter.PARAMETERS if key in query} if query else {}
    by_host = edition.base_url is None
    language = query.get("lang", language).strip() if name in TRANSLATED_COLLECTIONS else DEFAULT
    if language not in LANGUAGES:
        return refuse(name, FilterError("lang", f"{language!r} is not one of {', '.join(LANGUAGES)}"))
    words = language_prefix(language)  # '?lang=fr': the calendar at fr/calendar.ics, or so filtered
    if not args and not prefix:  # the common case, polled all day: no filter at all
        return respond(site[words + part + name], edition.floor, by_host)
    if prefix and part + prefix + name not in site:
        # A path form is a file of the export (a year, mode or topic with its files), or
        # nothing, as on a static host; a filter of no file is asked for by query.
        return plain(404, f"No such page: /{part}{prefix}{name}")
    if prefix:
        key, value = prefix.rstrip("/").split("/", 1)
        given = args.get(key, "").strip()
        if given and given.lower() != value.lower():
            return refuse(name, FilterError(key, f"the path says {value!r} and the query {given!r}"))
        args[key] = value
    try:
        flt = Filter.from_args(args)
    except FilterError as exc:  # the query's: a published path form is a valid filter
        return refuse(name, exc)
    if flt.series is not None and (problem := _series_problem(edition, part, flt.series)):
        return refuse(name, FilterError("series", problem))
    if flt.is_empty:
        return respond(site[words + part + name], edition.floor, by_host)
    form = flt.path_prefix if name in PATH_COLLECTIONS else None  # others have no path forms
    if form is not None and (resource := site.get(words + part + form + name)) is not None:
        return respond(resource, edition.floor, by_host)
    path = words + part + f"{name}?{canonical_query(flt)}"  # its own address: no file has its path form
    return respond(edition.filtered(base_url, flt, name, path), edition.floor, by_host)


def _series_problem(edition: Edition, part: str, slugs: tuple[str, ...]) -> str | None:
    """Why ``?series=`` cannot select ``slugs`` here (only all/ takes a selection)."""
    known = [config.slug for config in edition.catalog.site.series]
    if part != "all/" or not known:
        return "a selection of series is made from /all/ (e.g. /all/calendar.ics?series=sccr,scp)"
    if unknown := [slug for slug in slugs if slug not in known]:
        return f"no series {', '.join(map(repr, unknown))} (known: {', '.join(known)})"
    return None


def canonical_query(flt: Filter) -> str:
    """The filter as a query string in one fixed order, for self links and cache keys."""
    pairs = [
        ("year", flt.year),
        ("mode", flt.mode.value if flt.mode else None),
        ("tag", flt.tag),
        ("from", flt.start.isoformat() if flt.start else None),
        ("to", flt.end.isoformat() if flt.end else None),
        ("upcoming", "1" if flt.upcoming else None),
        ("q", flt.q),
        ("series", ",".join(flt.series) if flt.series else None),
    ]
    return urlencode([(k, v) for k, v in pairs if v is not None], quote_via=quote)


def respond(resource: Resource, floor: datetime, by_host: bool = False) -> Response:
    """200 with the body (gzipped when accepted), or 304 when the client's copy is current.
    ``by_host``: the body's links follow the Host header (``Vary: Host``)."""
    environ = request.environ  # the headers, read without Werkzeug parsing what is absent
    use_gzip, last_modified, tags, headers, unchanged = negotiated(resource, floor, environ, by_host)
    if not_modified(last_modified, tags, environ):
        return NotModified(status=304, headers=unchanged)
    if use_gzip:
        return Response(resource.gzipped, 200, headers + (("Content-Encoding", "gzip"),))
    return Response(resource.body, 200, headers)


def negotiated(resource: Resource, floor: datetime, environ: dict, by_host: bool = False) -> tuple:
    """Whether this request gets the gzip body, and :func:`_validators` for it."""
    use_gzip = resource.compressible and gzip_accepted(environ.get("HTTP_ACCEPT_ENCODING", ""))
    return use_gzip, *_validators(resource, floor, use_gzip, by_host)


@lru_cache(maxsize=256)
def gzip_accepted(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header accepts gzip (q > 0), read by Werkzeug once per
    distinct header: a poller sends the same one every time."""
    return parse_accept_header(accept_encoding)["gzip"] > 0


class NotModified(Response):
    """A 304: no body, so no default Content-Type for Werkzeug to add and then remove."""

    default_mimetype = None


@lru_cache(maxsize=4096)
def _validators(resource: Resource, floor: datetime, use_gzip: bool, by_host: bool = False):
    """Last-Modified, both ETags, the response headers of a resource and those of its
    304, worked out once (feeds are polled all day: a request should only look things
    up). A 304 carries no content headers (RFC 9110 §15.4.5); leaving them out here
    spares Werkzeug removing them on every 304."""
    plain_tag = resource.etag
    gzip_tag = plain_tag[:-1] + '-gz"'
    last_modified = max(resource.last_modified, floor)
    headers = headers_for(resource)
    headers["ETag"] = gzip_tag if use_gzip else plain_tag
    headers["Last-Modified"] = http_date(last_modified)
    vary = (["Accept-Encoding"] if resource.compressible else []) + (["Host"] if by_host else [])
    if vary:  # a shared cache must not hand one host's links to another
        headers["Vary"] = ", ".join(vary)
    unchanged = list(headers.items())
    remove_entity_headers(unchanged)  # what Werkzeug leaves out of a 304, left out once
    return last_modified, (plain_tag, gzip_tag), tuple(headers.items()), tuple(unchanged)


def not_modified(last_modified: datetime, tags: tuple[str, ...], environ: dict) -> bool:
    """If-None-Match decides when present (either encoding's tag matches); otherwise
    If-Modified-Since, to the second. A header that is one of our tags as we sent it
    (what a polling client echoes) is a match without parsing it."""
    raw = environ.get("HTTP_IF_NONE_MATCH")
    if raw is not None:
        if raw in tags:
            return True
        wanted = parse_etags(raw)
        return wanted.star_tag or any(wanted.contains_weak(tag.strip('"')) for tag in tags)
    raw = environ.get("HTTP_IF_MODIFIED_SINCE")
    since = parse_date(raw) if raw is not None else None
    return since is not None and last_modified.replace(microsecond=0) <= since


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException) -> Response:
    """Flask's own errors (405, a malformed request…) as short text, not an HTML page."""
    response = plain(exc.code or 500, f"{exc.code} {exc.name}")
    if allowed := dict(exc.get_headers()).get("Allow"):
        response.headers["Allow"] = allowed
    return response


def refuse(name: str, exc: FilterError) -> Response:
    """400 naming the parameter: JSON for the JSON collections, text otherwise."""
    if name.endswith(".json"):
        body = json.dumps({"error": {"parameter": exc.parameter, "message": str(exc)}}, indent=2) + "\n"
        return _error(400, body, "application/json")
    return plain(400, f"Bad filter: {exc}")


def plain(status: int, message: str) -> Response:
    return _error(status, message + "\n", "text/plain; charset=utf-8")


def _error(status: int, body: str | bytes, media_type: str) -> Response:
    response = Response(body, status, content_type=media_type)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


