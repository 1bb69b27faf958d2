"""Ingest throughput: the shared reports replicated N times as distinct reports, ingested end to
end into a fresh store. Prints reports/s and chunks/s with a cold model (its loading counted) and
warm, and the split of time between the steps; writes the figures as JSON.

    python bench/ingest.py [--copies 4] [--backend onnx|torch] [--out bench/results/ingest.json]

Each copy is the original file with a distinct byte tail (so a distinct report) whose issuer is
renamed "<issuer>（副本k）" after metadata is read, so every copy is its own issuer and nothing
is replaced; loading, cleaning, facts, embedding and storing all run for every copy."""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

STEPS = ("load", "clean", "facts", "keywords", "embed", "store")


def copies(reports: list[Path], n: int, folder: Path) -> list[Path]:
    tails = {".pdf": b"\n%% copy {k}\n", ".html": b"\n<!-- copy {k} -->\n", ".htm": b"\n<!-- copy {k} -->\n"}
    out = []
    for k in range(n):
        for path in reports:
            tail = tails.get(path.suffix.lower(), b"\n" + b" " * 8 + b"{k}\n").replace(b"{k}", str(k).encode())
            copy = folder / f"c{k:03d}_{path.name}"
            copy.write_bytes(path.read_bytes() + (tail if k else b""))
            out.append(copy)
    return out


def rename_copies() -> None:
    """Give copy k its own issuer (bench only: wraps the metadata step of the real pipeline)."""
    import ingest.pipeline as pipeline

    describe = pipeline.describe

    def renamed(doc, cleaned):
        meta = describe(doc, cleaned)
        copy = re.match(r"c(\d+)_", doc.file_name)
        k = int(copy.group(1)) if copy else 0
        if not k:
            return meta
        issuer = f"{meta.issuer}（副本{k}）"
        return replace(meta, issuer=issuer, aliases=(issuer,), title=meta.title.replace(meta.issuer, issuer))

    pipeline.describe = renamed  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=PROJECT.parent / "shared" / "reports")
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--backend", choices=["onnx", "torch"], help="Embedding backend (default: the setting's).")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "ingest.json")
    args = parser.parse_args()

    from app import Settings, make_embedder
    from ingest.pipeline import Ingester, expand_paths
    from store.library import Library

    settings = Settings()
    if args.backend:
        settings.embedding_backend = args.backend
    rename_copies()
    embedder = make_embedder(settings)
    with tempfile.TemporaryDirectory() as tmp:
        files = copies(expand_paths([args.reports]), args.copies, Path(tmp))
        t0 = time.perf_counter()
        library = Library.open(Path(tmp) / "store", embedder)
        embedder.embed_documents(["模型加载"])  # the cold part: loading the model
        model_s = time.perf_counter() - t0
        seconds = dict.fromkeys(STEPS, 0.0)
        chunks = failed = 0
        t1 = time.perf_counter()
        for result in Ingester(library).ingest_files(files):
            failed += result.outcome == "failed"
            for step, s in result.seconds.items():
                seconds[step] += s
            if result.report_id and result.outcome != "failed":
                chunks += library.catalog.find(result.report_id)[0].n_chunks
        total = time.perf_counter() - t1
    n = len(files) - failed
    summary = {
        "embedder": getattr(embedder, "name", "?"),
        "backend": settings.embedding_backend,
        "reports": n,
        "failed": failed,
        "chunks": chunks,
        "model_load_s": round(model_s, 2),
        "ingest_s": round(total, 2),
        "warm_reports_per_s": round(n / total, 3),
        "warm_chunks_per_s": round(chunks / total, 1),
        "cold_reports_per_s": round(n / (total + model_s), 3),
        "cold_chunks_per_s": round(chunks / (total + model_s), 1),
        "split_s": {k: round(v, 2) for k, v in seconds.items()},
        "other_s": round(total - sum(seconds.values()), 2),
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cpu",
    }
    print(
        f"ingest: {n} reports ({args.copies} copies of {len(files) // max(args.copies, 1)}), {chunks} chunks, {summary['embedder']}"
    )
    print(f"{'':14}{'reports/s':>10}{'chunks/s':>10}{'seconds':>9}")
    print(f"{'cold model':14}{summary['cold_reports_per_s']:>10}{summary['cold_chunks_per_s']:>10}{total + model_s:>9.1f}")
    print(f"{'warm model':14}{summary['warm_reports_per_s']:>10}{summary['warm_chunks_per_s']:>10}{total:>9.1f}")
    print("time per step, added up (parsing the next file overlaps with embedding this one, so the sum can exceed the total):")
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
