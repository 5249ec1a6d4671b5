"""A small, bounded HTTP load generator (used when wrk is not installed).

    python benchmarks/load.py http://127.0.0.1:8000/calendar.ics --requests 2000 \\
        --concurrency 8 --header 'Accept-Encoding: gzip' --expect 200

Sends exactly ``--requests`` GETs over ``--concurrency`` keep-alive connections
(``http.client``), spread over ``--procs`` processes so the client's own GIL is less of
a bottleneck, and prints one JSON object: requests, seconds, requests/s, p50/p99 latency
in milliseconds, errors (wrong status, short body or connection failure) and bytes read.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import multiprocessing
import statistics
import threading
import time
from urllib.parse import urlsplit


def _worker(url: str, count: int, threads: int, headers: dict, expect: int, start_at: float, out):
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    ticket = itertools.count()
    latencies: list[float] = []
    errors = [0]
    received = [0]
    lock = threading.Lock()

    def run():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        mine, bad, size = [], 0, 0
        while next(ticket) < count:
            began = time.perf_counter()
            try:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                body = response.read()
                length = response.getheader("Content-Length")
                if response.status != expect or (length is not None and int(length) != len(body)):
                    bad += 1
                size += len(body)
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad
            received[0] += size

    pool = [threading.Thread(target=run) for _ in range(threads)]
    time.sleep(max(0.0, start_at - time.time()))
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put({"latencies": latencies, "errors": errors[0], "bytes": received[0], "end": time.time()})


def run_load(url: str, requests: int, concurrency: int = 8, headers: dict | None = None, expect: int = 200, procs: int = 2) -> dict:
    procs = max(1, min(procs, concurrency))
    queue = multiprocessing.get_context("fork").Queue()
    start_at = time.time() + 0.3  # every process starts together
    workers = []
    for i in range(procs):
        share = requests // procs + (1 if i < requests % procs else 0)
        threads = concurrency // procs + (1 if i < concurrency % procs else 0)
        p = multiprocessing.get_context("fork").Process(
            target=_worker, args=(url, share, threads, headers or {}, expect, start_at, queue)
        )
        p.start()
        workers.append(p)
    parts = [queue.get() for _ in workers]
    for p in workers:
        p.join()
    latencies = sorted(x for part in parts for x in part["latencies"])
    seconds = max(part["end"] for part in parts) - start_at
    return {
        "tool": "benchmarks/load.py",
        "requests": len(latencies),
        "seconds": seconds,
        "rps": len(latencies) / seconds if seconds > 0 else 0.0,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else None,
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] if latencies else None,
        "errors": sum(part["errors"] for part in parts),
        "bytes": sum(part["bytes"] for part in parts),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--header", action="append", default=[], help="'Name: value' (repeatable)")
    parser.add_argument("--expect", type=int, default=200)
    args = parser.parse_args(argv)
    headers = dict(h.split(": ", 1) for h in args.header)
    print(json.dumps(run_load(args.url, args.requests, args.concurrency, headers, args.expect, args.procs)))


if __name__ == "__main__":
    main()
