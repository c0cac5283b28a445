"""How politely and how far `newsgraph watch` fetches: the one place its defaults live (here,
not in `fetch`, so that the command line can show them without loading the HTTP client)."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph import __version__
from newsgraph.ingest import MAX_BYTES

AGENT = "newsgraph"  # the name robots.txt rules are matched against
USER_AGENT = f"{AGENT}/{__version__} (news feed watcher; robots.txt honoured)"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners of one fetcher; seconds and bytes."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest wait for the next piece of an answer
    total_timeout: float = 60.0  # longest one download may take, checked while streaming
    max_bytes: int = MAX_BYTES  # of one body, received and expanded
    max_redirects: int = 5
    retries: int = 2  # further tries after a timeout, a lost connection, 429 or 5xx
    backoff: float = 1.0  # pause before the first retry, doubled for each next one
    delay: float = 1.0  # between two requests to one host
    user_agent: str = USER_AGENT
