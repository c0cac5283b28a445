"""Articles: the list, one article with what was found in it, and full-text search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from newsgraph import shapes
from newsgraph.api.deps import Conn, Paged, bad_request, not_found, page, typed_json
from newsgraph.api.schemas import ArticleDetail, ArticleSummary, Outlets, Page, SearchResult
from newsgraph.store import analysis, graph
from newsgraph.store import articles as article_rows

router = APIRouter(prefix="/api")


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(
    conn: Conn,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Paged[shapes.ArticleSummary]:
    """Stored articles in the order they were ingested (summaries; the text is in the detail)."""
    found = article_rows.list_articles(conn, limit=limit + 1, offset=offset)
    return page([shapes.article_summary(a) for a in found], limit, offset)


@router.get("/outlets", response_model=Outlets, tags=["articles"])
def list_outlets(conn: Conn) -> dict[str, Any]:
    """The outlets of the stored articles, those with the most articles first (up to 500): the
    values the `outlet` filter of /api/events and /api/timeline takes."""
    return {"items": [{"name": n, "articles": c} for n, c in article_rows.outlets(conn)]}


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
def get_article(article_id: str, conn: Conn) -> shapes.ArticleDetail:
    """One article: clean text, removed boilerplate, mentions, times and event reports.

    Offsets of mentions, times and reports point into `text`; offsets of `removed` spans point
    into the raw text as it was read.
    """
    found = analysis.article_detail(conn, article_id)
    if found is None:
        raise not_found(f"article with id {article_id}")
    return found


@router.get("/search", response_model=SearchResult, tags=["search"])
def search(
    conn: Conn,
    q: Annotated[str, Query(min_length=1, max_length=200, description='words or "a phrase"')],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    """Entities whose name or alias matches, and articles containing every word of the query
    (at most 10 different words or phrases; a search is stopped after 5 s)."""
    try:
        hits = article_rows.search(conn, q, limit=limit)
    except article_rows.SearchError as error:
        raise bad_request(str(error)) from None
    return typed_json(
        {
            "query": q,
            "entities": graph.search_entities(conn, q, limit=min(limit, 10)),
            "articles": [h.to_json() for h in hits],
        }
    )
