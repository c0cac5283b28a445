"""The read-only HTTP JSON API (FastAPI) that also serves the web UI."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
