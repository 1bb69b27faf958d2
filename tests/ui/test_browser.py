"""The app in a real browser (Debian's chromium through Playwright) and through gradio_client.

These run last (tests/ui) on the shared store: the reports they upload get issuers no other
test asks about."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import PROJECT, report

ARTIFACTS = PROJECT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(shared_library):
    from ingest.pipeline import Ingester
    from ui.app import AppOptions, build_app, launch_options

    app = build_app(shared_library, Ingester(shared_library), AppOptions(max_upload_mb=5))
    port = free_port()
    app.queue()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **launch_options(None, 5))
    yield f"http://127.0.0.1:{port}"
    app.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    yield from open_page(browser, server, "zh-CN")


@pytest.fixture
def english_page(browser, server):
    yield from open_page(browser, server, "en-US")


def open_page(browser, server, locale: str):
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale=locale)
    page = context.new_page()
    page.requests = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.goto(server)
    page.wait_for_selector("#nb-question textarea", timeout=30_000)
    yield page
    context.close()


def wait_text(page, selector: str, text: str, timeout: int = 60_000) -> None:
    """Wait for visible text (Gradio keeps a connection open: no waiting for the network to idle)."""
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.innerText.includes(text)", arg=[selector, text], timeout=timeout
    )


def ask(page, question: str, expect: str) -> None:
    box = page.locator("#nb-question textarea")
    box.fill(question)
    box.press("Enter")
    wait_text(page, "#nb-chat", expect)


def test_chat_answers_with_a_source_that_opens_in_the_report(page):
    ask(page, "额济纳旗2021年收到多少件政府信息公开申请？", "6件")
    chat = page.locator("#nb-chat")
    chat.locator("summary").last.click()
    assert "全旗共收到依申请公开6件" in chat.inner_text()
    page.locator("#nb-sources label").first.click()
    mark = page.locator("#report-view mark#nb-highlight")
    mark.wait_for(timeout=20_000)
    assert "全旗共收到依申请公开6件" in mark.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
    ask(page, "行政复议呢？", "行政复议总数为 2件")
    # the [1] of the first answer still opens the first answer's source
    page.locator("#nb-chat .nb-cite.nb-ref-1-1").first.click()
    wait_text(page, "#report-view mark#nb-highlight", "行政复议")
    page.locator("#nb-chat .nb-cite.nb-ref-0-1").first.click()
    wait_text(page, "#report-view mark#nb-highlight", "全旗共收到依申请公开6件")
    labels = page.locator("#nb-sources label").all_inner_texts()
    assert len(set(labels)) == len(labels)  # the sources of one answer never read alike
    hosts = {urlparse(u).hostname for u in page.requests if u.startswith("http")}
    assert hosts <= {"127.0.0.1"}, hosts


def test_a_table_source_opens_as_a_table_with_its_row_marked(page):
    ask(page, "洪泽区2024年予以公开的申请有多少件？", "50件")
    page.locator("#nb-sources label").first.click()
    row = page.locator("#report-view table.nb-table tr.nb-hit#nb-highlight")
    row.wait_for(timeout=20_000)
    assert "予以公开" in row.inner_text() and "50" in row.inner_text() and "|" not in row.inner_text()
    page.locator("#nb-chat summary").last.click()  # the folded quote is a table too
    assert page.locator("#nb-chat .nb-quote table.nb-table").count() >= 1


def test_upload_then_ask_about_the_new_report(page, tmp_path):
    text = report("003_581ad2afe31178c1.txt").read_text(encoding="utf-8")
    upload = tmp_path / "browser_upload.txt"
    upload.write_text(
        text.replace("额济纳旗", "测试旗").replace("全旗共收到依申请公开6件", "全旗共收到依申请公开9件"), encoding="utf-8"
    )
    page.get_by_role("tab", name="报告库").click()
    page.locator("#nb-upload input[type=file]").set_input_files(str(upload))
    page.locator("#nb-upload-button").click()
    wait_text(page, "#nb-results", "已新增", 120_000)
    wait_text(page, "#nb-library", "测试旗")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "library.png"), full_page=True)
    page.get_by_role("tab", name="问答").click()
    # the chat's issuer filter lists the new issuer without a reload
    page.locator("#nb-chat-issuer input").click()
    page.get_by_role("option", name="测试旗", exact=False).first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    ask(page, "测试旗2021年收到多少件政府信息公开申请？", "9件")


def test_report_markup_renders_inert(page, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "恶意县2022年政府信息公开工作年度报告\n一、总体情况\n"
        "2022年，全县<img src=x onerror=alert(1)>[点我](javascript:alert(2))<script>alert(3)</script>共收到政府信息公开申请3件。\n",
        encoding="utf-8",
    )
    page.get_by_role("tab", name="报告库").click()
    page.locator("#nb-upload input[type=file]").set_input_files(str(hostile))
    page.locator("#nb-upload-button").click()
    wait_text(page, "#nb-results", "已新增", 120_000)
    page.locator("#nb-report-choice input").click()
    page.get_by_role("option", name="恶意县", exact=False).first.click()
    viewer = page.locator("#nb-viewer")
    wait_text(page, "#nb-viewer", "onerror")
    assert "<img src=x onerror=alert(1)>" in viewer.inner_text()
    assert viewer.locator("img").count() == 0 and viewer.locator("a").count() == 0
    page.get_by_role("tab", name="问答").click()
    ask(page, "恶意县2022年收到多少件政府信息公开申请？", "3件")
    page.locator("#nb-chat summary").last.click()
    wait_text(page, "#nb-chat", "onerror=alert(1)")
    chat = page.locator("#nb-chat")
    assert chat.locator("img").count() == 0 and chat.locator("a[href^=javascript]").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []  # type: ignore[attr-defined]


def bar_values(page) -> list[float]:
    """The values the bar chart draws, read from its marks (Vega's SVG labels every bar)."""
    labels = page.locator("#nb-bar [aria-roledescription='bar']").evaluate_all(
        "marks => marks.map(m => m.getAttribute('aria-label'))"
    )
    return sorted(float(re.search(r"数值: ([\d,.]+)", label).group(1).replace(",", "")) for label in labels)


def test_statistics_table_and_chart(page, shared_library):
    from answer.statistics import metric_table
    from lexicon.metrics import metric_name

    page.get_by_role("tab", name="统计").click()
    page.locator("#nb-stats-button").click()
    pivot = page.locator("#nb-pivot")
    wait_text(page, "#nb-pivot", "淮安市人民政府")
    assert "3119" in pivot.inner_text()
    page.locator("#nb-bar svg").first.wait_for(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "statistics.png"), full_page=True)
    # every change of metric redraws table and chart together, from the same figures
    for metric in ("review.total", "proactive.items", "applications.new.total"):
        table = metric_table(shared_library.catalog, metric)
        page.locator("#nb-metric input").click()
        page.get_by_role("option", name=metric_name(metric), exact=True).click()
        wait_text(page, "#nb-pivot", table.name)
        expected = sorted(v for _, v in table.bars)
        page.wait_for_function(
            "n => document.querySelectorAll(\"#nb-bar [aria-roledescription='bar']\").length === n",
            arg=len(expected),
            timeout=30_000,
        )
        page.wait_for_timeout(300)
        assert bar_values(page) == expected, metric
        assert table.name in page.locator("#nb-chart-title").inner_text()
        for chart in ("#nb-bar", "#nb-line"):  # both value axes start at zero
            ticks = page.locator(f"{chart} .role-axis-label text").evaluate_all("ts => ts.map(t => t.textContent)")
            assert "0" in ticks, (metric, chart, ticks)


