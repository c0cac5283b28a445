"""The web UI: plain static HTML, CSS and JavaScript served by the API app, no build step.

Every asset is local (no CDN); the pages read all their data from the JSON API.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
INDEX = STATIC_DIR / "index.html"
API_DOCS = STATIC_DIR / "apidocs.html"

__all__ = ["API_DOCS", "INDEX", "STATIC_DIR"]
