"""Keep the report, drop the website: chrome lines, table-border garbage and spliced-in spam.

The cleaned text is what users read and what every span points into, so it stays readable
(full-width punctuation kept); ``lexicon.text.search_form`` gives the normalised form used for matching.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ingest.load.grid import table_from_grid
from ingest.records import Block, CleanDocument, LoadedDocument, Paragraph, Table

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_PIPE_TAIL = re.compile(r"(?:\s*\|){2,}\s*$")

# A whole paragraph that is page furniture. Only short paragraphs are tested, so report
# sentences that merely mention 首页 or 版权 are never touched.
_CHROME = re.compile(
    r"^(?:当前位置|您的位置|你的位置|首页\s*[>›»|/]|.*(?:>>|>|›|»)\s*(?:正文|内容|详情)\s*$)"
    r"|打印本页|关闭窗口|打印\s*关闭|【?\s*打印\s*】?|字号\s*[:：]?\s*[〖【\[]?\s*[大中小]?"
    r"|浏览次数|点击次数|访问次数|阅读次数|来源\s*[:：].{0,30}(?:浏览|点击)"
    r"|^[-•·\s]*(?:发布|更新)(?:日期|时间)\s*[:：]|^[-•·\s]*(?:发布日期|文章来源|点击次数|浏览次数)\s*[:：]"
    r"|copyright|版权所有|all rights reserved|icp\s*备|icp证|公网安备|网安备|网站标识码|网站地图"
    r"|^(?:上一篇|下一篇)\s*[:：]?|主办\s*[:：]?.{0,30}承办|技术支持\s*[:：]|^电话\s*[:：].{0,40}地址\s*[:：]"
    r"|^(?:首页|服务要闻)\s*\||今天是\s*[:：]|^\s*(?:分享到|扫一扫|收藏本页|设为首页|加入收藏)"
    r"|^[-—–]\s*\d{1,3}\s*[-—–]$",
    re.IGNORECASE,
)
_CHROME_MAX = 120

# Spliced spam not on the list: a gambling/game stem followed by a site word.
_SPAM_PATTERN = re.compile(
    r"[A-Za-z]{0,6}(?:电子|体育|娱乐|足球|彩票|棋牌|真人|博彩|赌场)[·\s]*(?:模拟器|试玩|投注|下注|官方网站|官网|平台|网址|入口|app|APP)"
    r"(?:[·\s]*(?:在线|平台|官网|入口|下载|试玩|\(中国\)|（中国）))*",
)
_GENUINE_AFTER_STEM = ("平台建设", "平台运", "平台管理")


@lru_cache(maxsize=1)
def spam_terms() -> tuple[str, ...]:
    path = Path(__file__).with_name("spam_terms.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    terms = [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]
    return tuple(sorted(terms, key=len, reverse=True))


def remove_spam(text: str) -> str:
    lowered = text.lower()
    for term in spam_terms():
        start = lowered.find(term)
        while start != -1:
            text = text[:start] + text[start + len(term) :]
            lowered = lowered[:start] + lowered[start + len(term) :]
            start = lowered.find(term)

    def drop(m: re.Match[str]) -> str:
        tail = text[m.end() : m.end() + 4]
        if any((m.group(0)[-2:] + tail).startswith(g) for g in _GENUINE_AFTER_STEM):
            return m.group(0)
        # keep ordinary phrases like "电子平台" inside sentences; spliced spam carries a
        # gambling word or sits at a sentence boundary
        before = text[max(0, m.start() - 1) : m.start()]
        gambling = re.search(r"模拟器|试玩|投注|下注|彩票|棋牌|博彩|赌场|足球|真人", m.group(0))
        if gambling or before in ("", "。", "！", "？", "；", " "):
            return ""
        return m.group(0)

    return _SPAM_PATTERN.sub(drop, text)


def normalize_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_chrome(text: str) -> bool:
    return len(text) <= _CHROME_MAX and bool(_CHROME.search(text))


def clean_paragraph(text: str) -> str:
    text = _PIPE_TAIL.sub("", text)
    text = re.sub(r"(?:\|\s*){3,}", " ", text)  # border garbage inside a line
    return normalize_spaces(remove_spam(normalize_spaces(text)))


def clean_table(table: Table) -> Table | None:
    grid = [[normalize_spaces(remove_spam(c)) for c in row] for row in table.rows]
    return table_from_grid(grid, set(table.spans), table.page)


def render_row(table: Table, r: int) -> str:
    """One pipe row; a cell a colspan repeats is shown once, every other cell (blank or not) kept."""
    return "| " + " | ".join(table.shown(r)) + " |"


def render_table(table: Table) -> str:
    return "\n".join(render_row(table, r) for r in range(len(table.rows)))


def clean(doc: LoadedDocument) -> CleanDocument:
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0

    def add(text: str, block: Block, table: Table | None = None) -> None:
        nonlocal pos
        if parts:
            parts.append("\n")
            pos += 1
        paragraphs.append(Paragraph(text=text, start=pos, end=pos + len(text), page=block.page, table=table))
        parts.append(text)
        pos += len(text)

    for block in doc.blocks:
        if block.table is not None:
            table = clean_table(block.table)
            if table is not None:
                add(render_table(table), block, table)
            continue
        text = clean_paragraph(block.text)
        if text and not is_chrome(text) and re.search(r"[\w\u4e00-\u9fff]", text):
            add(text, block)
    return CleanDocument(text="".join(parts), paragraphs=tuple(paragraphs))
