"""In-process measurements of one listing, run by ``run.py`` in a fresh interpreter each,
so that one size's caches, garbage and peak memory never leak into another's numbers.

    python benchmarks/measure.py base LISTING --out result.json
    python benchmarks/measure.py render LISTING --out result.json
    python benchmarks/measure.py build LISTING --dest DIR --out result.json

``base`` times parse and load, saves the history beside the listing (so the later steps
run in the steady state of a scheduled rebuild: history present, nothing changed), and
times the library baselines on the same sessions. ``render`` times every registered
format on the whole catalog (each once, in registry order, so later formats may reuse
what earlier ones cached, exactly as in a build) and the filtered collections.

``build`` runs ``export.build`` once and times its phases by wrapping the functions it
calls: load, this process's file writes and gzip, the swap-in; rendering (and waiting
for the session pool's workers at the end) is what remains of ``write_site``. What the
workers do (session files, rendered and written) overlaps this process and is not in
the phases. Then it writes the same files again with plain writes (the floor for the
file writes).
Garbage-collector passes and their time are counted in every step.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines  # noqa: E402

from wipofeeds.model import UTC  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)  # fixed "now" for the history: no wall clock in output
BASE_URL = "https://bench.example.org/"


class GcMeter:
    """Counts cyclic-GC passes and the time spent in them (via gc.callbacks)."""

    def __init__(self):
        self.passes = [0, 0, 0]
        self.seconds = 0.0
        self._t = 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._t = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._t
            self.passes[info["generation"]] += 1

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)

    def result(self) -> dict:
        return {"passes": self.passes, "seconds": round(self.seconds, 6)}


def timed(rows: dict, name: str, func, *args, **kwargs):
    """Run ``func`` once, store seconds (and bytes when it returns bytes) under ``name``."""
    start = time.perf_counter()
    value = func(*args, **kwargs)
    seconds = time.perf_counter() - start
    row = {"seconds": seconds}
    if isinstance(value, bytes | bytearray):
        row["bytes"] = len(value)
    rows[name] = row
    return value


def base(listing: Path) -> dict:
    from wipofeeds import catalog as catalog_mod
    from wipofeeds import history, listing as listing_mod

    rows: dict = {}
    text = listing.read_text("utf-8")
    with GcMeter() as meter:
        sessions = timed(rows, "parse", listing_mod.parse, text, str(listing))
        catalog = timed(rows, "load", catalog_mod.load, listing, base_url=BASE_URL, now=NOW, record_history=False)
        history.save(catalog.history, catalog_mod.Source.of(listing).history)
        plain = catalog.sessions
        import feedgen.feed  # noqa: F401  imports are not part of the baselines (nor of the renderers' rows)
        import icalendar  # noqa: F401

        events, items = baselines.same_events(catalog), baselines.same_items(catalog)  # not timed: our values
        timed(rows, "baseline icalendar", baselines.icalendar_calendar, events)
        timed(rows, "baseline feedgen rss", baselines.feedgen_rss, items)
        timed(rows, "baseline feedgen atom", baselines.feedgen_atom, items)
        timed(rows, "baseline json", baselines.json_document, plain)
        del events, items
        timed(rows, "thin baseline icalendar", baselines.thin_icalendar_calendar, plain)
        timed(rows, "thin baseline feedgen rss", baselines.thin_feedgen_rss, plain)
        timed(rows, "thin baseline feedgen atom", baselines.thin_feedgen_atom, plain)
    return _result(len(sessions), rows, meter)


WHOLE_NOT_PUBLISHED = ("index.html",)  # collections published for views only (render/pages.py)


def render(listing: Path) -> dict:
    from wipofeeds import catalog as catalog_mod
    from wipofeeds.render import load_builtin
    from wipofeeds.site import PATH_COLLECTIONS, path_filters, render_collection, render_sitemap

    rows: dict = {}
    catalog = catalog_mod.load(listing, base_url=BASE_URL, now=NOW, record_history=False)
    with GcMeter() as meter:
        formats = timed(rows, "import renderers", load_builtin)
        by_scope: dict = {}
        for (scope, name), fmt in formats.items():
            by_scope.setdefault(scope, []).append(fmt)
        for fmt in by_scope.get("collection", []):
            if fmt.name in WHOLE_NOT_PUBLISHED:  # a view's page: among the filtered collections below
                continue
            timed(rows, f"collection {fmt.name}", fmt.render, catalog, fmt.name)
        for fmt in by_scope.get("site", []):
            timed(rows, f"site {fmt.name}", fmt.render, catalog, fmt.name)
        for fmt in by_scope.get("session", []):
            start = time.perf_counter()
            total = sum(len(fmt.render(catalog, s, f"sessions/{s.id}{fmt.name}")) for s in catalog.sessions)
            rows[f"session {fmt.name}"] = {"seconds": time.perf_counter() - start, "bytes": total}
        timed(rows, "sitemap.xml", render_sitemap, catalog)
        start = time.perf_counter()
        total = files = 0
        for prefix, flt in path_filters(catalog):
            subset = flt.apply(catalog.sessions)
            for fmt in (f for f in by_scope.get("collection", []) if f.name in PATH_COLLECTIONS):
                total += len(render_collection(catalog, subset, fmt.name, prefix + fmt.name).body)
                files += 1
        rows["filtered collections"] = {"seconds": time.perf_counter() - start, "bytes": total, "files": files}
        start = time.perf_counter()
        total = files = 0
        for prefix, flt in path_filters(catalog):  # each view's page, in English
            subset = flt.apply(catalog.sessions)
            if subset and "index.html" in {f.name for f in by_scope.get("collection", [])}:
                total += len(render_collection(catalog, subset, "index.html", prefix + "index.html").body)
                files += 1
        rows["view pages"] = {"seconds": time.perf_counter() - start, "bytes": total, "files": files}
    return _result(len(catalog.sessions), rows, meter)


def _result(sessions: int, rows: dict, meter: GcMeter) -> dict:
    return {
        "sessions": sessions,
        "rows": rows,
        "gc": meter.result(),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def build(listing: Path, dest: Path) -> dict:
    """One ``export.build`` call, its phases timed by wrapping what it calls (whatever of
    it exists: the exporter may render and write in one stream)."""
    from functools import cached_property

    from wipofeeds import catalog as catalog_mod
    from wipofeeds import export, history, site, writing

    phases: dict = {}

    def timing(key, func):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                phases[key] = phases.get(key, 0.0) + time.perf_counter() - start

        return wrapper

    def wrap(owner, name, key):
        if hasattr(owner, name):
            setattr(owner, name, timing(key, getattr(owner, name)))

    wrap(catalog_mod, "load_with_changes", "load")
    wrap(export, "write_site", "write_site")
    wrap(export, "_swap_in", "swap in")
    wrap(history, "save", "history save")
    wrap(writing.Files, "_put", "file writes")
    gzipped = site.Resource.__dict__.get("gzipped")
    if isinstance(gzipped, cached_property):
        prop = cached_property(timing("gzip", gzipped.func))
        prop.__set_name__(site.Resource, "gzipped")
        site.Resource.gzipped = prop
    from wipofeeds.render import load_builtin

    # Imports are not part of the baselines (nor of the renderers' rows): import the
    # renderers (icalendar, feedgen, lxml, jinja2) first, and report the time beside.
    start = time.perf_counter()
    load_builtin()
    imports = time.perf_counter() - start
    with GcMeter() as meter:
        start = time.perf_counter()
        summary = export.build(listing, dest, base_url=BASE_URL, now=NOW)
        total = time.perf_counter() - start
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if "write_site" in phases:  # what is left of writing the site is rendering it
        accounted = sum(
            phases.get(k, 0.0)
            for k in ("gzip", "file writes", "swap in")
        )
        phases["render (write_site minus writing and swap)"] = phases.pop("write_site") - accounted
    plain, plain_bytes = 0.0, 0
    plain_dir = dest.with_name(dest.name + "-plain")
    shutil.rmtree(plain_dir, ignore_errors=True)
    for path in sorted(p for p in dest.rglob("*") if p.is_file()):
        body = path.read_bytes()
        start = time.perf_counter()
        baselines.plain_writes({str(path.relative_to(dest)): body}, plain_dir)
        plain += time.perf_counter() - start
        plain_bytes += len(body)
    shutil.rmtree(plain_dir, ignore_errors=True)
    return {
        "sessions": summary.sessions,
        "files": summary.files,
        "bytes": summary.bytes,
        "seconds": total,
        "phases": phases,
        "imports before the build (not in its time)": imports,
        "plain_writes": {"seconds": plain, "bytes": plain_bytes},
        "gc": meter.result(),
        "maxrss_kb": maxrss,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("base", "render", "build"))
    parser.add_argument("listing", type=Path)
    parser.add_argument("--dest", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the step here")
    args = parser.parse_args(argv)
    step = {
        "base": lambda: base(args.listing),
        "render": lambda: render(args.listing),
        "build": lambda: build(args.listing, args.dest),
    }[args.step]
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        result = profiler.runcall(step)
        profiler.dump_stats(args.profile)
    else:
        result = step()
    args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
