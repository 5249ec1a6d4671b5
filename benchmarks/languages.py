"""Six languages (issue 18): `wipofeeds build` of the seed with the pages in six languages
against the same build with English pages only, in one run.

    python benchmarks/languages.py                       # 7 rounds (~1 min on 2 cores)
    python benchmarks/languages.py --rounds 11 --before /path/to/older/.venv/bin/python

Each build is the command a maintainer runs (a fresh interpreter, the seed's data folder
copied, its history present: the steady state of a scheduled rebuild), timed from outside,
wall clock. The one-language build is this tree with no language but English (in the
child, ``site.language_files`` renders nothing and no other language is known to the
pool or the sitemap: a benchmark's switch, not a setting).
"six, one process": the same six-language build without the worker that writes the
other languages' pages on a second core (``writing.SessionPool``), to show what it buys.
``--before PYTHON``: also time an interpreter whose ``wipofeeds`` is another tree (the
tree before the six languages), with its own pages as they were. The builds of a round
run one after the other, in turn, so a slower moment of the machine hits each alike;
reported are the medians and their ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys
if sys.argv[3] == "en":  # no page of another language, here or in a worker
    import wipofeeds.site as site, wipofeeds.writing as writing
    site.language_files = lambda *args, **kwargs: iter(())
    site.OTHER_LANGUAGES = writing.OTHER_LANGUAGES = ()  # session_languages, the sitemap, the pool
if sys.argv[3] == "one-process":  # every page rendered in this process: what the worker buys
    import wipofeeds.writing as writing
    writing.SessionPool.fitting = classmethod(lambda cls, catalog: None)
from wipofeeds import cli
sys.argv = ["wipofeeds", "build", sys.argv[1], "--out", sys.argv[2], "--quiet"]
sys.exit(cli.main())
"""


def timed_build(python: str, data: Path, work: Path, languages: str) -> float:
    """Seconds of one build of a fresh copy of ``data`` (its own output folder)."""
    source, out = work / "data", work / "out"
    shutil.rmtree(source, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(data, source)
    start = time.perf_counter()
    subprocess.run([python, "-c", CHILD, str(source), str(out), languages], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder to build [default: data]")
    parser.add_argument("--before", metavar="PYTHON", help="an interpreter whose wipofeeds is the tree to compare with")
    shm = Path("/dev/shm")
    parser.add_argument("--tmp", type=Path, default=shm if shm.is_dir() else None,
                        help="where the builds write [default: /dev/shm where there is one: this VM's disk is noisy]")
    args = parser.parse_args()
    runs = {
        "six languages": (sys.executable, "all"),
        "six, one process": (sys.executable, "one-process"),
        "English only": (sys.executable, "en"),
    }
    if args.before:
        runs["tree before (--before)"] = (args.before, "all")
    times: dict[str, list[float]] = {name: [] for name in runs}
    with tempfile.TemporaryDirectory(prefix="wipofeeds-languages-", dir=args.tmp) as tmp:
        for name, (python, languages) in runs.items():  # one untimed build each: files cached, .pyc written
            timed_build(python, args.data, Path(tmp), languages)
        for _ in range(args.rounds):
            for name, (python, languages) in runs.items():
                times[name].append(timed_build(python, args.data, Path(tmp), languages))
    median = {name: statistics.median(values) for name, values in times.items()}
    six = median["six languages"]
    print(f"wipofeeds build of {args.data} ({args.rounds} rounds, medians of wall seconds)")
    for name, seconds in median.items():
        spread = f"{min(times[name]):.2f}–{max(times[name]):.2f}"
        print(f"  {name:24} {seconds:6.2f} s  (range {spread})  six languages / this: {six / seconds:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
