"""The host configuration a static export carries beside the site: ``_headers``
(Netlify, Cloudflare Pages) and ``.htaccess`` (Apache 2.4), written from the same table
of headers the web app answers with (:func:`site.headers_for`), one rule per published
file, or per suffix for session files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .site import Resource, headers_for

# What the exporter adds beside the mapping for static hosts.
HEADERS_FILE = "_headers"
HTACCESS_FILE = ".htaccess"
HEADERS_FIRST_LINE = b"# Written by wipofeeds build"  # marks a folder as an earlier export


def rule_pattern(path: str) -> str:
    """Session files share one rule per suffix (as pathlib's ``suffix``); every other
    file gets its own. String operations only: this runs for every file of a build."""
    if path.startswith("sessions/") and path.count("/") == 1:
        name = path[len("sessions/") :]
        dot = name.rfind(".")
        return "/sessions/*" + (name[dot:] if 0 < dot < len(name) - 1 else "")
    return "/" + path


def add_rule(rules: dict[str, dict[str, str]], path: str, resource: Resource) -> None:
    key = rule_pattern(path)
    if key not in rules:  # headers_for makes a dict: only once per rule
        rules[key] = headers_for(resource)
    if path == "index.html" or path.endswith("/index.html"):  # a folder (the root, year/2025/…) is its index.html too
        rules["/" + path.removesuffix("index.html")] = rules[key]


def _rules(site: Mapping[str, Resource]) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for path, resource in site.items():
        add_rule(rules, path, resource)
    return rules


def render_headers(site: Mapping[str, Resource]) -> bytes:
    """``_headers`` for Netlify / Cloudflare Pages style hosts: type, caching, CORS."""
    return headers_text(_rules(site))


def headers_text(rules: dict[str, dict[str, str]]) -> bytes:
    lines = [HEADERS_FIRST_LINE.decode() + ": media types and caching for static hosts.", ""]
    for pattern, headers in sorted(rules.items()):
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def render_htaccess(site: Mapping[str, Resource]) -> bytes:
    """``.htaccess`` for Apache 2.4: types, caching, CORS, and the precompressed ``.gz``
    sibling for clients that accept gzip. Rules match whole paths below the site root."""
    return htaccess_text(_rules(site))


def htaccess_text(rules: dict[str, dict[str, str]], error_pages: Iterable[str] = (), base_path: str = "/") -> bytes:
    """The ``.htaccess`` of ``rules``; ``error_pages``: the 404 pages ('404.html',
    'fr/404.html'), each answered for the addresses of its folder below ``base_path``."""
    lines = [
        HEADERS_FIRST_LINE.decode() + ": media types, caching and precompressed files for Apache.",
        "Options -Indexes",
        "DirectoryIndex index.html",
    ]
    for page in error_pages:  # the root's first: a language's folder overrides it
        folder = page.rpartition("/")[0]
        if folder:
            lines += [f'<If "%{{REQUEST_URI}} =~ m#^{re.escape(base_path + folder)}/#">', f"  ErrorDocument 404 {base_path}{page}", "</If>"]
        else:
            lines.append(f"ErrorDocument 404 {base_path}{page}")
    lines += [
        "<IfModule mod_rewrite.c>",
        "  RewriteEngine On",
        "  RewriteCond %{HTTP:Accept-Encoding} gzip",
        "  RewriteCond %{REQUEST_FILENAME}.gz -f",
        "  RewriteRule ^(.*)$ $1.gz [L]",
        "</IfModule>",
    ]
    for pattern, headers in sorted(rules.items()):
        regex = "/$" if pattern == "/" else re.escape(pattern).replace(r"\*", "[^/]+") + r"(\.gz)?$"
        lines.append(f'<If "%{{REQUEST_URI}} =~ m#{regex}#">')
        lines.append(f'  ForceType "{headers["Content-Type"]}"')
        lines.append("  <IfModule mod_headers.c>")
        lines += [f'    Header set {name} "{value}"' for name, value in headers.items() if name != "Content-Type"]
        lines.append("    Header append Vary Accept-Encoding")
        lines.append("  </IfModule>")
        lines.append("</If>")
    lines += [
        '<FilesMatch "\\.gz$">',
        "  <IfModule mod_headers.c>",
        "    Header set Content-Encoding gzip",
        "  </IfModule>",
        "  SetEnv no-gzip 1",
        "</FilesMatch>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
