"""The serving baseline: a bare Flask app that returns precomputed responses.

``run.py`` fetches each benchmarked route once from the real app (plain and gzip) and
pickles status, headers and body to the file named by ``BENCH_BARE_SPEC``; this app
replays exactly those bytes, answering If-None-Match with 304. It runs under the same
gunicorn settings as the real app, so the ratio between the two is what wipofeeds adds
on top of Flask itself.

    BENCH_BARE_SPEC=spec.pickle gunicorn -k gthread -w 2 'bare_app:create_app()'
"""

from __future__ import annotations

import os
import pickle

from flask import Flask, Response, abort, request


def create_app(spec_path: str | None = None) -> Flask:
    with open(spec_path or os.environ["BENCH_BARE_SPEC"], "rb") as f:
        routes: dict = pickle.load(f)  # path -> {"plain" | "gzip": (etag, headers, body)}
    app = Flask(__name__)

    @app.get("/<path:path>")
    def serve(path: str):
        entry = routes.get(path)
        if entry is None:
            abort(404)
        etag, headers, body = entry["gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "plain"]
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers=headers)
        return Response(body, headers=headers)

    return app
