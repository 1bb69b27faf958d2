"""Embedders: the e5 model through sentence-transformers, and a fast deterministic fake for unit tests."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from lexicon.text import search_form

log = logging.getLogger(__name__)


_LOADING = threading.Lock()  # a model loads once, even when the first question races the warm-up


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def prefixes(model_name: str) -> tuple[str, str]:
    """The query and passage prefixes a model was trained with (e5: ``query: ``/``passage: ``)."""
    return ("query: ", "passage: ") if "e5" in model_name.lower() else ("", "")


class SentenceTransformerEmbedder:
    """Any local sentence-transformers folder; e5 models get their ``query: ``/``passage: `` prefixes.

    The model loads on first use, so commands that never embed start fast."""

    def __init__(self, model_dir: Path, batch_size: int = 32, threads: int | None = None) -> None:
        self.model_dir = model_dir
        self.name = model_dir.name
        self.batch_size = batch_size
        self.threads = threads
        self._model = None
        self.query_prefix, self.passage_prefix = prefixes(self.name)

    def warm_up(self):  # -> SentenceTransformer
        with _LOADING:
            return self._load()

    def _load(self):  # -> SentenceTransformer
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


class OnnxEmbedder:
    """The same model as int8 ONNX (``embedding.onnx_model.ensure_onnx``) run by ONNX Runtime, with
    the tokenizer, mean pooling and normalisation of the sentence-transformers folder.

    One passage per run by default: a report's passages range from about 20 to 350 tokens, and
    padding a batch to its longest costs more than batching saves (on two cores: 41 passages/s
    one at a time, 15/s in batches of 16). It also keeps a passage's vector independent of its
    neighbours: activations are quantised per run, so batch-mates would move it slightly."""

    def __init__(self, onnx_dir: Path, name: str, batch_size: int = 1, threads: int | None = None) -> None:
        self.onnx_dir = onnx_dir
        self.name = name
        self.batch_size = batch_size
        self.threads = threads
        self._session: Any = None  # onnxruntime.InferenceSession, made on first use
        self._tokenizer: Any = None  # tokenizers.Tokenizer
        self._pad_id = 1
        self.query_prefix, self.passage_prefix = prefixes(name)

    def warm_up(self) -> None:
        with _LOADING:
            self._load()

    def _load(self) -> None:
        if self._session is None:
            import json

            import onnxruntime as ort
            from tokenizers import Tokenizer

            info = json.loads((self.onnx_dir / "nianbao.json").read_text())
            tokenizer = Tokenizer.from_file(str(self.onnx_dir / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=info["max_tokens"])
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads or os.cpu_count() or 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads leave the core to parsing
            log.info("loading embedding model %s", self.onnx_dir)
            self._session = ort.InferenceSession(str(self.onnx_dir / "model.onnx"), options, providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
            self._pad_id = int(info["pad_id"])

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        self.warm_up()
        assert self._session is not None and self._tokenizer is not None
        vectors: list[np.ndarray] = [np.zeros(0, np.float32)] * len(texts)
        encoded = [e.ids for e in self._tokenizer.encode_batch([prefix + search_form(t) for t in texts])]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))  # batches of like lengths pad little
        for b in range(0, len(order), self.batch_size):
            batch = order[b : b + self.batch_size]
            width = max(len(encoded[i]) for i in batch)
            ids = np.full((len(batch), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, i in enumerate(batch):
                vectors[i] = pooled[row]
        return np.stack(vectors).astype(np.float32) if texts else np.zeros((0, 0), np.float32)

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
