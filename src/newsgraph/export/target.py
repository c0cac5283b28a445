"""Where an export goes: standard output, a caller's stream, or a file the user named.

A file is written beside its final name and moved into place only when the export is complete,
so an interrupted export never leaves a truncated file behind (nor destroys the previous one).
The path is used exactly as given: nothing from the data ever becomes part of a path.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from newsgraph.errors import NewsgraphError

Target = str | os.PathLike[str] | TextIO | None


class ExportError(NewsgraphError):
    """An export cannot be written: unknown format or an unusable output path."""


@contextmanager
def open_target(out: Target) -> Iterator[TextIO]:
    """A text stream for `out`: None or "-" is stdout (UTF-8), a str/path is a file, else as is."""
    if out is None or (isinstance(out, str) and out == "-"):
        with _stdout() as stream:
            yield stream
    elif isinstance(out, str | os.PathLike):
        with _atomic_file(Path(out)) as stream:
            yield stream
    else:
        yield out


@contextmanager
def _stdout() -> Iterator[TextIO]:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced sys.stdout without bytes underneath: write text to it
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        # The reader went away (`... | head`): send what is left to /dev/null so nothing fails
        # again at exit, and let the caller know the export is incomplete.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, buffer.fileno())
        os.close(devnull)
        raise
    finally:
        stream.detach()  # leave sys.stdout open


@contextmanager
def _atomic_file(path: Path) -> Iterator[TextIO]:
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: directory {parent} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
    tmp = Path(tmp_name)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask, so the finished file gets the permissions a plain open() would give."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
