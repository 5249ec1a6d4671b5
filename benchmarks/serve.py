"""Serving benchmark: the app under gunicorn against a bare Flask app and nginx.

Three servers on 127.0.0.1, each on a free port, all serving the same data:
- ``app``: ``wipofeeds.web:create_app()`` under gunicorn (gthread, 2 workers);
- ``bare``: ``bare_app.py`` under the same gunicorn settings, replaying the bytes the
  app returned (the baseline: what Flask + gunicorn cost on their own);
- ``nginx``: the static export of the same listing (``gzip_static on``), when nginx is
  installed.
Each case (route + request headers) is loaded with wrk when installed, else with
``load.py``; both stop after a bounded amount of work.
"""

from __future__ import annotations

import http.client
import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import run_load  # noqa: E402

GUNICORN_ARGS = ["-w", "2", "-k", "gthread", "--threads", "4", "--log-level", "warning"]
KEEP_HEADERS = {
    "content-type", "etag", "cache-control", "last-modified", "vary", "content-encoding",
    "access-control-allow-origin", "x-content-type-options",
}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/" + path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_ready(port: int, path: str, process: subprocess.Popen, timeout: float) -> None:
    """Until /path answers 200; a server that answers something else for 10 s has failed."""
    deadline = time.monotonic() + timeout
    answering_since, status = None, None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            status = fetch(port, path)[0]
            if status == 200:
                return
            answering_since = answering_since or time.monotonic()
            if time.monotonic() - answering_since > 10:
                break
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} not ready (last status {status}), see its log in the work folder")


class Server:
    """A server process we started (and only that one is stopped)."""

    def __init__(self, name: str, cmd: list[str], env: dict, log: Path, ready_path: str, port: int, cwd=None):
        self.name, self.port = name, port
        self.log = open(log, "wb")
        self.process = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=cwd)
        try:
            wait_ready(port, ready_path, self.process, timeout=120)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def gunicorn_bin() -> str:
    local = Path(sys.executable).parent / "gunicorn"
    return str(local) if local.exists() else (shutil.which("gunicorn") or "gunicorn")


def start_app(listing: Path, base_url: str, work: Path) -> Server:
    port = free_port()
    env = dict(os.environ, WIPOFEEDS_SOURCE=str(listing), WIPOFEEDS_BASE_URL=base_url)
    cmd = [gunicorn_bin(), *GUNICORN_ARGS, "-b", f"127.0.0.1:{port}", "wipofeeds.web:create_app()"]
    return Server("app", cmd, env, work / "app.log", "calendar.ics", port)


def start_bare(routes: list[str], app_port: int, work: Path) -> Server:
    """Record what the app answers on ``routes`` (plain and gzip), then replay it."""
    spec = {}
    for path in routes:
        entry = {}
        for variant, headers in (("plain", {}), ("gzip", {"Accept-Encoding": "gzip"})):
            status, got, body = fetch(app_port, path, headers)
            if status != 200:
                raise RuntimeError(f"app answered {status} for /{path}")
            kept = {k: v for k, v in got.items() if k in KEEP_HEADERS}
            entry[variant] = (got.get("etag"), kept, body)
        spec[path] = entry
    spec_path = work / "bare-spec.pickle"
    spec_path.write_bytes(pickle.dumps(spec))
    port = free_port()
    env = dict(os.environ, BENCH_BARE_SPEC=str(spec_path))
    cmd = [gunicorn_bin(), *GUNICORN_ARGS, "--chdir", str(HERE), "-b", f"127.0.0.1:{port}", "bare_app:create_app()"]
    return Server("bare", cmd, env, work / "bare.log", routes[0], port)


