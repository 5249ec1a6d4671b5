"""Many series (issue 16): the full export of S series × N sessions each against one
listing of the same S × N sessions, in one run, each build in a fresh interpreter.

    python benchmarks/series.py                 # 50 series × 200 sessions (~2 min on 2 cores)
    python benchmarks/series.py --series 5 --per 200

The same synthetic sessions (make_listing.py) are split into ``series/sNN.txt`` files
beside a default listing of N sessions; the baseline is one listing holding them all.
Both builds run twice (the first records the history), the second is timed: the steady
state of a scheduled rebuild. Reported: seconds, µs per session, files written, and the
ratio of the per-session costs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
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
source, out = Source.of(sys.argv[1]), Path(sys.argv[2])
now = datetime(2026, 1, 1, tzinfo=timezone.utc)
export.build(source, out, base_url="https://bench.example.org/", now=now)  # records the history
shutil.rmtree(out)
start = time.perf_counter()
summary = export.build(source, out, base_url="https://bench.example.org/", now=now)
print(json.dumps({"seconds": time.perf_counter() - start, "files": summary.files, "sessions": summary.sessions}))
"""


def records(text: str) -> list[str]:
    """The listing's records (a code line starts each: WIPO/IP/CONV/…)."""
    found: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("WIPO/IP/CONV/"):
            found.append([])
        found[-1].append(line)
    return ["\n".join(lines) for lines in found]


def timed(source: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out)], capture_output=True, text=True, check=True)
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
    for number in range(1, args.series):
        chunk = every[number * args.per : (number + 1) * args.per]
        (many / "series" / f"s{number:02d}.txt").write_text("\n".join(chunk) + "\n", "utf-8")
    n = len(every)
    print(f"{args.series} series × {args.per} sessions = {n:,} sessions; one listing of the same {n:,} as the baseline")
    base = timed(one, work / "out-one")
    series = timed(many, work / "out-many")
    for label, r in (("one listing", base), (f"{args.series} series", series)):
        print(f"{label:<14} {r['seconds']:7.2f} s  {r['seconds'] / n * 1e6:7.0f} µs/session  {r['files']:,} files")
    ratio = series["seconds"] / base["seconds"]
    print(f"per-session cost, {args.series} series / one listing: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
