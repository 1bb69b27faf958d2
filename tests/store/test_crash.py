"""SIGKILL an ingest at random moments; after each restart the stores agree, every report is
whole (old or new version), and running the ingest again completes the batch."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from embedding.embed import HashingEmbedder
from store.doctor import diagnose
from store.library import Library
from tests.conftest import PROJECT, SEEDS, open_store, report

INGEST = """
import sys
from pathlib import Path
from embedding.embed import HashingEmbedder
from ingest.pipeline import Ingester
from tests.conftest import open_store
library = open_store(Path(sys.argv[1]), HashingEmbedder())
print("ready", flush=True)
for name in sys.argv[2:]:
    Ingester(library).ingest_file(Path(name))
print("done", flush=True)
"""


def run_ingest(data_dir, files, kill_after: float | None) -> float:
    """Seconds the ingest itself took (after start-up), or -1 when it was killed ``kill_after`` seconds in."""
    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST, str(data_dir), *map(str, files)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    t0 = time.perf_counter()
    if kill_after is None:
        out, _ = proc.communicate(timeout=300)
        assert b"done" in out
        return time.perf_counter() - t0
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return -1.0


def check_consistent(data_dir, versions: dict[str, set[str]]) -> Library:
    library = open_store(data_dir, HashingEmbedder())  # opening recovers what a crash left
    library.recover(older_than=0)  # on a shared catalog, recent trails wait for an hour unless told
    library.refresh_keywords()
    assert diagnose(library) == []
    rows = library.catalog.reports()
    assert len({r.identity for r in rows}) == len(rows)  # no duplicates
    for r in rows:
        assert r.sha256 in versions[r.identity], r  # an old or a new version, never a mix
        assert r.n_chunks == sum(rid == r.id for rid in library.catalog.chunk_reports().values()) > 0
    return library


def test_killed_ingests_leave_whole_reports(tmp_path):
    rng = random.Random(20261122)
    batch = [*SEEDS[:4], report("shuyang_fgj_2023.html")]
    corrected = tmp_path / "003_corrected.txt"
    corrected.write_text(
        report("003_581ad2afe31178c1.txt").read_text(encoding="utf-8").replace("947条", "948条"), encoding="utf-8"
    )
    data_dir = tmp_path / "data"
    # the versions each identity may have: from the files of the batch and the corrected seed
    import hashlib

    from ingest.pipeline import build_report

    versions: dict[str, set[str]] = {}
    for f in [*batch, corrected]:
        r = build_report(f.read_bytes(), f.name)
        versions.setdefault(r.identity, set()).add(r.sha256)
        assert r.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    full = run_ingest(data_dir, batch, None)
    for trial in range(20):
        # odd trials bring a corrected version of one report, so kills also land in a replacement
        files = [corrected if trial % 2 and f.name.startswith("003") else f for f in batch]
        run_ingest(data_dir, files, rng.uniform(0.0, full))
        check_consistent(data_dir, versions)
    run_ingest(data_dir, batch, None)
    library = check_consistent(data_dir, versions)
    assert len(library.catalog.reports()) == len(batch)