NGINX_CONF = """\
worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime};
    types {{ text/calendar ics; }}
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    gzip_static on;  # the .gz siblings of the files at the site root
    gzip on;  # the rest (filtered collections, session files), as the README configures
    gzip_types text/calendar application/rss+xml application/atom+xml application/json application/feed+json;
    client_body_temp_path {work}/nginx-tmp/body;
    proxy_temp_path {work}/nginx-tmp/proxy;
    fastcgi_temp_path {work}/nginx-tmp/fastcgi;
    uwsgi_temp_path {work}/nginx-tmp/uwsgi;
    scgi_temp_path {work}/nginx-tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


def start_nginx(root: Path, work: Path) -> Server | None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        return None
    port = free_port()
    (work / "nginx-tmp").mkdir(exist_ok=True)
    mime = "/etc/nginx/mime.types" if Path("/etc/nginx/mime.types").exists() else None
    conf = NGINX_CONF.format(work=work, port=port, root=root, mime=mime or "/dev/null")
    if mime is None:
        conf = conf.replace("    include /dev/null;\n", "")
    (work / "nginx.conf").write_text(conf)
    cmd = [nginx, "-p", str(work), "-c", str(work / "nginx.conf")]
    return Server("nginx", cmd, dict(os.environ), work / "nginx.log", "calendar.ics", port)


# --- load ------------------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * _UNITS[unit]


def run_wrk(url: str, seconds: float, concurrency: int, headers: dict) -> dict:
    cmd = ["wrk", "-t", "2", "-c", str(concurrency), "-d", f"{max(1, round(seconds))}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    return {
        "tool": "wrk",
        "requests": requests,
        "seconds": float(seconds),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "errors": errors,
    }


def load_case(port: int, path: str, headers: dict, expect: int, tool: str, budget: dict) -> dict:
    url = f"http://127.0.0.1:{port}/{path}"
    status = fetch(port, path, headers)[0]
    run_load(url, 40, 8, headers, expect, procs=1)  # warm every worker and connection
    if tool == "wrk":
        result = run_wrk(url, budget["seconds"], 8, headers)
    else:
        result = run_load(url, budget["requests"], 8, headers, expect, procs=2)
    if status != expect:
        result["errors"] += 1
        result["note"] = f"expected {expect}, got {status}"
    return result


def median_run(results: list[dict]) -> dict:
    """The round with the median rate; requests and errors summed over every round."""
    middle = sorted(results, key=lambda r: r["rps"])[len(results) // 2]
    return {
        **middle,
        "rounds": len(results),
        "requests": sum(r["requests"] for r in results),
        "errors": sum(r["errors"] for r in results),
    }


def cases(filtered_path: str) -> list[dict]:
    """What each server is asked: (label, path, headers, status), etag filled per server."""
    gz = {"Accept-Encoding": "gzip"}
    return [
        {"label": "calendar.ics 200 gzip", "path": "calendar.ics", "headers": gz, "expect": 200},
        {"label": "calendar.ics 200 plain", "path": "calendar.ics", "headers": {}, "expect": 200},
        {"label": "calendar.ics 304", "path": "calendar.ics", "headers": gz, "expect": 304, "conditional": True},
        {"label": f"{filtered_path} 200 gzip", "path": filtered_path, "headers": gz, "expect": 200},
    ]


def bench_serving(listing: Path, export_root: Path, base_url: str, filtered_path: str, work: Path, tool: str, budget: dict) -> dict:
    """Run every case against every server; returns {"rows": [...], "notes": [...], "checks": {...}}."""
    work.mkdir(parents=True, exist_ok=True)
    rows, notes, checks = [], [], {}
    servers: list[Server] = []
    try:
        app = start_app(listing, base_url, work)
        servers.append(app)
        status, headers, body = fetch(app.port, "calendar.ics", {"Accept-Encoding": "gzip"})
        checks["gzip_served"] = headers.get("content-encoding") == "gzip"
        checks["calendar_bytes"] = len(fetch(app.port, "calendar.ics")[2])
        checks["calendar_gzip_bytes"] = len(body)
        servers.append(start_bare(["calendar.ics", filtered_path], app.port, work))
        nginx = start_nginx(export_root, work)
        if nginx is None:
            notes.append("nginx not installed: static-export rows skipped")
        else:
            servers.append(nginx)
        # Rounds outermost, every case and server in each: drift of the machine (two cores
        # shared by wrk and the servers) hits every case and server alike, so cases can be
        # compared (a 304 with its 200) as well as servers.
        runs: dict[tuple[str, str], list[dict]] = {}
        for _ in range(budget["rounds"]):
            for case in cases(filtered_path):
                for server in servers:
                    headers = dict(case["headers"])
                    if case.get("conditional"):
                        headers["If-None-Match"] = fetch(server.port, case["path"], headers)[1].get("etag", '"none"')
                    result = load_case(server.port, case["path"], headers, case["expect"], tool, budget)
                    runs.setdefault((case["label"], server.name), []).append(result)
        for (label, name), results in runs.items():
            rows.append({"server": name, "case": label, **median_run(results)})
    finally:
        for server in reversed(servers):
            server.stop()
    return {"rows": rows, "notes": notes, "checks": checks}
