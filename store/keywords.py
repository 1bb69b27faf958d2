"""Chinese keyword search: jieba tokens scored by BM25 from an in-memory inverted index that
follows the catalog.

The catalog keeps every chunk's tokens and a log of which reports each generation added or
removed; the index is a cache of them. It catches up by applying the log (adding the new reports'
chunks, tombstoning the removed ones), is saved to disk now and then, and a process starting later
loads the saved copy and applies only what changed since. Several app instances on one PostgreSQL
catalog each keep their own copy this way and see each other's ingests on their next query."""

from __future__ import annotations

import json
import logging
import math
import re
import shutil
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from lexicon.text import search_form

log = logging.getLogger(__name__)

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_STOP = set("的 了 和 与 及 在 是 对 为 等 年 我 其 中 有 多少 几 哪些 什么 吗 呢 是否 情况 ？ ?".split())
K1, B = 1.5, 0.75
SAVE_EVERY = 0.1  # save once the chunks added or removed since the last save reach this share of the index
COMPACT_AT = 0.3  # rebuild once this share of the indexed chunks is removed


def tokenize(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokens = []
    for tok in jieba.cut_for_search(search_form(text).lower()):
        tok = tok.strip()
        if tok and _WORD.search(tok) and tok not in _STOP:
            tokens.append(tok)
    return tokens


class _Postings:
    """One term's (chunk number, term frequency) pairs in chunk order: a loaded read-only part and
    an appendable tail."""

    __slots__ = ("docs", "tfs", "more_docs", "more_tfs")

    def __init__(self, docs: np.ndarray | None = None, tfs: np.ndarray | None = None) -> None:
        self.docs = docs if docs is not None else np.zeros(0, np.int32)
        self.tfs = tfs if tfs is not None else np.zeros(0, np.float32)
        self.more_docs = array("i")
        self.more_tfs = array("f")

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.more_docs:
            return self.docs, self.tfs
        more = np.frombuffer(self.more_docs, np.int32), np.frombuffer(self.more_tfs, np.float32)
        return np.concatenate([self.docs, more[0]]), np.concatenate([self.tfs, more[1]])


class Bm25Index:
    """BM25 over jieba tokens, kept in step with the catalog by its change log, saved under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.generation = -1
        self._lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self.ids: list[str] = []  # chunk number → chunk id
        self.lengths = array("f")
        self.alive = bytearray()
        self.postings: dict[str, _Postings] = {}
        self.ranges: dict[str, tuple[int, int]] = {}  # report id → its chunk numbers [start, end)
        self.live_chunks = 0
        self.live_length = 0.0
        self.unsaved = 0

    # -- keeping up with the catalog ----------------------------------------------------------

    def refresh(self, generation: int, changes: Callable[[int], list[tuple[int, str, str]] | None], rows: Callable) -> None:
        """Bring the index to the catalog's ``generation``. ``changes(g)`` gives the log after g (or
        None if it does not reach back); ``rows(report_ids | None)`` gives (chunk id, report id,
        tokens) of those reports, or of all."""
        with self._lock:
            if self.generation == generation:
                return
            if self.generation < 0 and not self._load():
                self._rebuild(generation, rows)
            if self.generation != generation:
                logged = changes(self.generation)
                if logged is None or self.generation > generation:
                    self._rebuild(generation, rows)
                else:
                    self._apply(logged, rows)
                    self.generation = max([self.generation] + [g for g, _, _ in logged])
            removed = len(self.ids) - self.live_chunks
            if self.ids and removed > COMPACT_AT * len(self.ids):
                self._rebuild(self.generation, rows)
            if self.unsaved and self.unsaved >= SAVE_EVERY * max(self.live_chunks, 1):
                self.save()

    def live_ids(self) -> set[str]:
        with self._lock:
            return {cid for cid, alive in zip(self.ids, self.alive) if alive}

    def rebuild(self, generation: int, rows: Callable) -> None:
        with self._lock:
            self._rebuild(generation, rows)

    def _rebuild(self, generation: int, rows: Callable) -> None:
        self._clear()
        self._add(rows(None))
        self.generation = generation
        self.save()
        log.info("keyword index rebuilt: %d chunks, generation %d", self.live_chunks, generation)

    def _apply(self, changes: list[tuple[int, str, str]], rows: Callable) -> None:
        final: dict[str, str] = {}
        for _, report_id, op in changes:
            final[report_id] = op
        for report_id in final:  # removed first, so a change applied twice leaves one copy
            self._remove(report_id)
        added = [r for r, op in final.items() if op == "add"]
        if added:
            self._add(rows(added))

    def _add(self, rows: Iterable[tuple[str, str, list[str]]]) -> None:
        for chunk_id, report_id, tokens in rows:
            n = len(self.ids)
            self.ids.append(chunk_id)
            self.lengths.append(len(tokens))
            self.alive.append(1)
            start, _ = self.ranges.get(report_id, (n, n))
            self.ranges[report_id] = (start, n + 1)
            for term, tf in Counter(tokens).items():
                postings = self.postings.get(term)
                if postings is None:
                    postings = self.postings[term] = _Postings()
                postings.more_docs.append(n)
                postings.more_tfs.append(tf)
            self.live_chunks += 1
            self.live_length += len(tokens)
            self.unsaved += 1

    def _remove(self, report_id: str) -> None:
        span = self.ranges.pop(report_id, None)
        if span is None:
            return
        for n in range(*span):
            if self.alive[n]:
                self.alive[n] = 0
                self.live_chunks -= 1
                self.live_length -= self.lengths[n]
                self.unsaved += 1

    # -- on disk ------------------------------------------------------------------------------

    def save(self) -> None:
        terms = list(self.postings)
        parts = [self.postings[t].arrays() for t in terms]
        for term, (docs, tfs) in zip(terms, parts):  # the appended tails folded into the arrays
            self.postings[term] = _Postings(docs, tfs)
        offsets = np.cumsum([0] + [len(d) for d, _ in parts]).astype(np.int64)
        tmp = self.folder.with_name(self.folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        np.savez(
            tmp / "index.npz",
            offsets=offsets,
            docs=np.concatenate([d for d, _ in parts]) if parts else np.zeros(0, np.int32),
            tfs=np.concatenate([f for _, f in parts]) if parts else np.zeros(0, np.float32),
            lengths=np.frombuffer(self.lengths, np.float32),
            alive=np.frombuffer(bytes(self.alive), np.uint8),
        )
        meta = {"generation": self.generation, "ids": self.ids, "terms": terms, "ranges": self.ranges}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False))
        shutil.rmtree(self.folder, ignore_errors=True)
        tmp.rename(self.folder)
        self.unsaved = 0

    def _load(self) -> bool:
        try:
            meta = json.loads((self.folder / "meta.json").read_text())
            arrays = np.load(self.folder / "index.npz")
        except (OSError, ValueError):
            return False
        self._clear()
        offsets, docs, tfs = arrays["offsets"], arrays["docs"], arrays["tfs"]
        self.postings = {
            term: _Postings(docs[offsets[i] : offsets[i + 1]], tfs[offsets[i] : offsets[i + 1]])
            for i, term in enumerate(meta["terms"])
        }
        self.ids = meta["ids"]
        self.lengths = array("f", arrays["lengths"].tobytes())
        self.alive = bytearray(arrays["alive"].tobytes())
        self.ranges = {r: (a, b) for r, (a, b) in meta["ranges"].items()}
        lengths = np.frombuffer(self.lengths, np.float32)
        live = np.frombuffer(bytes(self.alive), np.uint8).astype(bool)
        self.live_chunks, self.live_length = int(live.sum()), float(lengths[live].sum())
        self.generation = meta["generation"]
        return True

    # -- searching ----------------------------------------------------------------------------

    def search(self, query_tokens: list[str], k: int, report_ids: Iterable[str] | None = None) -> list[tuple[str, float]]:
        """The k best chunks by BM25, over every report or only ``report_ids``."""
        with self._lock:  # an ingest may be appending to the arrays read here
            return self._search(query_tokens, k, report_ids)

    def _search(self, query_tokens: list[str], k: int, report_ids: Iterable[str] | None) -> list[tuple[str, float]]:
        if not self.live_chunks or not query_tokens:
            return []
        n_docs = len(self.ids)
        lengths = np.frombuffer(self.lengths, np.float32)
        avg = self.live_length / self.live_chunks
        spans = None if report_ids is None else sorted(self.ranges[r] for r in report_ids if r in self.ranges)
        if spans is not None and not spans:
            return []
        alive = np.frombuffer(self.alive, np.uint8)
        docs_parts, score_parts = [], []
        for term in set(query_tokens):
            postings = self.postings.get(term)
            if postings is None:
                continue
            docs, tfs = postings.arrays()
            df = np.count_nonzero(alive[docs])  # removed chunks stay in the postings until a compaction
            idf = math.log(1 + (self.live_chunks - df + 0.5) / (df + 0.5))
            if spans is not None:  # a report's chunks are numbered consecutively: cut its slice out
                cuts = [slice(*np.searchsorted(docs, span)) for span in spans]
                docs = np.concatenate([docs[c] for c in cuts])
                tfs = np.concatenate([tfs[c] for c in cuts])
            norm = K1 * (1 - B + B * lengths[docs] / avg)
            docs_parts.append(docs)
            score_parts.append(idf * tfs * (K1 + 1) / (tfs + norm))
        if not docs_parts:
            return []
        docs = np.concatenate(docs_parts)
        if spans is None:
            scores = np.bincount(docs, weights=np.concatenate(score_parts), minlength=n_docs)
            scores[alive == 0] = 0
            candidates = np.arange(n_docs)
        else:
            candidates, where = np.unique(docs, return_inverse=True)
            scores = np.bincount(where, weights=np.concatenate(score_parts))
        top = np.argpartition(-scores, min(k, len(scores) - 1))[:k] if len(scores) > k else np.arange(len(scores))
        top = top[np.argsort(-scores[top])]
        return [(self.ids[candidates[i]], float(scores[i])) for i in top if scores[i] > 0]
