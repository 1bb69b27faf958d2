"""Broken and hostile files: each gets its own clear message, and nothing stored changes."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from ingest.pipeline import Ingester
from tests.conftest import open_store, report

JUNK = random.Random(7).randbytes(4000)
ANNUAL = "某县2022年政府信息公开工作年度报告\n一、总体情况\n2022年，全县共收到政府信息公开申请5件。\n"


def pdf_without_text() -> bytes:
    """A one-page PDF that only paints (as a scan does): no text layer."""
    content = b"q 100 0 0 100 50 50 cm 0 0 1 1 re f Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


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
    ("scanned.pdf", pdf_without_text(), "failed", "扫描件"),
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
    ("/abs/" + "很长的文件名" * 60 + ".txt", ANNUAL.replace("某县", "戊县").encode(), "added", ""),
]


@pytest.mark.parametrize(("name", "data", "outcome", "words"), CASES, ids=[c[0].replace("/", "_") for c in CASES])
def test_each_bad_input_gets_its_outcome_and_message(fake_library, name, data, outcome, words):
    before = Ingester(fake_library).ingest_file(report("003_581ad2afe31178c1.txt"))
    stored = {r.id for r in fake_library.catalog.reports()}
    result = Ingester(fake_library).ingest_bytes(data, name)
    assert result.outcome == outcome, result
    assert words in result.message
    assert "/" not in result.file_name and "\x07" not in result.file_name and len(result.file_name) <= 120
    now = {r.id for r in fake_library.catalog.reports()}
    assert now == stored if outcome == "failed" else now == stored | {result.report_id}
    assert before.report_id in now


def test_size_limit(tmp_path):
    from embedding.embed import HashingEmbedder

    library = open_store(tmp_path / "data", HashingEmbedder())
    result = Ingester(library, max_bytes=1024).ingest_bytes(ANNUAL.encode() * 100, "big.txt")
    assert result.outcome == "failed" and "文件过大" in result.message


def test_truncated_pdf_is_reported_as_damaged(fake_library):
    data = report("hongze_qu_2023.pdf").read_bytes()
    result = Ingester(fake_library).ingest_bytes(data[: len(data) // 3], "truncated.pdf")
    assert result.outcome == "failed" and "损坏" in result.message


def test_markup_in_a_web_page_is_not_text(fake_library):
    page = (
        "<html><body><h1>丁县2022年政府信息公开工作年度报告</h1><p onclick='alert(1)'>一、总体情况</p>"
        "<p>2022年共收到政府信息公开申请2件。<script>alert('x')</script><a href='javascript:alert(2)'>详情</a></p></body></html>"
    )
    result = Ingester(fake_library).ingest_bytes(page.encode(), "page.html")
    text = fake_library.catalog.report_text(result.report_id)
    assert result.outcome == "added" and "共收到政府信息公开申请2件" in text
    assert "alert" not in text and "javascript" not in text and "onclick" not in text


def test_a_parser_that_never_finishes_is_given_up(fake_library, monkeypatch):
    import threading

    import ingest.pipeline as pipeline

    release = threading.Event()
    monkeypatch.setattr(pipeline, "PARSE_SECONDS", 0.5)
    monkeypatch.setattr(pipeline, "build_report", lambda data, name, watch: release.wait(10))
    result = Ingester(fake_library).ingest_bytes(ANNUAL.encode(), "slow.txt")
    release.set()
    assert result.outcome == "failed" and "超时" in result.message
