"""Where `newsgraph watch` sends the alerts each round produced: appended to a file, one JSON
object (`Alert.to_json`) a line, and/or POSTed as one JSON array to a URL. A delivery that fails
is one line for `on_error` and the run goes on; the file is written whatever the URL does."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.alerts import Alert
from newsgraph.errors import printable

POST_TIMEOUT = 10.0  # seconds a POST of one round's alerts may take


@dataclass
class AlertSink:
    """The file and/or URL alerts go to; `failures` counts the deliveries that failed."""

    path: Path | None = None
    url: str | None = None
    on_error: Callable[[str], None] = lambda line: None
    timeout: float = POST_TIMEOUT
    failures: int = 0

    def __call__(self, found: Sequence[Alert]) -> None:
        if not found:
            return
        shapes = [alert.to_json() for alert in found]
        if self.path is not None:
            self._append(shapes)
        if self.url is not None:
            self._post(shapes)

    def _fail(self, line: str) -> None:
        self.failures += 1
        self.on_error(printable(" ".join(line.split())))

    def _append(self, shapes: list[dict[str, object]]) -> None:
        assert self.path is not None
        lines = "".join(json.dumps(shape, ensure_ascii=False) + "\n" for shape in shapes)
        try:
            with self.path.open("a", encoding="utf-8") as out:
                out.write(lines)
                out.flush()
        except OSError as error:
            self._fail(f"alerts not written to {self.path}: {error.strerror or error}")

    def _post(self, shapes: list[dict[str, object]]) -> None:
        import httpx

        assert self.url is not None
        try:
            answer = httpx.post(self.url, json=shapes, timeout=self.timeout, trust_env=False)
        except httpx.HTTPError as error:
            self._fail(f"alerts not sent to {self.url}: {type(error).__name__}: {error}")
            return
        if answer.status_code >= 400:
            self._fail(f"alerts not sent to {self.url}: HTTP {answer.status_code}")
