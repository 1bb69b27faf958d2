"""Query latency at store sizes of 1k, 10k and 100k reports: p50/p95/p99 of ``ask`` (the default
answerer, warm) and of retrieval alone (hybrid search, k=5) over the dev questions; of ``ask``
over the paraphrase set, its questions across reports (rankings, totals, changes) apart; plus
the dev eval at that size (the answers must stay right when the store is large). Writes JSON.

    python bench/query.py [--sizes 1000,10000] [--rounds 3] [--stores /tmp/nianbao-bench]

The stores are synthetic beyond the shared reports, and the output says so: the shared reports
are ingested for real; every further report is a copy of one of them with its place renamed (same
length, so offsets hold) and its year shifted, whose passages reuse the real embeddings with a
small random perturbation (σ = 0.02, renormalised). Vector-store cost does not depend on meaning,
and the keyword index sees the real token distribution. A built store is kept under --stores and
reused by the next run (and by bench/startup.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

SYLLABLES = "安平康宁泰和丰华兴隆昌盛永乐东西南北新河山林阳春秋云海青白金石桥湖溪岭原田泉松竹梅兰"
NOTE = (
    "stores beyond the shared reports are copies with renamed places and shifted years; their "
    "vectors are the real embeddings perturbed (σ=0.02)"
)


def place_name(k: int, length: int) -> str:
    """The k-th synthetic place name of ``length`` characters (distinct for distinct k)."""
    chars = []
    for _ in range(length):
        k, r = divmod(k, len(SYLLABLES))
        chars.append(SYLLABLES[r])
    return "".join(chars)


def renamed(report, tokens, k: int):  # -> (Report, tokens)
    """Copy k of a report: every place in its issuer's name renamed in metadata and text (same
    lengths), its year shifted."""
    from ingest.chunks import chunk_id
    from ingest.metadata import aliases
    from retrieval.issuers import _places

    meta = report.meta
    stems = [p[:-1] for p in _places(meta.issuer) if len(p) > 1] or [meta.issuer[:2]]
    names_per_year = len(SYLLABLES) ** min(len(stem) for stem in stems)  # then the year moves on
    names = {old: place_name(k % names_per_year, len(old)) for old in stems}

    def swap(text: str) -> str:
        for old, new in names.items():
            text = text.replace(old, new)
        return text

    report_id = f"b{k:07d}{report.id[:8]}"
    ids = {c.id: chunk_id(report_id, swap(c.text), c.start) for c in report.chunks}
    issuer = swap(meta.issuer)
    copy = replace(
        report,
        id=report_id,
        sha256=f"{k:016x}{report.sha256[16:]}",
        file_name=f"b{k}_{report.file_name}",
        text=swap(report.text),
        meta=replace(
            meta,
            issuer=issuer,
            aliases=aliases(issuer),
            year=(meta.year or 2020) - 1 - k // names_per_year,
            title=swap(meta.title),
        ),
        chunks=tuple(replace(c, id=ids[c.id], report_id=report_id, text=swap(c.text)) for c in report.chunks),
        facts=tuple(replace(f, chunk_id=ids.get(f.chunk_id, f.chunk_id)) for f in report.facts),
    )
    return copy, [[swap(t) for t in ts] for ts in tokens]


def build(folder: Path, size: int, embedder, reports_dir: Path) -> None:
    from ingest.pipeline import Ingester, build_report, expand_paths
    from store.keywords import tokenize
    from store.library import Library, vector_metadata

    done = folder / "built.json"
    if done.exists() and json.loads(done.read_text()).get("size") == size:
        return
    t0 = time.perf_counter()
    library = Library.open(folder, embedder)
    base = []
    for path in expand_paths([reports_dir]):
        report = build_report(path.read_bytes(), path.name)
        base.append(
            (report, [tokenize(c.text) for c in report.chunks], embedder.embed_documents([c.text for c in report.chunks]))
        )
        Ingester(library).ingest_file(path)
    rng = np.random.default_rng(0)
    k, batch = 1, []
    while library.catalog.count() + len(batch) < size:
        for report, tokens, vectors in base:
            if library.catalog.count() + len(batch) >= size:
                break
            copy, copy_tokens = renamed(report, tokens, k)
            noisy = vectors + rng.normal(0, 0.02, vectors.shape).astype(np.float32)
            batch.append((copy, copy_tokens, noisy / np.linalg.norm(noisy, axis=1, keepdims=True)))
        k += 1
        if len(batch) >= 500 or library.catalog.count() + len(batch) >= size:
            ids = [c.id for r, _, _ in batch for c in r.chunks]
            library.vectors.add(
                ids,
                np.concatenate([v for _, _, v in batch]),
                [m for r, _, _ in batch for m in vector_metadata(r.id, r.meta.issuer, r.meta.year, r.chunks)],
            )
            for copy, copy_tokens, _ in batch:
                library.catalog.commit_report(copy, copy_tokens, replaces=None)
            batch = []
            print(f"  {library.catalog.count()} reports, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    t1 = time.perf_counter()
    library.refresh_keywords()
    done.write_text(json.dumps({"size": size, "build_s": round(t1 - t0), "keyword_index_s": round(time.perf_counter() - t1)}))


def percentiles(ms: list[float]) -> dict[str, float]:
    xs = sorted(ms)

    def at(q: float) -> float:
        return round(xs[min(len(xs) - 1, int(q * len(xs)))], 1)

    return {"p50": round(statistics.median(xs), 1), "p95": at(0.95), "p99": at(0.99), "n": len(xs)}


def measure(folder: Path, embedder, items: list[dict], rounds: int, paraphrases: dict) -> dict:
    from answer.evaluate import score
    from answer.service import Answerer
    from retrieval.search import search
    from store.library import Library

    t0 = time.perf_counter()
    library = Library.open(folder, embedder)
    answerer = Answerer(library)
    library.warm_up()
    answerer.ask(items[0]["question"])
    first_s = time.perf_counter() - t0
    questions = [item["question"] for item in items]
    retrieval, ask = [], []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            search(library, q, k=5)
            retrieval.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            answerer.ask(q)
            ask.append((time.perf_counter() - t) * 1000)
    # the paraphrase set, on its own date: the questions across reports (rankings, totals,
    # changes) apart from all the others (figures, with the similarity step for words the
    # vocabulary lacks, lists, yes/no, refusals, guides); a follow-up is timed after its earlier turns
    dated = Answerer(library, today=dt.date.fromisoformat(paraphrases["today"]))
    asked: dict[str, list[float]] = {"across": [], "paraphrase": []}
    for _ in range(rounds):
        for p in paraphrases["questions"]:
            previous = None
            for earlier in p.get("history", []):
                previous = dated.understand(earlier, previous)
            t = time.perf_counter()
            dated.ask(p["question"], previous)
            asked["across" if p["intent"] == "across" else "paraphrase"].append((time.perf_counter() - t) * 1000)
    quality = score(items, lambda item: answerer.ask(item["question"])).summary()
    return {
        "reports": library.catalog.count(),
        "chunks": library.vectors.count(),
        "first_answer_s": round(first_s, 2),
        "ask_ms": percentiles(ask),
        "paraphrase_ask_ms": percentiles(asked["paraphrase"]),
        "across_ask_ms": percentiles(asked["across"]),
        "retrieval_ms": percentiles(retrieval),
        "eval": {k: v for k, v in quality.items() if "latency" not in k},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stores", type=Path, default=Path("/tmp/nianbao-bench"))
    parser.add_argument("--store", type=Path, help="Measure this existing store as it is (no building).")
    parser.add_argument("--reports", type=Path, default=PROJECT.parent / "shared" / "reports")
    parser.add_argument("--questions", type=Path, default=PROJECT.parent / "shared" / "eval" / "dev_qa.jsonl")
    parser.add_argument("--paraphrases", type=Path, default=PROJECT / "tests" / "answer" / "data" / "paraphrases.json")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "query.json")
    args = parser.parse_args()
    from app import Settings, make_embedder

    embedder = make_embedder(Settings())
    items = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    paraphrases = json.loads(args.paraphrases.read_text(encoding="utf-8"))
    results = {}
    if args.store:
        results[args.store.name] = measure(args.store, embedder, items, args.rounds, paraphrases)
    for size in () if args.store else (int(s) for s in args.sizes.split(",")):
        folder = args.stores / f"store-{size}"
        build(folder, size, embedder, args.reports)
        results[str(size)] = measure(folder, embedder, items, args.rounds, paraphrases)
        results[str(size)]["build"] = json.loads((folder / "built.json").read_text())
        print(f"{size} reports measured", file=sys.stderr)
    print(f"query latency, ms ({len(items)} dev questions × {args.rounds} rounds; default answerer, warm)")
    print(f"note: {NOTE}")
    print(
        f"{'reports':>8}{'chunks':>9}{'ask p50':>9}{'p95':>7}{'p99':>7}{'search p50':>12}{'p95':>7}{'p99':>7}{'numbers':>9}{'RSS MB':>8}"
    )
    for r in results.values():
        a, s = r["ask_ms"], r["retrieval_ms"]
        print(
            f"{r['reports']:>8}{r['chunks']:>9}{a['p50']:>9}{a['p95']:>7}{a['p99']:>7}{s['p50']:>12}{s['p95']:>7}{s['p99']:>7}"
            f"{r['eval']['number_accuracy']:>9}{r['peak_rss_mb']:>8}"
        )
    print(f"paraphrase set ({len(paraphrases['questions'])} questions × {args.rounds} rounds), ms")
    print(f"{'reports':>8}{'paraphrased p50':>17}{'p95':>7}{'p99':>7}{'across p50':>12}{'p95':>7}{'p99':>7}")
    for r in results.values():
        p, x = r["paraphrase_ask_ms"], r["across_ask_ms"]
        print(f"{r['reports']:>8}{p['p50']:>17}{p['p95']:>7}{p['p99']:>7}{x['p50']:>12}{x['p95']:>7}{x['p99']:>7}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {__import__('os').cpu_count()} cpu"
    args.out.write_text(json.dumps({"note": NOTE, "machine": machine, "sizes": results}, ensure_ascii=False, indent=1))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
