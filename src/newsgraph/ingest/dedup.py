"""Duplicate detection: exact (content hash) and near (MinHash over word shingles, LSH bands).

Exact duplicates add nothing. Near-duplicates, such as an agency story republished by two outlets
with its own headline and sign-off, are stored and linked, since each outlet is a source.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard usually share a band
ROWS = PERMUTATIONS // BANDS
# Compared with at most this many stored articles, the latest sharing a band: a wire story
# syndicated a thousand times then costs each new copy what fifty would.
MAX_CANDIDATES = 50

_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20251024)  # fixed seed: signatures must be stable across runs
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """Stable hash of the text ignoring case, punctuation and spacing."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())}
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        for i in range(len(words) - SHINGLE + 1)
    }


def signature(text: str) -> np.ndarray:
    """MinHash signature: for each of the hash functions, the least hash over the shingles."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    # (a * x + b) mod p with x < 2**32 and a, b < 2**61 would overflow uint64: reduce a first.
    a = (_A % (1 << 29))[:, None]
    hashed = (a * values[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return hashed.min(axis=1).astype(np.uint64)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8")


def band_keys(sig: np.ndarray) -> list[str]:
    """One key per band; articles sharing a key are near-duplicate candidates."""
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        keys.append(f"{band}:{hashlib.blake2b(rows, digest_size=12).hexdigest()}")
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))
