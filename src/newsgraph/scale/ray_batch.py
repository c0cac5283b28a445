"""Ray batch runner: analyze on a Ray cluster, store from this process, same store as local.

Inputs are read here (or, with `read_on_workers`, one file per Ray task — for WARC archives,
whose HTML extraction is heavy; the files must then be visible to every node at the same path).
Clean new articles go to Ray in batches of plain tasks running `analyze_safely`; each worker
process loads the spaCy model once (`analyze.nlp.load` is cached per process) and Ray reuses
worker processes across tasks. At most `in_flight` batches are out at once (plain tasks and an
ordered `ray.get` window: no actor pool to starve other work on a small machine), and results are
committed oldest first through `pipeline.commit`, so this process is the only writer and the
store ends up as `pipeline.ingest` leaves it (see `pipeline.OrderedCommitter`).

`address`: "auto" joins the cluster started with `ray start` on this machine (or $RAY_ADDRESS),
"host:port" or "ray://host:10001" joins that one, None or "local" starts a private local Ray
with `num_cpus` CPUs for this run. A Ray already initialised in this process is reused as is.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any, TypeVar

import newsgraph
from newsgraph.analyze import BATCH_SIZE, analyze_safely
from newsgraph.analyze.nlp import model_name
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import MAX_BYTES
from newsgraph.ingest.readers import Entry, expand, read_input, source_name
from newsgraph.model import Analysis, Article, Metadata, RawDocument, Rejection
from newsgraph.pipeline import OrderedCommitter, Outcome, Summary, run
from newsgraph.store import Store

NEEDS_EXTRA = "the Ray runner needs Ray: pip install 'newsgraph[ray]'"
LOCAL_OBJECT_STORE = 512 * 1024 * 1024  # articles and analyses are small; spare the machine

Item = RawDocument | Rejection
H = TypeVar("H")
R = TypeVar("R")


def run_batch(inputs: Sequence[str], db_url: str | None, **options: Any) -> Summary:
    """Ingest `inputs` into the database at `db_url`, analyzing on Ray (see the module doc);
    `options` are those of `run_batch_into`."""
    with Store.open(db_url) as store:
        return run_batch_into(store, inputs, **options)


def run_batch_into(
    store: Store,
    inputs: Sequence[str],
    *,
    address: str | None = "auto",
    batch_size: int = BATCH_SIZE,
    num_cpus: int | None = None,
    in_flight: int | None = None,
    read_on_workers: bool = False,
    overrides: Metadata | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: IO[bytes] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_input_done: Callable[[], None] | None = None,
) -> Summary:
    """`run_batch` into an open store (the CLI opens it with `--db`)."""
    summary = Summary()

    def emit(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_outcome:
            on_outcome(outcome)

    with _ray_session(address, num_cpus) as ray:
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        backend = _RayAnalyzer(ray, batch_size)
        committer = OrderedCommitter(
            store,
            backend,
            emit,
            batch_size=batch_size,
            in_flight=in_flight or 2 * cpus,
            overrides=overrides,
        )
        entries = expand(inputs)
        if read_on_workers:
            documents = _read_remotely(ray, entries, max_bytes, stdin, window=2 * cpus)
        else:
            documents = (read_input(e, max_bytes=max_bytes, stdin=stdin) for e in entries)
        run(committer, documents, emit, on_input_done)
    return summary


# --------------------------------------------------------------------------- Ray plumbing


@contextmanager
def _ray_session(address: str | None, num_cpus: int | None) -> Iterator[Any]:
    """The `ray` module, initialised for this run; shut down after it if started here."""
    try:
        import ray
    except ImportError:
        raise NewsgraphError(NEEDS_EXTRA) from None
    if ray.is_initialized():
        yield ray
        return
    options: dict[str, Any] = {
        "logging_level": logging.WARNING,
        "log_to_driver": False,
        "include_dashboard": False,
    }
    if os.environ.get("NEWSGRAPH_SPACY_MODEL"):
        options["runtime_env"] = {"env_vars": {"NEWSGRAPH_SPACY_MODEL": model_name()}}
    if address in (None, "local"):
        options.update(address="local", num_cpus=num_cpus, object_store_memory=LOCAL_OBJECT_STORE)
    else:
        options["address"] = address
    try:
        ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise NewsgraphError(f"cannot start or join Ray at {address or 'local'}: {error}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def _analyze_batch(articles: list[Article], batch_size: int) -> tuple[str, list[Analysis | str]]:
    """Runs in a Ray worker process: the model loads there once, on first use. The code
    fingerprint goes back with the results (see `code_fingerprint`)."""
    return code_fingerprint(), analyze_safely(articles, None, batch_size)


@cache
def code_fingerprint() -> str:
    """What the analysis depends on: newsgraph's code and lexicons, spaCy and the model.

    A worker whose fingerprint differs from the driver's (another version installed on a node,
    or files edited while a run starts its workers) would store different results silently, so
    its batches are rejected with the reason instead.
    """
    import spacy

    digest = hashlib.sha1()
    package = Path(newsgraph.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".tsv") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    model = model_name()
    model_version = spacy.util.get_package_version(model) or "?"
    return (
        f"newsgraph {digest.hexdigest()[:12]}, spaCy {spacy.__version__}, {model} {model_version}"
    )


def _read_entry(entry: str | Path, max_bytes: int) -> list[Item]:
    """Runs in a Ray worker: every document of one input file (HTML extraction included)."""
    return list(read_input(entry, max_bytes=max_bytes))


class _RayAnalyzer:
    """Plain Ray tasks; a task lost with its worker is retried by Ray before it counts."""

    def __init__(self, ray: Any, batch_size: int) -> None:
        self.ray, self.batch_size = ray, batch_size
        self.task = ray.remote(num_cpus=1, max_retries=2)(_analyze_batch)

    def submit(self, articles: list[Article]) -> Any:
        return self.task.remote(articles, self.batch_size)

    def result(self, handle: Any) -> list[Analysis | str]:
        fingerprint, results = self.ray.get(handle)
        if fingerprint != code_fingerprint():
            raise NewsgraphError(
                f"the worker runs other code ({fingerprint}) than this process "
                f"({code_fingerprint()}): install the same newsgraph on every node"
            )
        return list(results)


def _read_remotely(
    ray: Any,
    entries: list[Entry],
    max_bytes: int,
    stdin: IO[bytes] | None,
    window: int,
) -> Iterable[Iterable[Item]]:
    """One Ray task per file, at most `window` ahead, results in input order; stdin and
    missing names are handled here."""
    task = ray.remote(num_cpus=1, max_retries=2)(_read_entry)

    def submit() -> Iterator[tuple[Entry, Any]]:
        for entry in entries:
            remote = isinstance(entry, Path)
            yield entry, task.remote(entry, max_bytes) if remote else None

    def result(pair: tuple[Entry, Any]) -> list[Item]:
        entry, ref = pair
        if ref is None:
            return list(read_input(entry, max_bytes=max_bytes, stdin=stdin))
        try:
            return list(ray.get(ref))
        except Exception as error:  # the worker died reading it: reject the file, go on
            reason = " ".join(str(error).split())[:300]
            return [Rejection(source_name(str(entry)), f"read failed on a Ray worker: {reason}")]

    return ordered_window(submit(), window, result)


def ordered_window(handles: Iterator[H], size: int, result: Callable[[H], R]) -> Iterator[R]:
    """Results of `handles` in order, with at most `size` submitted ahead of the consumer."""
    window: deque[H] = deque()
    for handle in handles:
        window.append(handle)
        if len(window) >= size:
            yield result(window.popleft())
    while window:
        yield result(window.popleft())
