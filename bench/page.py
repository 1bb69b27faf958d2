"""What the page costs on the server, by store size: a page load (the library table, the lists
and example questions, drawn once per catalog generation and then cached), a statistics redraw
(table, charts, checks, evidence and CSV of one metric) and a comparison of two reports (table,
rates, evidence, CSV, Markdown and workbook). The functions behind the page's events are timed
in-process, on a store bench/query.py built (run it first); the browser's drawing is not counted.
Writes JSON.

    python bench/page.py [--store /tmp/nianbao-bench/store-1000] [--rounds 5]"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))


def timed(fn, *args, rounds: int) -> dict:
    seconds = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(*args)
        seconds.append(time.perf_counter() - t0)
    return {"first_ms": round(seconds[0] * 1000), "median_ms": round(statistics.median(seconds) * 1000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path("/tmp/nianbao-bench/store-1000"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--metric", default="applications.new.total")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "page.json")
    args = parser.parse_args()
    os.environ["NIANBAO_DATA_DIR"] = str(args.store)
    from app import Settings, open_library
    from ingest.pipeline import Ingester
    from ui.app import build_app

    library = open_library(Settings())
    app = build_app(library, Ingester(library))

    def event(name: str):
        return next(f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == name)

    load = next(  # the page load: the one event without inputs that draws the library table
        f.fn for f in app.fns.values() if not f.inputs and any(getattr(o, "elem_id", None) == "nb-library" for o in f.outputs)
    )
    reports = [r for r in library.reports() if r.kind == "annual_report"]
    by_issuer: dict[str, list] = {}
    for r in reports:
        by_issuer.setdefault(r.issuer, []).append(r)
    pair = next(sorted(rs, key=lambda r: r.year or 0)[-2:] for rs in by_issuer.values() if len(rs) >= 2)
    results = {
        "reports": len(library.reports()),
        "page_load": timed(load, rounds=args.rounds),
        "statistics_redraw": timed(event("show"), args.metric, "", "", "", rounds=args.rounds),
        "comparison": timed(event("compare_reports"), pair[0].id, pair[1].id, False, rounds=args.rounds),
    }
    print(f"page events on {args.store} ({results['reports']} reports), ms: first (cold cache) / median of {args.rounds}")
    for name in ("page_load", "statistics_redraw", "comparison"):
        print(f"{name:<20}{results[name]['first_ms']:>8}{results[name]['median_ms']:>8}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cpu"
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
