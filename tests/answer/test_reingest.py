"""Re-ingesting a report while people ask about it: every answer comes from a whole version."""

from __future__ import annotations

import threading

from answer.service import Answerer
from ingest.pipeline import Ingester
from tests.conftest import report


def test_answers_come_from_the_old_or_the_new_version_never_neither(fake_library, tmp_path):
    original = report("003_581ad2afe31178c1.txt")
    corrected = tmp_path / "003_corrected.txt"
    corrected.write_text(
        original.read_text(encoding="utf-8").replace("主动公开各类信息947条", "主动公开各类信息948条"), encoding="utf-8"
    )
    Ingester(fake_library).ingest_file(original)
    answerer = Answerer(fake_library)
    stop = threading.Event()
    errors: list[BaseException] = []

    def reingest() -> None:
        try:
            for i in range(12):
                Ingester(fake_library).ingest_file(corrected if i % 2 == 0 else original)
        except BaseException as e:  # surfaced by the assertion below
            errors.append(e)
        finally:
            stop.set()

    writer = threading.Thread(target=reingest)
    writer.start()
    seen = set()
    while not stop.is_set():
        answer = answerer.ask("额济纳旗2021年主动公开了多少条政府信息？")
        assert answer.found, answer.text
        value = "947" if "947条" in answer.text else "948" if "948条" in answer.text else None
        assert value is not None, answer.text
        assert any(f"{value}条" in c.quote for c in answer.citations)
        seen.add(value)
    writer.join()
    assert not errors
    assert seen  # at least one answer was given during the re-ingest
