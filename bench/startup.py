"""Cold start and memory of ``nianbao serve``: seconds from starting the process to the first
answer through the app's API, and the peak RSS of the serving process after it has answered the
dev questions, for each store. Writes JSON. Only talks to 127.0.0.1.

    python bench/startup.py [--stores /tmp/nianbao-bench] [--sizes 1000,10000]

The stores are the ones bench/query.py builds (run it first); --data-dir measures any other store.
The model is the machine's cached one (``make model``), unless NIANBAO_EMBEDDING_MODEL names another."""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    return 0.0


def measure(data_dir: Path, questions: list[str]) -> dict:
    from gradio_client import Client

    port = free_port()
    env = os.environ | {"NIANBAO_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(PROJECT / "app.py"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"serve exited with {proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        listening_s = time.perf_counter() - t0
        client = Client(url, verbose=False)
        first = client.predict(questions[0], None, api_name="/ask")
        first_s = time.perf_counter() - t0
        for q in questions[1:]:
            client.predict(q, None, api_name="/ask")
        return {
            "listening_s": round(listening_s, 2),
            "first_answer_s": round(first_s, 2),
            "first_answer_found": bool(first.get("found")),
            "peak_rss_mb": peak_rss_mb(proc.pid),
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stores", type=Path, default=Path("/tmp/nianbao-bench"))
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--data-dir", type=Path, action="append", help="Measure this store (repeatable) instead.")
    parser.add_argument("--questions", type=Path, default=PROJECT.parent / "shared" / "eval" / "dev_qa.jsonl")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results" / "startup.json")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [item["question"] for item in items]
    stores = args.data_dir or [args.stores / f"store-{size}" for size in args.sizes.split(",")]
    results = {}
    for store in stores:
        results[store.name] = measure(store, questions)
        print(f"{store} measured", file=sys.stderr)
    print("serve: cold start and memory (first answer through the API; RSS after all dev questions)")
    print(f"{'store':<28}{'listening s':>12}{'first answer s':>16}{'peak RSS MB':>13}")
    for name, r in results.items():
        print(f"{name:<28}{r['listening_s']:>12}{r['first_answer_s']:>16}{r['peak_rss_mb']:>13}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cpu"
    args.out.write_text(json.dumps({"machine": machine, "stores": results}, ensure_ascii=False, indent=1))
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
