"""Embedders: the e5 model through sentence-transformers, and a fast deterministic fake for unit tests."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from ingest.clean import search_form

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any local sentence-transformers folder; e5 models get their ``query: ``/``passage: `` prefixes.

    The model loads on first use, so commands that never embed start fast."""

    def __init__(self, model_dir: Path, batch_size: int = 32, threads: int | None = None) -> None:
        self.model_dir = model_dir
        self.name = model_dir.name
        self.batch_size = batch_size
        self.threads = threads
        self._model = None
        e5 = "e5" in self.name.lower()
        self.query_prefix = "query: " if e5 else ""
        self.passage_prefix = "passage: " if e5 else ""

    def warm_up(self):  # -> SentenceTransformer
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            if self.threads:
                torch.set_num_threads(self.threads)
            log.info("loading embedding model %s", self.model_dir)
            self._model = SentenceTransformer(str(self.model_dir), device="cpu", local_files_only=True)
        return self._model

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        model = self.warm_up()
        vectors = model.encode(
            [prefix + search_form(t) for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], self.query_prefix)[0]


class HashingEmbedder:
    """A deterministic bag-of-characters embedder: a fake for fast unit tests, not for answers."""

    name = "hashing-fake"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        t = search_form(text)
        for a, b in zip(t, t[1:] + " "):
            h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)
