"""Many users at once: N gradio_client users ask the dev questions through the app's API for a
fixed time while one more uploads reports through the page's upload endpoint. Prints requests
served, errors and latency, and writes them as JSON. Only ever talks to 127.0.0.1.

    python bench/load.py [--users 30] [--seconds 60] [--url http://127.0.0.1:7860]

Without --url it starts the app in this process on a free loopback port, on the store that
NIANBAO_DATA_DIR names (ingest the sample reports first: make run, or nianbao ingest)."""

from __future__ import annotations

import argparse
import json
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))


def start_app() -> str:
    from app import Settings, open_library
    from ingest.pipeline import Ingester
    from ui.app import build_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    library = open_library(Settings())
    app = build_app(library, Ingester(library))
    app.queue(default_concurrency_limit=8)
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, ssr_mode=False, quiet=True)
    return f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--questions", type=Path, default=PROJECT.parent / "shared" / "eval" / "dev_qa.jsonl")
    parser.add_argument("--no-upload", action="store_true", help="Only questions.")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "load.json")
    args = parser.parse_args()
    url = args.url or start_app()
    assert url.startswith("http://127.0.0.1"), "the load test only talks to 127.0.0.1"
    from gradio_client import Client, handle_file

    questions = [json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    Client(url, verbose=False).predict(
        "诸往镇2017年政府网站有没有开设镇长信箱？", None, api_name="/ask"
    )  # loads the embedding model
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + args.seconds

    def user(seed: int) -> None:
        rng = random.Random(seed)
        client = Client(url, verbose=False)
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                result = client.predict(rng.choice(questions), None, api_name="/ask")
                ok = isinstance(result, dict) and "answer" in result
            except Exception as e:  # every failure is counted, none stops the run
                ok, result = False, f"{e.__class__.__name__}: {e}"
            with lock:
                if ok:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors.append(str(result)[:200])

    uploads: list[str] = []

    def uploader() -> None:
        client = Client(url, verbose=False)
        folder = Path(tempfile.mkdtemp(prefix="nianbao-load-"))
        seed = (PROJECT.parent / "shared" / "reports" / "seeds").glob("*.txt")
        source = sorted(seed)[3].read_text(encoding="utf-8")
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            path = folder / f"load_{n}.txt"
            path.write_text(source.replace("额济纳旗", f"负载测试{n}旗"), encoding="utf-8")
            try:
                client.predict([handle_file(str(path))], api_name="/upload")
                uploads.append("ok")
            except Exception as e:
                uploads.append(f"{e.__class__.__name__}: {e}"[:200])

    threads = [threading.Thread(target=user, args=(i,)) for i in range(args.users)]
    if not args.no_upload:
        threads.append(threading.Thread(target=uploader))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    lat = sorted(latencies)
    summary = {
        "users": args.users,
        "seconds": round(elapsed, 1),
        "served": len(lat),
        "errors": len(errors),
        "per_second": round(len(lat) / elapsed, 1),
        "p50_ms": round(statistics.median(lat), 1) if lat else None,
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1) if lat else None,
        "uploads_ok": uploads.count("ok"),
        "upload_errors": [u for u in uploads if u != "ok"],
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cpu",
        "error_samples": errors[:5],
    }
    print(f"{'users':<8}{'served':>8}{'errors':>8}{'req/s':>8}{'p50 ms':>10}{'p95 ms':>10}{'uploads':>9}")
    print(
        f"{args.users:<8}{summary['served']:>8}{summary['errors']:>8}{summary['per_second']:>8}{summary['p50_ms']!s:>10}{summary['p95_ms']!s:>10}{summary['uploads_ok']:>9}"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    # the reports uploaded here are load, not content
    from app import Settings, open_library

    library = open_library(Settings())
    for r in library.catalog.reports():
        if r.issuer.startswith("负载测试"):
            library.delete(r.id)


if __name__ == "__main__":
    main()