def test_the_page_speaks_chinese_under_an_english_browser(english_page):
    page = english_page
    page.get_by_role("tab", name="报告库").click()
    upload = page.locator("#nb-upload")
    upload.wait_for()
    text = upload.inner_text()
    assert "将文件拖放到此处" in text and "Drop File Here" not in text, text


def test_api_returns_the_ask_json(server):
    from gradio_client import Client

    client = Client(server, verbose=False)
    result = client.predict("额济纳旗2021年收到多少件政府信息公开申请？", None, api_name="/ask")
    assert "6件" in result["answer"]
    assert result["citations"][0]["issuer"] == "额济纳旗" and "全旗共收到依申请公开6件" in result["citations"][0]["quote"]
    followed = client.predict("行政复议呢？", ["额济纳旗2021年收到多少件政府信息公开申请？"], api_name="/ask")
    assert "2件" in followed["answer"]


def test_the_compare_tab_sets_two_years_of_an_issuer_side_by_side(page):
    page.get_by_role("tab", name="对比").click()
    for box, year in (("#nb-compare-first", "2023"), ("#nb-compare-second", "2024")):
        page.locator(f"{box} input").click()
        page.get_by_role("option", name=f"淮安市洪泽区人民政府 {year}", exact=False).first.click()
    page.locator("#nb-compare-button").click()
    wait_text(page, "#nb-compare", "淮安市洪泽区人民政府 2024")
    shown = page.locator("#nb-compare")
    assert "≠" in shown.inner_text() and "公开率 =" in shown.inner_text()
    assert shown.locator("tr.nb-differs").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)
