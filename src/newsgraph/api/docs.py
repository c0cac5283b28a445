"""/docs without a network: Swagger UI from local files, or the project's own small page."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from newsgraph.web import API_DOCS

ASSETS_URL = "/docs-assets"


def swagger_assets() -> Path | None:
    """The folder holding swagger-ui-bundle.js and swagger-ui.css (package fastapi-offline)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    wanted = ("swagger-ui-bundle.js", "swagger-ui.css")
    return folder if all((folder / name).is_file() for name in wanted) else None


def add_docs(app: FastAPI, assets: Path | None) -> None:
    """Serve interactive docs at /docs; every file it loads comes from this server.

    With Swagger UI's files (`assets`), the usual Swagger page; without, a small page of ours.
    """
    if assets is None:

        @app.get("/docs", include_in_schema=False)
        def own_docs() -> Response:
            return FileResponse(API_DOCS, media_type="text/html")

        return
    app.mount(ASSETS_URL, StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} API",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": True},
        )
