"""Similarity of free text: a mentee's goals against a mentor's experience and motivation.

The engine only needs unit-length vectors whose dot product is the similarity, so an embedding
model can replace TF-IDF by implementing `TextSimilarity.embed`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ers", "er", "ed", "es", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stem so that "teams" meets "team" and "leading" meets "lead"."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            return word + "y" if suffix == "ies" else word
    return word


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words (scikit-learn's list)."""
    # scikit-learn takes about a second to import: it is loaded on first use, not whenever a web
    # process imports the engine at start-up.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # noqa: PLC0415 - heavy

    return frozenset(ENGLISH_STOP_WORDS)


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed words without stop words: the unit TF-IDF counts."""
    stop = stop_words()
    return [stem(word) for word in _TOKEN.findall(text.lower()) if word not in stop]


class TextSimilarity(Protocol):
    """Turns mentee and mentor texts into vectors whose dot product is their similarity."""

    def embed(
        self, mentee_texts: Sequence[str], mentor_texts: Sequence[str], *, seed: int
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Unit-length (or all-zero for empty text) rows, one per text, same width on both sides."""
        ...


class TfidfTextSimilarity:
    """TF-IDF cosine similarity (scikit-learn), reduced by LSA when the shared vocabulary is large.

    Only terms that occur on both sides can contribute to a dot product, so the vectors keep
    just those columns. If more than `max_dimensions` remain, a seeded truncated SVD projects them
    to `max_dimensions` (latent semantic analysis), which keeps scoring 100,000 x 30,000 pairs
    cheap; the cosine is then taken in the reduced space.
    """

    def __init__(self, *, max_dimensions: int = 96) -> None:
        self.max_dimensions = max_dimensions

    def embed(
        self, mentee_texts: Sequence[str], mentor_texts: Sequence[str], *, seed: int
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """TF-IDF (or LSA) vectors for both sides, fitted on all texts together."""
        # Imported on first use, like `stop_words`: scikit-learn is heavy to import.
        from sklearn.decomposition import TruncatedSVD  # noqa: PLC0415 - heavy, lazy
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - heavy
        from sklearn.preprocessing import normalize  # noqa: PLC0415 - heavy, lazy

        n_mentees, n_mentors = len(mentee_texts), len(mentor_texts)
        texts = [*mentee_texts, *mentor_texts]
        if not any(text.strip() for text in texts):
            return np.zeros((n_mentees, 0), np.float32), np.zeros((n_mentors, 0), np.float32)
        vectorizer = TfidfVectorizer(analyzer=terms, sublinear_tf=True, dtype=np.float32)
        try:
            matrix = vectorizer.fit_transform(texts).tocsc()
        except ValueError:  # only stop words
            return np.zeros((n_mentees, 0), np.float32), np.zeros((n_mentors, 0), np.float32)
        mentee_part, mentor_part = matrix[:n_mentees], matrix[n_mentees:]
        shared = np.flatnonzero((mentee_part.getnnz(axis=0) > 0) & (mentor_part.getnnz(axis=0) > 0))
        matrix = matrix[:, shared].tocsr()
        if shared.size <= self.max_dimensions:
            dense = matrix.toarray().astype(np.float32)
        else:
            svd = TruncatedSVD(n_components=self.max_dimensions, random_state=seed)
            dense = svd.fit_transform(matrix).astype(np.float32)
            # Rows that had words re-normalised to unit length; rows without stay zero.
            dense = normalize(dense).astype(np.float32)
        return np.ascontiguousarray(dense[:n_mentees]), np.ascontiguousarray(dense[n_mentees:])
