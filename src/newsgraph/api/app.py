"""The read-only HTTP API and web UI: `create_app(db_url)` returns the FastAPI application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, SQLAlchemyError
from starlette.exceptions import HTTPException

from newsgraph import __version__
from newsgraph.api import alerts, articles, coverage, entities, events, places
from newsgraph.api.cache import AnswerCache, DataVersion
from newsgraph.api.docs import add_docs, swagger_assets
from newsgraph.api.security import RequestChecks, SecurityHeaders
from newsgraph.store import Store
from newsgraph.web import INDEX, STATIC_DIR

log = logging.getLogger("newsgraph.api")

DESCRIPTION = """\
JSON API over a newsgraph store: articles, entities, events with every report that tells
them, stories, full-text search and the network of who met, sanctioned or accused whom. It is
read-only but for analysts' judgements on watchlist matches, which only a server started with
`--judgements` records.
The records are described in docs/design.md of the newsgraph repository. Lists are paged with
`limit` and `offset`; a page's `next_offset` is null on the last one. Errors are
`{"error": "...", "status": N}`.
"""


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {item.get('msg', 'invalid')}" if where else item.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return _error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> Response:
        return _error(422, _validation_message(exc))

    @app.exception_handler(DataError)
    async def unreadable_value(request: Request, exc: DataError) -> Response:
        # a value of the request the database cannot take (PostgreSQL: a NUL character)
        return _error(422, "a value in the request cannot be looked up")

    @app.exception_handler(SQLAlchemyError)
    async def database_error(request: Request, exc: SQLAlchemyError) -> Response:
        log.exception("database error on %s", request.url.path, exc_info=exc)
        return _error(503, "the database could not answer; try again")


def create_app(
    db_url: str,
    *,
    hosts: frozenset[str] | None = None,
    judgements: bool = False,
    cache: bool = True,
) -> FastAPI:
    """The API and UI over the store at `db_url` (a path or a postgresql:// URL).

    `hosts`: the Host header names answered (`security.allowed_hosts`; `newsgraph serve`
    always passes them); None answers any, for tests and for a server behind a proxy.
    `judgements`: analysts' word on watchlist matches is recorded (POST
    /api/watchlist/judgements), through a second connection that may write; every other
    route reads through one that refuses writes.
    `cache`: repeated reads are answered from memory until the store changes (`api.cache`)."""
    store = Store.open(db_url, read_only=True)
    writer = Store.open(db_url, create=False) if judgements else None
    version = DataVersion(store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        version.close()
        store.close()
        if writer is not None:
            writer.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.judgements = writer
    app.state.data_version = version
    _add_error_handlers(app)
    for module in (articles, entities, events, alerts, coverage, places):
        app.include_router(module.router)
    add_docs(app, swagger_assets())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return FileResponse(INDEX, media_type="text/html")

    if cache:
        app.add_middleware(AnswerCache, version=version)
    app.add_middleware(RequestChecks, hosts=hosts)
    app.add_middleware(SecurityHeaders)  # outermost: refusals carry the headers too
    return app
