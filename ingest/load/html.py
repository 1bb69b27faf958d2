"""Government web pages: find the article, drop the site around it, keep tables as grids."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from ingest.load.grid import table_from_grid
from ingest.load.text import decode
from ingest.records import Block, Table

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "iframe",
    "head",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "select",
    "svg",
    "meta",
    "link",
]
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "pre",
    "br",
    "tr",
    "dd",
    "dt",
}
_META_LABELS = ("索引号", "发布机构", "公开日期", "发文日期", "成文日期", "文号", "主题分类", "信息分类")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


def _text_len(el: Tag) -> int:
    return len(re.sub(r"\s+", "", el.get_text()))


def _link_len(el: Tag) -> int:
    return sum(len(re.sub(r"\s+", "", a.get_text())) for a in el.find_all("a"))


def _is_metadata_box(table: Tag) -> bool:
    """The 索引号/发布机构/公开日期 box government sites print above an article."""
    text = table.get_text()
    return sum(label in text for label in _META_LABELS) >= 2 and _text_len(table) < 400


def _metadata_hints(table: Tag) -> dict[str, str]:
    cells = [re.sub(r"\s+", " ", td.get_text()).strip() for td in table.find_all(["td", "th"])]
    hints = {}
    for label, value in zip(cells, cells[1:]):
        key = label.rstrip("：:").strip()
        if key in ("发布机构", "公开日期", "名称", "成文日期", "发文日期") and value:
            hints[key] = value
    return hints


def _main_content(body: Tag) -> Tag:
    """The element holding most of the page's non-link text; descend while one child holds nearly all of it."""
    best = body
    while True:
        children = [c for c in best.find_all(recursive=False) if isinstance(c, Tag)]
        scored = [(_text_len(c) - 2 * _link_len(c), c) for c in children]
        total = _text_len(best) - 2 * _link_len(best)
        if not scored or total <= 0:
            return best
        score, child = max(scored, key=lambda s: s[0])
        if score < 0.8 * total or child.name in ("table", "p"):
            return best
        best = child


def table_grid(table: Tag) -> Table | None:
    """Expand rowspan/colspan so every covered cell repeats the spanning cell's text."""
    grid: dict[tuple[int, int], str] = {}
    spans: set[tuple[int, int]] = set()
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text = join_fragments(cell.stripped_strings)
            rowspan = _span(cell.get("rowspan"))
            colspan = _span(cell.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
                    if dc:
                        spans.add((r + dr, c + dc))
            c += colspan
    if not grid:
        return None
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return table_from_grid([[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)], spans)


def join_fragments(parts: Iterable[str]) -> str:
    """Join a cell's text nodes: no space inside Chinese ("商业" + "企业"), one between Latin words."""
    out = ""
    for part in parts:
        part = _WS.sub(" ", part).strip()
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 100))
    except (TypeError, ValueError):
        return 1


def _blocks(root: Tag) -> list[Block]:
    blocks: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        if text:
            blocks.extend(Block(text=line.strip()) for line in text.split("\n") if line.strip())
        buf.clear()

    def walk(el: Tag) -> None:
        for node in el.children:
            if isinstance(node, Tag):
                if node.name == "table":
                    flush()
                    grid = table_grid(node)
                    if grid is not None:
                        blocks.append(Block(table=grid))
                    continue
                if node.name in _BLOCK_TAGS:
                    flush()
                    walk(node)
                    flush()
                else:
                    walk(node)
            elif isinstance(node, str):
                buf.append(str(node).replace("\n", " "))

    walk(root)
    flush()
    return blocks


def read_html(data: bytes) -> tuple[list[Block], dict[str, str]]:
    soup = BeautifulSoup(decode(data), "lxml")
    hints: dict[str, str] = {}
    if soup.title and soup.title.string:
        hints["page_title"] = soup.title.string.strip()
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for table in soup.find_all("table"):
        if table.parent is not None and _is_metadata_box(table):
            hints.update(_metadata_hints(table))
            table.decompose()
    main = _main_content(soup.body or soup)
    blocks = _blocks(main)
    heading = main.find_previous(["h1", "h2"])
    if heading is not None and heading.get_text(strip=True):
        blocks.insert(0, Block(text=heading.get_text(" ", strip=True)))
    return blocks, hints
