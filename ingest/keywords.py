"""Chinese keyword search: jieba tokens, BM25 scores (bm25s), index cached on disk per catalog generation."""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from ingest.clean import search_form

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_STOP = set("的 了 和 与 及 在 是 对 为 等 年 我 其 中 有 多少 几 哪些 什么 吗 呢 是否 情况 ？ ?".split())


def tokenize(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokens = []
    for tok in jieba.cut_for_search(search_form(text).lower()):
        tok = tok.strip()
        if tok and _WORD.search(tok) and tok not in _STOP:
            tokens.append(tok)
    return tokens


def _bm25s():  # the library logs every index build at DEBUG through the root logger
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class KeywordIndex:
    """BM25 over every stored chunk. The catalog keeps each chunk's tokens (the source of truth);
    this index is rebuilt from them when the catalog's generation moves, and saved beside it,
    so a process starting later loads it instead of rebuilding."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.generation = -1
        self.ids: list[str] = []
        self._retriever = None
        self._lock = threading.Lock()

    def _load(self, generation: int) -> bool:
        meta = self.folder / "meta.json"
        if not meta.exists():
            return False
        info = json.loads(meta.read_text())
        if info.get("generation") != generation:
            return False
        bm25s = _bm25s()
        self._retriever = bm25s.BM25.load(str(self.folder / "bm25")) if info["ids"] else None
        self.ids = info["ids"]
        self.generation = generation
        return True

    def ensure(self, generation: int, rows: Callable[[], Iterable[tuple[str, list[str]]]]) -> None:
        """Bring the index to ``generation``; ``rows()`` yields (chunk_id, tokens) from the catalog."""
        with self._lock:
            if self.generation == generation or self._load(generation):
                return
            bm25s = _bm25s()
            ids, corpus = [], []
            for chunk_id, tokens in rows():
                ids.append(chunk_id)
                corpus.append(tokens or ["∅"])
            retriever = None
            if ids:
                retriever = bm25s.BM25()
                retriever.index(corpus, show_progress=False)
            tmp = self.folder.with_name(self.folder.name + ".tmp")
            tmp.mkdir(parents=True, exist_ok=True)
            if retriever is not None:
                retriever.save(str(tmp / "bm25"))
            (tmp / "meta.json").write_text(json.dumps({"generation": generation, "ids": ids}))
            shutil.rmtree(self.folder, ignore_errors=True)
            tmp.rename(self.folder)
            self._retriever, self.ids, self.generation = retriever, ids, generation
            log.info("keyword index rebuilt: %d chunks, generation %d", len(ids), generation)

    def search(self, query_tokens: list[str], k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        if self._retriever is None or not query_tokens:
            return []
        scores = np.asarray(self._retriever.get_scores(query_tokens))
        order = np.argsort(-scores)
        out = []
        for i in order:
            if scores[i] <= 0 or len(out) >= k:
                break
            cid = self.ids[i]
            if allowed is None or cid in allowed:
                out.append((cid, float(scores[i])))
        return out
