"""Broken and hostile files: each gets its own clear message, and nothing stored changes."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from tests.conftest import report

JUNK = random.Random(7).randbytes(4000)
ANNUAL = "某县2022年政府信息公开工作年度报告\n一、总体情况\n2022年，全县共收到政府信息公开申请5件。\n"


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"0" * (300 * 1024 * 1024))
    return buffer.getvalue()


CASES = [
    # (file name, bytes, expected outcome, words the message must contain)
    ("empty.txt", b"", "failed", "没有可读取的文字"),
    ("blank.html", b"   \n ", "failed", "没有可读取的文字"),
    ("junk.txt", JUNK, "failed", "损坏或与扩展名不符"),
    ("junk.pdf", JUNK, "failed", "损坏或与扩展名不符"),
    ("renamed.docx", JUNK[:3000], "failed", "损坏或与扩展名不符"),
    ("bomb.docx", zip_bomb(), "failed", "文件过大"),
    ("report.exe", ANNUAL.encode(), "failed", "不支持的文件类型"),
    ("gbk.txt", ANNUAL.encode("gbk"), "added", ""),
    ("gb18030.txt", ANNUAL.replace("某县", "𠀾县").encode("gb18030"), "added", ""),
    ("bom.txt", "\ufeff".encode() + ANNUAL.replace("某县", "乙县").encode(), "added", ""),
    (
        "news.html",
        "<html><body><div class=article><h1>我县召开春耕生产工作会议</h1><p>3月5日，我县召开春耕生产工作会议，部署今年春耕备耕工作。</p></div></body></html>".encode(),
        "added",
        "不像政府信息公开工作年度报告",
    ),
    ("../../etc/evil\x07name.txt", ANNUAL.replace("某县", "丙县").encode(), "added", ""),
]


@pytest.mark.parametrize(("name", "data", "outcome", "words"), CASES, ids=[c[0].replace("/", "_") for c in CASES])
def test_each_bad_input_gets_its_outcome_and_message(fake_library, name, data, outcome, words):
    before = fake_library.ingest_file(report("003_581ad2afe31178c1.txt"))
    stored = {r.id for r in fake_library.catalog.reports()}
    result = fake_library.ingest_bytes(data, name)
    assert result.outcome == outcome, result
    assert words in result.message
    assert "/" not in result.file_name and "\x07" not in result.file_name
    now = {r.id for r in fake_library.catalog.reports()}
    assert now == stored if outcome == "failed" else now == stored | {result.report_id}
    assert before.report_id in now


def test_size_limit(tmp_path):
    from ingest.embed import HashingEmbedder
    from ingest.pipeline import Library

    library = Library(tmp_path / "data", HashingEmbedder(), max_bytes=1024)
    result = library.ingest_bytes(ANNUAL.encode() * 100, "big.txt")
    assert result.outcome == "failed" and "文件过大" in result.message


def test_truncated_pdf_is_reported_as_damaged(fake_library):
    data = report("hongze_qu_2023.pdf").read_bytes()
    result = fake_library.ingest_bytes(data[: len(data) // 3], "truncated.pdf")
    assert result.outcome == "failed" and "损坏" in result.message
