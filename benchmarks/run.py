"""Benchmark wipofeeds end to end and check the targets of issue 7.

    .venv/bin/python benchmarks/run.py                 # sizes 10, 1000, 10000, 100000 (~15 min)
    .venv/bin/python benchmarks/run.py --quick         # sizes 10, 1000, short load (~1 min)
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --no-serve

For each size a synthetic listing is written (make_listing.py) and measured by fresh
interpreters (measure.py): one times parse, load, every format and the library baselines;
one runs the in-process export (into tmpfs when there is room: --export-to); then
``python -m wipofeeds build`` runs as a subprocess writing to the disk, timed from outside
with its peak memory (os.wait4 and the sampled sum over its processes). Then start-up, serving (serve.py),
a per-session table across sizes and PASS/FAIL lines for the targets. Results go to
``--json`` (default benchmarks/results/latest.json). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED_DIR = ROOT / "data"
BASE_URL = "https://bench.example.org/"
SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, the same fixed "now" as measure.py
HEAVY_MODULES = ("flask", "feedgen", "icalendar", "jinja2", "lxml", "werkzeug")

try:  # run with the project's interpreter even when started as `python benchmarks/run.py`
    import wipofeeds  # noqa: F401
except ImportError:
    venv = ROOT / ".venv" / "bin" / "python"
    if venv.exists() and not os.environ.get("WIPOFEEDS_BENCH_REEXEC"):
        os.environ["WIPOFEEDS_BENCH_REEXEC"] = "1"
        os.execv(str(venv), [str(venv), *sys.argv])
    raise

sys.path.insert(0, str(HERE))

PY = sys.executable


# --- child processes ---------------------------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> set[int]:
    """``pid`` and every process below it (from /proc; empty where there is none)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, grown = {pid}, True
    while grown:
        grown = False
        for child, parent in parents.items():
            if parent in found and child not in found:
                found.add(child)
                grown = True
    return found


