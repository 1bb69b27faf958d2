"""The web page: 问答 (chat with sources and the report beside it), 报告库 (the stored reports,
upload, re-ingest, delete, view), 统计 (one figure across issuers and years), 对比 (two reports
side by side). Each tab is a module of its own; this one wires them together and launches the
page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from answer.service import Answerer
from answer.statistics import regions
from store.library import Library
from ui.chat import OPEN_SOURCE, chat_tab
from ui.compare import compare_tab
from ui.library import Ingests, PerGeneration, library_tab
from ui.locale import ChineseLocale
from ui.login import Throttle, ThrottledLogin
from ui.render import report_choice
from ui.statistics import statistics_tab

CSS = """
.nb-text { white-space: pre-wrap; line-height: 1.7; }
.nb-report { max-height: 640px; overflow-y: auto; padding: 0 8px; }
.nb-report mark, .nb-quote mark, .nb-table tr.nb-hit td { background: #ffe58a; }
.nb-quote mark.nb-figure { font-weight: 600; }
.nb-table { border-collapse: collapse; margin: 6px 0; font-size: 0.9em; white-space: normal; }
.nb-table td, .nb-table th { border: 1px solid #ccc; padding: 2px 6px; }
.nb-compare tr.nb-differs td { background: #fff4d6; }
.nb-note { color: #8a6d00; font-size: 0.9em; margin-top: 6px; }
.nb-quote { white-space: pre-wrap; margin: 4px 0 8px 0; }
.nb-file { color: #666; font-size: 0.85em; }
"""
PRODUCT = "年报问答 · 政府信息公开工作年度报告"
# system fonts only: a Google font would be fetched from the internet
THEME = gr.themes.Soft(
    font=[gr.themes.Font(name) for name in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif")],
    font_mono=[gr.themes.Font("monospace")],
)


@dataclass
class AppOptions:
    llm: Any = None  # an LlmAnswerer when a backend is configured
    max_upload_mb: int = 50
    ingest_root: Path | None = None  # a server folder operators may re-ingest from
    login: bool = False  # users log in: the page offers to log out


def build_app(library: Library, ingester: Ingests, options: AppOptions | None = None) -> gr.Blocks:
    """The page: the four tabs, wired to one another. What the store holds reaches the page only
    through ``app.load`` (it needs a login when one is set) and after each change to the library."""
    options = options or AppOptions()
    answerer = Answerer(library)
    cached = PerGeneration(library)

    def lists() -> tuple[dict, ...]:
        return cached("lists", make_lists)

    def make_lists() -> tuple[dict, ...]:
        reports = library.reports()
        issuers = [""] + sorted({r.issuer for r in reports})
        years = [""] + [str(y) for y in sorted({r.year for r in reports if r.year}, reverse=True)]
        examples = answerer.examples()
        # by issuer, newest first: the years of one issuer sit together
        choices = [
            report_choice(r) for r in sorted(reports, key=lambda r: (r.issuer, -(r.year or 0))) if r.kind == "annual_report"
        ]
        places = [("", "")] + [(f"{place}（{len(within)}个单位）", place) for place, within in regions(issuers[1:]).items()]
        return (
            gr.update(choices=issuers),
            gr.update(choices=years),
            gr.update(choices=years),
            gr.update(choices=issuers),
            gr.update(choices=places),
            gr.update(choices=choices),
            gr.update(choices=choices),
            gr.update(samples=[[e] for e in examples]),
            gr.update(placeholder=f"例如：{examples[0]}" if examples else "先在“报告库”中导入报告，再提问"),
        )

    def ask_api(question: str, history: list[str] | None = None) -> dict:
        """The same JSON as `nianbao ask --json`; history: earlier questions of the conversation."""
        previous = None
        for earlier in history or []:
            previous = answerer.understand(earlier, previous)
        return answerer.ask(question, previous).to_json()

    with gr.Blocks(title="年报问答") as app:
        with gr.Row():
            gr.Markdown(f"## {PRODUCT}")
            if options.login:
                gr.Button("退出登录", link="/logout", size="sm", scale=0, elem_id="nb-logout")
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                chat = chat_tab(answerer, library, options.llm)
            with gr.Tab("报告库", id="library"):
                shelf = library_tab(library, ingester, options.max_upload_mb, options.ingest_root)
            with gr.Tab("统计", id="stats"):
                stats = statistics_tab(library)
            with gr.Tab("对比", id="compare"):
                pair = compare_tab(library)
        gr.api(ask_api, api_name="ask")
        listed = [
            chat.issuer,
            chat.year,
            stats.year,
            stats.issuer,
            stats.region,
            pair.first,
            pair.second,
            chat.examples,
            chat.question,
        ]
        app.load(lambda: (*shelf.load(), *lists()), None, [shelf.table, shelf.chosen, *listed])
        for change in shelf.changes:
            change.then(lists, None, listed)
    return app


def launch_options(users: list[tuple[str, str]] | None, max_upload_mb: int, throttle: Throttle | None = None) -> dict:
    """What ``Blocks.launch`` gets besides host and port; with users, logins are throttled."""
    middleware = [Middleware(ChineseLocale)]
    if users:
        middleware.append(Middleware(ThrottledLogin, throttle=throttle or Throttle()))
    return {
        "auth": users or None,
        "auth_message": f"{PRODUCT}：请登录" if users else None,
        "js": OPEN_SOURCE,
        "max_file_size": f"{max_upload_mb}mb",
        "theme": THEME,
        "css": CSS,
        "footer_links": ["api"],
        "ssr_mode": False,
        "pwa": False,
        "mcp_server": False,
        "app_kwargs": {"middleware": middleware},
    }


def launch(app: gr.Blocks, host: str, port: int, users: list[tuple[str, str]] | None, max_upload_mb: int) -> None:
    app.queue(default_concurrency_limit=8)
    app.launch(server_name=host, server_port=port, **launch_options(users, max_upload_mb))


def parse_users(spec: str | None, path: Path | None) -> list[tuple[str, str]]:
    """Users as "name:password" pairs, comma- or line-separated, from a setting or a file."""
    raw = (spec or "") + "\n" + (path.read_text(encoding="utf-8") if path else "")
    users = []
    for item in re.split(r"[,\n]", raw):
        if ":" in item:
            name, password = item.strip().split(":", 1)
            users.append((name, password))
    return users
