"""Many series (issue 16): the full export of S series × N sessions each against one
listing of the same S × N sessions, in one run, each build in a fresh interpreter.

    python benchmarks/series.py                 # 50 series × 200 sessions (~2 min on 2 cores)
    python benchmarks/series.py --series 5 --per 200

The same synthetic sessions (make_listing.py) are split into ``series/sNN.txt`` files
beside a default listing of N sessions. Two baselines: one listing holding them all (the
same sessions, but none of the series' own pages, feeds and views), and the S series
published the way they had to be before, as S separate sites of one listing each (one
process, one build after the other). Every build runs twice (the first records the
history), the second is timed: the steady state of a scheduled rebuild. Reported:
seconds, µs per session, files written, and the ratios of the per-session costs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_listing import make_listing  # noqa: E402

CHILD = """
import json, sys, time, shutil
from datetime import datetime, timezone
from pathlib import Path
from wipofeeds import export
from wipofeeds.catalog import Source
from wipofeeds.render import load_builtin
load_builtin()
now = datetime(2026, 1, 1, tzinfo=timezone.utc)
total = {"seconds": 0.0, "files": 0, "sessions": 0}
for folder in sys.argv[2:]:  # each a site of its own, built one after the other
    source, out = Source.of(folder), Path(sys.argv[1]) / Path(folder).name
    export.build(source, out, base_url="https://bench.example.org/", now=now)  # records the history
    shutil.rmtree(out)
    start = time.perf_counter()
    summary = export.build(source, out, base_url="https://bench.example.org/", now=now)
    total["seconds"] += time.perf_counter() - start
    total["files"] += summary.files
    total["sessions"] += summary.sessions
print(json.dumps(total))
"""


def records(text: str) -> list[str]:
    """The listing's records (a code line starts each: WIPO/IP/CONV/…)."""
    found: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("WIPO/IP/CONV/"):
            found.append([])
        found[-1].append(line)
    return ["\n".join(lines) for lines in found]


def timed(out: Path, *sources: Path) -> dict:
    out.mkdir()
    done = subprocess.run([sys.executable, "-c", CHILD, str(out), *map(str, sources)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=50)
    parser.add_argument("--per", type=int, default=200, help="sessions per series")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    every = records(make_listing(args.series * args.per, args.seed))
    work = Path(tempfile.mkdtemp(prefix="wipofeeds-series-"))
    one, many = work / "one", work / "many"
    one.mkdir()
    (many / "series").mkdir(parents=True)
    (one / "sessions.txt").write_text("\n".join(every) + "\n", "utf-8")
    (many / "sessions.txt").write_text("\n".join(every[: args.per]) + "\n", "utf-8")
    apart = []
    for number in range(args.series):
        chunk = every[number * args.per : (number + 1) * args.per]
        if number:
            (many / "series" / f"s{number:02d}.txt").write_text("\n".join(chunk) + "\n", "utf-8")
        apart.append(work / "apart" / f"s{number:02d}")
        apart[-1].mkdir(parents=True)
        (apart[-1] / "sessions.txt").write_text("\n".join(chunk) + "\n", "utf-8")
    n = len(every)
    print(f"{args.series} series × {args.per} sessions = {n:,} sessions")
    results = {
        "one listing of them all": timed(work / "out-one", one),
        f"{args.series} separate sites": timed(work / "out-apart", *apart),
        f"{args.series} series, one site": timed(work / "out-many", many),
    }
    for label, r in results.items():
        print(f"{label:<26} {r['seconds']:7.2f} s  {r['seconds'] / n * 1e6:7.0f} µs/session  {r['files']:,} files")
    one, separate, series = (r["seconds"] for r in results.values())
    print(f"per-session cost of {args.series} series in one site: {series / one:.2f}x one listing of them all, "
          f"{series / separate:.2f}x {args.series} separate sites")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