def run_child(cmd: list[str], timeout: float, log: Path, env: dict | None = None, cwd=None) -> dict:
    """Run ``cmd``; wall seconds, exit code, the child's own peak RSS (os.wait4: the
    largest of it and its children), and the peak of the summed RSS of it and every
    process it started (sampled every 50 ms: a build writes with a second process)."""
    with open(log, "ab") as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        killed: list[bool] = []
        timer = threading.Timer(timeout, lambda: (killed.append(True), process.kill()))
        timer.start()
        tree_peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                tree_peak[0] = max(tree_peak[0], sum(_rss_kb(pid) for pid in _descendants(process.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            done.set()
            sampler.join()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    timed_out = bool(killed)
    return {
        "seconds": wall,
        "returncode": process.returncode,
        "maxrss_kb": usage.ru_maxrss,
        "tree_peak_kb": max(tree_peak[0], 0),
        "timed_out": timed_out,
    }


def measure(step: str, listing: Path, work: Path, timeout: float, extra: list[str] = ()) -> dict:
    out = work / f"{step}.json"
    out.unlink(missing_ok=True)
    cmd = [PY, str(HERE / "measure.py"), step, str(listing), "--out", str(out), *extra]
    child = run_child(cmd, timeout, work / f"{step}.log")
    if child["returncode"] != 0 or not out.exists():
        why = f"timed out after {timeout:.0f} s" if child["timed_out"] else f"failed (exit {child['returncode']}): {log_tail(work / (step + '.log'))}"
        return {"error": why, "child": child}
    return {**json.loads(out.read_text()), "child": child}


def log_tail(log: Path) -> str:
    """The last line of a child's log (the work folder is deleted unless --keep)."""
    try:
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "(no log)"
    return lines[-1][:200] if lines else "(empty log)"


def cli(*args: str) -> list[str]:
    return [PY, "-m", "wipofeeds", *args]


class Forecast:
    """Decides whether a step may run and for how long, so that a slow build is reported,
    never waited for: each step gets ``--timeout`` seconds at most, and no more than what
    is left of the run's ``--budget`` (minus a reserve for start-up and serving). A step is
    skipped when its time, extrapolated linearly from the previous size (or, for the CLI
    build, taken from the in-process build of the same size), would not fit."""

    def __init__(self, timeout: float, budget: float, reserve: float):
        self.timeout = timeout
        self.deadline = time.perf_counter() + budget if budget > 0 else float("inf")
        self.reserve = reserve
        self.last: dict[str, tuple[int, float, bool]] = {}

    def allowed(self) -> float:
        return max(0.0, min(self.timeout, self.deadline - self.reserve - time.perf_counter()))

    def skip_reason(self, step: str, n: int, same_size: dict | None = None) -> str | None:
        allowed = self.allowed()
        if allowed < 5:
            return "skipped: the time budget (--budget) is used up"
        prev = self.last.get(step)
        if prev and prev[2]:
            return f"skipped: timed out at {prev[0]:,} sessions"
        if same_size is not None:
            estimate, why = same_size["seconds"], "the in-process build of this size took that long"
        elif prev:
            estimate = prev[1] / prev[0] * n
            why = f"{prev[1] / prev[0] * 1e6:.0f} µs/session at {prev[0]:,}"
        else:
            return None
        if estimate > allowed:
            return f"skipped: ~{estimate:.0f} s expected ({why}), only {allowed:.0f} s allowed (--timeout, --budget)"
        return None

    def record(self, step: str, n: int, result: dict) -> None:
        child = result.get("child", result)
        if n >= 1000 or step not in self.last:
            self.last[step] = (n, child.get("seconds", 0.0), child.get("timed_out", False))


def write_listing(n: int, seed: int, path: Path) -> None:
    """Generate in a child process: a child's peak memory (os.wait4) starts from its
    parent's size at fork, so this process must stay small for the peaks to mean anything."""
    script = HERE / "make_listing.py"
    subprocess.run([sys.executable, str(script), str(n), "--seed", str(seed), "--out", str(path)], check=True)


def export_root(choice: str, work: Path) -> tuple[Path, str]:
    """Where the in-process export writes: a RAM-backed folder (``auto``: /dev/shm when it
    has room), so that figure is the exporter's own cost against a floor that writes
    nothing; ``python -m wipofeeds build`` always writes to the disk, reported beside it.
    On this kind of VM, creating tens of thousands of small files costs 0.1-0.5 ms of
    kernel time each, varying tenfold between runs."""
    if choice == "disk":
        return work, "disk"
    shm = Path("/dev/shm" if choice == "auto" else choice)
    try:
        room = shutil.disk_usage(shm).free
        folder = Path(tempfile.mkdtemp(prefix="wipofeeds-bench-", dir=shm))
    except OSError:
        return work, "disk"
    if room < 8 << 30 and choice == "auto":
        shutil.rmtree(folder)
        return work, "disk"
    return folder, f"tmpfs ({shm})" if choice == "auto" else str(shm)


def disk_plain_writes(source: Path, dest: Path) -> dict:
    """The same files as ``source`` written again under ``dest`` with plain writes (one
    file in memory at a time): the disk's own cost of a build's files."""
    import baselines

    seconds, total = 0.0, 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        body = path.read_bytes()
        start = time.perf_counter()
        total += baselines.plain_writes({str(path.relative_to(source)): body}, dest)
        seconds += time.perf_counter() - start
    shutil.rmtree(dest, ignore_errors=True)
    return {"seconds": seconds, "bytes": total}


def bench_size(n: int, work: Path, args, forecast: Forecast) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    exports = args.export_root / work.name
    exports.mkdir(parents=True, exist_ok=True)
    listing = work / "sessions.txt"
    start = time.perf_counter()
    write_listing(n, args.seed, listing)
    result: dict = {"n": n, "listing_bytes": listing.stat().st_size, "generate_seconds": time.perf_counter() - start}
    print(f"\n== {n:,} sessions ({result['listing_bytes'] / 1e6:.1f} MB listing) ==", flush=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    # Most important first: when time runs short, the per-format breakdown is what is lost.
    steps = {
        "base": ("parse, load, baselines", lambda t: measure("base", listing, work, t)),
        "build": (
            "in-process export",
            lambda t: measure("build", listing, work, t, ["--dest", str(exports / "out-inprocess")]),
        ),
        "cli_build": (
            "`python -m wipofeeds build`",
            lambda t: run_child(
                cli("build", str(listing), "--out", str(work / "out-cli"), "--base-url", BASE_URL),
                t,
                work / "cli-build.log",
                env=env,
            ),
        ),
        "render": ("every format", lambda t: measure("render", listing, work, t)),
    }
    for step, (label, run) in steps.items():
        same = result.get("build") if step == "cli_build" and "seconds" in result.get("build", {}) else None
        reason = forecast.skip_reason(step, n, same)
        if reason:
            print(f"  {label}: {reason}", flush=True)
            result[step] = {"error": reason}
            continue
        allowed = forecast.allowed()
        print(f"  {label} ...", flush=True)
        outcome = run(allowed)
        if step == "cli_build" and outcome["timed_out"]:
            outcome["error"] = f"timed out after {allowed:.0f} s"
        elif step == "cli_build" and outcome["returncode"] != 0:
            outcome["error"] = f"failed (exit {outcome['returncode']}): {log_tail(work / 'cli-build.log')}"
        if step == "cli_build" and "error" not in outcome:
            outcome["plain_writes"] = disk_plain_writes(work / "out-cli", work / "plain-cli")
        result[step] = outcome
        forecast.record(step, n, outcome)
        shutil.rmtree(exports / "out-inprocess", ignore_errors=True)
        shutil.rmtree(work / "out-cli", ignore_errors=True)
    shutil.rmtree(exports, ignore_errors=True)
    return result


# --- start-up ------------------------------------------------------------------------------


def median_runs(commands: dict[str, tuple], repeats: int, work: Path) -> dict[str, dict]:
    """Each command (name -> (cmd, env, cwd)) run ``repeats`` times, the commands taking
    turns, so a slow spell of the machine hits every one alike: the median wall time of
    each. (Their peak memory is not reported: a child's ru_maxrss starts from what the
    forking benchmark process held.)"""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, (cmd, env, cwd) in commands.items():
            runs[name].append(run_child(cmd, 120, work / "startup.log", env=env, cwd=cwd))
    return {
        name: {"median_seconds": statistics.median(r["seconds"] for r in done), "returncodes": sorted({r["returncode"] for r in done})}
        for name, done in runs.items()
    }


def imported_modules(cmd_args: list[str], cwd: Path) -> dict:
    """Heavy third-party modules a command imports, and its slowest imports (-X importtime)."""
    proc = subprocess.run([PY, "-X", "importtime", "-m", "wipofeeds", *cmd_args], cwd=cwd, capture_output=True, text=True)
    rows = re.findall(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", proc.stderr)
    top_level = {name.split(".")[0] for _, _, _, name in rows}
    slow = sorted(((int(cum), name.strip()) for _, cum, indent, name in rows if len(indent) <= 2), reverse=True)[:6]
    return {"heavy": [m for m in HEAVY_MODULES if m in top_level], "slowest_ms": [(name, us / 1000) for us, name in slow]}


def bench_startup(work: Path, repeats: int) -> dict:
    """`wipofeeds check` and `build` on a copy of the seed listing vs `python -c pass`."""
    seed = work / "seed"
    shutil.copytree(SEED_DIR, seed / "data", ignore=shutil.ignore_patterns("*.history.json"))
    # Start-up as installed: with the package's bytecode written. Without this, a module
    # edited since its .pyc was last written (PYTHONDONTWRITEBYTECODE=1 keeps it stale)
    # is compiled again on every run, ~5 ms each, which is not what a user's start pays.
    package = importlib.util.find_spec("wipofeeds").submodule_search_locations[0]
    compileall.compile_dir(package, quiet=1)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    build = cli("build", "data/sessions.txt", "--out", str(seed / "out"), "--base-url", BASE_URL)
    subprocess.run(build, cwd=seed, env=env, capture_output=True)  # first build writes the history
    commands = {
        "python -c pass": ([PY, "-c", "pass"], None, None),
        "wipofeeds check": (cli("check", "data/sessions.txt"), env, seed),
        "wipofeeds build": (build, env, seed),
    }
    return {**median_runs(commands, repeats, work), "check imports": imported_modules(["check", "data/sessions.txt"], seed)}


# --- report --------------------------------------------------------------------------------


def us(seconds: float, n: int) -> str:
    return f"{seconds / max(n, 1) * 1e6:9.1f}"


def fmt_s(seconds: float) -> str:
    return f"{seconds:9.3f}" if seconds < 100 else f"{seconds:9.1f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:6.2f}x" if a is not None and b else "      "


def size_rows(r: dict) -> list[tuple[str, float, str, float | None]]:
    """(label, seconds, baseline label, baseline seconds) for one size, in print order."""
    out: list = []
    build = r.get("build", {})
    rows = {**r.get("base", {}).get("rows", {}), **r.get("render", {}).get("rows", {})}

    def sec(name):
        return rows.get(name, {}).get("seconds")

    floor = [sec(f"baseline {k}") for k in ("icalendar", "feedgen rss", "feedgen atom", "json")]
    floor_total = sum(floor) if None not in floor else None
    if rows:
        out.append(("parse", sec("parse"), "", None))
        out.append(("load (parse, curation, history)", sec("load"), "", None))
        out.append(("render calendar.ics", sec("collection calendar.ics"), "icalendar alone", sec("baseline icalendar")))
        out.append(("render feed.rss", sec("collection feed.rss"), "feedgen RSS alone", sec("baseline feedgen rss")))
        out.append(("render feed.atom", sec("collection feed.atom"), "feedgen Atom alone", sec("baseline feedgen atom")))
        for name in ("sessions.json", "feed.json"):
            out.append((f"render {name}", sec(f"collection {name}"), "json.dumps alone", sec("baseline json")))
        html = [k for k in rows if k.endswith(".html") and "baseline" not in k]
        if html:
            out.append(("render HTML (" + ", ".join(k.split(" ", 1)[1] for k in html) + ")", sum(sec(k) for k in html), "", None))
        shown = {"parse", "load", "import renderers", *html} | {f"collection {x}" for x in ("calendar.ics", "feed.rss", "feed.atom", "sessions.json", "feed.json")}
        for name in rows:
            if name not in shown and "baseline" not in name:
                out.append((f"render {name}", sec(name), "", None))
        out.append(("library floor (icalendar+RSS+Atom+json)", floor_total, "", None))
        thin = [sec(f"thin baseline {k}") for k in ("icalendar", "feedgen rss", "feedgen atom")]
        if None not in thin and floor[3] is not None:
            out.append(("thin floor, as measured before (not the targets')", sum(thin) + floor[3], "", None))
    if "phases" in build:
        for name, seconds in build["phases"].items():
            base = ("plain writes", build["plain_writes"]["seconds"]) if name.startswith("file writes") else ("", None)
            out.append((f"export: {name}", seconds, *base))
        if "imports before the build (not in its time)" in build:
            out.append(("import renderers first (not in the build's time)", build["imports before the build (not in its time)"], "", None))
        out.append(("full build, in-process export.build", build["seconds"], "library floor", floor_total))
    cli_build = r.get("cli_build", {})
    if "error" not in cli_build and cli_build:
        out.append(("full build, `python -m wipofeeds build` (disk)", cli_build["seconds"], "library floor", floor_total))
        if "plain_writes" in cli_build:
            out.append(("plain writes of its files (disk)", cli_build["plain_writes"]["seconds"], "", None))
    return out


def print_size(r: dict) -> None:
    n = r["n"]
    print(f"\n{'step':<52}{'seconds':>9} {'µs/session':>10}  {'ratio':>7}  baseline")
    for label, seconds, base_label, base in size_rows(r):
        if seconds is None:
            continue
        base_text = f"{base_label} {base:.3f} s" if base_label and base is not None else ""
        print(f"{label:<52}{fmt_s(seconds)} {us(seconds, n)}  {ratio(seconds, base)}  {base_text}")
    for part in ("base", "render", "build", "cli_build"):
        if "error" in r.get(part, {}):
            print(f"!! {part}: {r[part]['error']}")
    build, cli_build = r.get("build", {}), r.get("cli_build", {})
    filtered = r.get("render", {}).get("rows", {}).get("filtered collections")
    if filtered:
        print(f"filtered collections: {filtered['files']} files, {filtered['bytes'] / 1e6:.1f} MB")
    if "gc" in build:
        gc = build["gc"]
        print(f"export: {build['files']:,} files, {build['bytes'] / 1e6:.1f} MB; cyclic GC passes {gc['passes']} took {gc['seconds']:.2f} s")
    if cli_build.get("maxrss_kb") and "error" not in cli_build:
        print(
            f"peak memory: `wipofeeds build` {peak_kb(cli_build) / 1024:.0f} MB (the build and its pool's workers together, sampled); "
            f"in-process export: renderer {build.get('maxrss_kb', 0) / 1024:.0f} MB"
        )


def peak_kb(child: dict) -> int:
    """A build's peak: the larger of wait4's (one process) and the sampled sum of the
    build and its writing process."""
    return max(child.get("maxrss_kb", 0), child.get("tree_peak_kb", 0))


def print_linearity(sizes: dict) -> None:
    ns = sorted(sizes)
    labels: list[str] = []
    table: dict = {}
    for n in ns:
        for label, seconds, _, _ in size_rows(sizes[n]):
            if seconds is None:
                continue
            if label not in labels:
                labels.append(label)
            table[(label, n)] = seconds / n * 1e6
    print("\n== cost per session (µs) across sizes ==")
    last = ns[-1]
    head = "".join(f"{n:>12,}" for n in ns)
    growth = last > 1000 and 1000 in ns
    print(f"{'step':<52}{head}" + (f"  {f'{last:,}/1,000':>12}" if growth else ""))
    for label in labels:
        cells = "".join(f"{table[(label, n)]:12.1f}" if (label, n) in table else f"{'-':>12}" for n in ns)
        grow = ratio(table.get((label, last)), table.get((label, 1000))) if growth else ""
        print(f"{label[:51]:<52}{cells}  {grow:>12}")
    peaks = [peak_kb(sizes[n].get("cli_build", {})) for n in ns]
    cells = "".join(f"{p / 1024:12.0f}" if p and "error" not in sizes[n].get("cli_build", {}) else f"{'-':>12}" for n, p in zip(ns, peaks))
    print(f"{'peak memory of `wipofeeds build` (MB, not per session)':<52}{cells}")


def print_startup(s: dict) -> None:
    base = s["python -c pass"]["median_seconds"]
    print("\n== start-up (seed listing, median) ==")
    for name in ("python -c pass", "wipofeeds check", "wipofeeds build"):
        m = s[name]
        print(f"{name:<20}{m['median_seconds'] * 1000:8.1f} ms  {ratio(m['median_seconds'], base)} of python -c pass  exit {m['returncodes']}")
    imports = s["check imports"]
    print(f"`wipofeeds check` imports heavy modules: {', '.join(imports['heavy']) or 'none'}")
    print("slowest imports of check: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in imports["slowest_ms"]))


def print_serving(s: dict) -> None:
    print(f"\n== serving (gunicorn gthread, 2 workers; load: {s.get('tool')}) ==")
    if "error" in s:
        print(f"!! serving skipped: {s['error']}")
        return
    rows = s["rows"]
    bare = {r["case"]: r for r in rows if r["server"] == "bare"}
    app = {r["case"]: r for r in rows if r["server"] == "app"}
    print(f"{'server':<7}{'case':<34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  ratio")
    for r in rows:
        if r["server"] == "app":
            rel = f"{ratio(r['rps'], bare.get(r['case'], {}).get('rps'))} of bare"
        elif r["server"] == "nginx":
            rel = f"{ratio(r['rps'], app.get(r['case'], {}).get('rps'))} of app"
        else:
            rel = ""
        print(f"{r['server']:<7}{r['case']:<34}{r['rps']:9.0f}{r['p50_ms']:9.2f}{r['p99_ms']:9.2f}{r['errors']:8d}  {rel}")
    for note in s["notes"]:
        print(f"note: {note}")


def disk_note(r: dict) -> str:
    """What the same build cost on the disk, for the export targets' evidence."""
    cli_build = r.get("cli_build", {})
    if "error" in cli_build or "seconds" not in cli_build:
        return ""
    writes = cli_build.get("plain_writes", {}).get("seconds")
    return f"; to the disk `wipofeeds build` {cli_build['seconds']:.2f} s" + (f" (plain writes of its files alone {writes:.2f} s)" if writes else "")


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(PASS/FAIL/SKIP, target, evidence) for each target of the issue."""
    out = []
    sizes = results["sizes"]

    def per(n, getter):
        try:
            v = getter(sizes[n])
            return None if v is None else v / n
        except (KeyError, TypeError):
            return None

    parse = lambda r: r["base"]["rows"]["parse"]["seconds"]  # noqa: E731
    full = lambda r: r["build"]["seconds"]  # noqa: E731
    big = max(sizes) if sizes else None
    for label, getter in (("parse", parse), ("full build", full)):
        small, large = per(1000, getter), per(big, getter) if big and big >= 10000 else None
        if small and large:
            verdict = "PASS" if large / small <= 1.3 else "FAIL"
            out.append((verdict, f"linear {label}: µs/session at {big:,} ≤ 1.3x that at 1,000", f"{large * 1e6:.0f} vs {small * 1e6:.0f} µs = {large / small:.2f}x"))
        else:
            out.append(("SKIP", f"linear {label}", "needs sizes 1000 and ≥ 10000"))
    for n in sorted(sizes):
        r = sizes[n]
        if n < 1000:
            continue
        try:
            rows = r["base"]["rows"]
            floor = sum(rows[f"baseline {k}"]["seconds"] for k in ("icalendar", "feedgen rss", "feedgen atom", "json"))
            total = r["build"]["seconds"]
        except KeyError:
            out.append(("FAIL", f"export ≤ 2x library floor at {n:,}", "not measured (error or timeout)"))
            continue
        evidence = f"{total:.2f} s vs floor {floor:.2f} s = {total / floor:.2f}x"
        if all(f"thin baseline {k}" in rows for k in ("icalendar", "feedgen rss", "feedgen atom")):
            thin = sum(rows[f"thin baseline {k}"]["seconds"] for k in ("icalendar", "feedgen rss", "feedgen atom"))
            thin += rows["baseline json"]["seconds"]
            evidence += f" (thin floor {thin:.2f} s: {total / thin:.2f}x)"
        out.append(("PASS" if total <= 2 * floor else "FAIL", f"export ≤ 2x library floor at {n:,}", evidence + disk_note(r)))
    if 10000 in sizes:
        total = sizes[10000].get("build", {}).get("seconds")
        evidence = f"{total:.2f} s{disk_note(sizes[10000])}" if total else "not measured"
        out.append(("PASS" if total is not None and total < 10 else "FAIL", "10,000 sessions exported under 10 s", evidence))
    else:
        out.append(("SKIP", "10,000 sessions exported under 10 s", "size not run"))
    if 100000 in sizes:
        cli_build = sizes[100000].get("cli_build", {})
        # the larger of wait4's peak and the sampled sum of the build and its writing process
        rss = peak_kb(cli_build) if "error" not in cli_build else None
        out.append(("PASS" if rss and rss < 1.5 * 1024 * 1024 else "FAIL", "100,000 sessions: peak memory under 1.5 GB", f"{rss / 1024:.0f} MB (the build and its pool's workers together)" if rss else cli_build.get("error", "not measured")))
    else:
        out.append(("SKIP", "100,000 sessions: peak memory under 1.5 GB", "size not run"))
    s = results.get("startup")
    if s:
        base = s["python -c pass"]["median_seconds"]
        check = s["wipofeeds check"]["median_seconds"]
        ok = check <= 6 * base and s["wipofeeds check"]["returncodes"] == [0]
        out.append(("PASS" if ok else "FAIL", "`wipofeeds check` within 6x of `python -c pass`", f"{check * 1000:.0f} vs {base * 1000:.0f} ms = {check / base:.1f}x"))
        heavy = s["check imports"]["heavy"]
        out.append(("PASS" if not heavy else "FAIL", "`wipofeeds check` imports no Flask, feedgen or icalendar", ", ".join(heavy) or "none imported"))
    sv = results.get("serving")
    if sv and "rows" in sv:
        rows = sv["rows"]
        app = {r["case"]: r for r in rows if r["server"] == "app"}
        bare = {r["case"]: r for r in rows if r["server"] == "bare"}
        for case, r in app.items():
            if case in bare:
                q = r["rps"] / bare[case]["rps"]
                out.append(("PASS" if q >= 0.8 else "FAIL", f"serving {case}: ≥ 0.8x bare Flask", f"{r['rps']:.0f} vs {bare[case]['rps']:.0f} req/s = {q:.2f}x"))
        full, cond = app.get("calendar.ics 200 gzip"), app.get("calendar.ics 304")
        if full and cond:
            out.append(("PASS" if cond["rps"] >= full["rps"] else "FAIL", "a 304 at least as fast as a 200", f"{cond['rps']:.0f} vs {full['rps']:.0f} req/s"))
        errors = sum(r["errors"] for r in rows)
        out.append(("PASS" if errors == 0 else "FAIL", "serving: zero errors", f"{errors} errors in {sum(r['requests'] for r in rows):,} requests"))
        gz = sv["checks"].get("gzip_served")
        out.append(("PASS" if gz else "FAIL", "gzip bodies served (precompressed by the site)", f"calendar.ics {sv['checks'].get('calendar_bytes')} B → {sv['checks'].get('calendar_gzip_bytes')} B gzip"))
        nginx = {r["case"]: r for r in rows if r["server"] == "nginx"}
        out.append(("INFO" if nginx else "SKIP", "nginx on the static export reported alongside", ", ".join(f"{c}: {nginx[c]['rps'] / app[c]['rps']:.1f}x app" for c in nginx if c in app) or "nginx not installed"))
    else:
        out.append(("SKIP", "serving targets", (sv or {}).get("error", "not run")))
    return out


# --- main ----------------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    try:
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem / 2**30, 1), "python": platform.python_version(), "platform": platform.platform()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000,100000", help="comma-separated session counts")
    parser.add_argument("--quick", action="store_true", help="sizes 10,1000 and a short serving run")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic listings")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json")
    parser.add_argument("--timeout", type=float, default=420, help="seconds allowed to each measuring process")
    parser.add_argument(
        "--budget", type=float, help="seconds for the whole run; steps that would not fit are skipped "
        "(default 900, 120 with --quick; 0: no limit)"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the serving benchmark")
    parser.add_argument("--serve-size", type=int, default=0, help="serve a synthetic listing of this size instead of the seed")
    parser.add_argument("--load-tool", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--export-to", default="auto", help="where the in-process export writes: auto (/dev/shm when it has "
        "room, else the disk), disk, or a folder; `python -m wipofeeds build` always writes to the disk"
    )
    args = parser.parse_args(argv)
    sizes = [10, 1000] if args.quick else [int(x) for x in args.sizes.split(",") if x]
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="wipofeeds-bench-"))
    work.chmod(0o755)  # nginx workers run as another user and must reach the export
    args.export_root, export_fs = export_root(args.export_to, work)
    results: dict = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "args": {"sizes": sizes, "seed": args.seed, "quick": args.quick},
        "export_fs": export_fs,
        "sizes": {},
    }
    m = results["machine"]
    print(f"wipofeeds benchmark — {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB), Python {m['python']}")
    print(f"in-process export writes to: {export_fs}; `python -m wipofeeds build` to the disk")
    budget = args.budget if args.budget is not None else (120 if args.quick else 900)
    reserve = 10 if args.no_serve else (30 if args.quick else 120)  # start-up and serving come last
    forecast = Forecast(args.timeout, budget, reserve)
    try:
        for n in sizes:
            results["sizes"][n] = bench_size(n, work / f"n{n}", args, forecast)
            print_size(results["sizes"][n])
        results["startup"] = bench_startup(work, 5 if args.quick else 15)
        print_startup(results["startup"])
        if not args.no_serve:
            results["serving"] = serving(args, work)
            print_serving(results["serving"])
        print_linearity(results["sizes"])
        results["targets"] = targets(results)
        print("\n== targets ==")
        for verdict, target, evidence in results["targets"]:
            print(f"{verdict:<5} {target}: {evidence}")
    finally:
        results["total_seconds"] = time.perf_counter() - started
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if args.export_root != work:
                shutil.rmtree(args.export_root, ignore_errors=True)
    print(f"\nresults: {args.json}  ({results['total_seconds']:.0f} s)")
    return 0


def serving(args, work: Path) -> dict:
    import serve

    tool = args.load_tool
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    budget = {"seconds": 1, "requests": 600 if args.quick else 2500, "rounds": 1 if args.quick else 5}
    data = work / "serve" / "data"
    if args.serve_size:
        data.mkdir(parents=True)
        write_listing(args.serve_size, args.seed, data / "sessions.txt")
    else:
        shutil.copytree(SEED_DIR, data, ignore=shutil.ignore_patterns("*.history.json"))
    listing = data / "sessions.txt"
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    export_root = work / "serve" / "site"
    built = subprocess.run(cli("build", str(listing), "--out", str(export_root), "--base-url", BASE_URL), env=env, capture_output=True, text=True)
    if built.returncode != 0:
        return {"tool": tool, "error": f"wipofeeds build failed: {built.stderr.strip()[-300:]}"}
    sessions = json.loads((export_root / "sessions.json").read_text())
    years = sorted(p.name for p in (export_root / "year").iterdir()) if (export_root / "year").is_dir() else []
    filtered = f"year/{'2025' if '2025' in years else years[-1]}/feed.rss" if years else "feed.rss"
    # The big builds before this wrote gigabytes: let the kernel write them out now, not
    # while the servers are measured (in one run the app's plain calendar.ics fell to
    # 0.39x of bare Flask in three of five rounds, and measured 0.94x on its own after).
    os.sync()
    time.sleep(2)
    try:
        result = serve.bench_serving(listing, export_root, BASE_URL, filtered, work / "serve", tool, budget)
    except Exception as exc:  # report, never hang or lose the other results
        return {"tool": tool, "error": f"{type(exc).__name__}: {exc}"}
    result["tool"] = tool
    result["listing"] = "seed" if not args.serve_size else f"synthetic {args.serve_size}"
    result["sessions"] = len(sessions.get("sessions", sessions)) if isinstance(sessions, dict) else len(sessions)
    return result


if __name__ == "__main__":
    sys.exit(main())
