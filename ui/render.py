"""HTML for the web page. Everything that comes from a report or a file name goes through
``inert``: escaped for HTML and for Markdown, so it always shows as the text it is."""

from __future__ import annotations

import html
import re

from answer.records import Answer, Citation
from ingest.records import Section

_MARKDOWN = {c: f"&#{ord(c)};" for c in "[]()*_`#>!|~\\{}"}


def inert(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return "".join(_MARKDOWN.get(c, c) for c in escaped)


def citation_label(c: Citation) -> str:
    """Issuer, year, part and the first words of the quote (a table row's label), so that the
    sources of one answer never read alike."""
    words = re.sub(r"[|\s]+", " ", c.quote).strip()
    words = words[:16] + ("…" if len(words) > 16 else "")
    return f"[{c.n}] {c.issuer} {c.year or ''} · {c.section or '正文'} · {words}"


def answer_html(answer: Answer, turn: int = 0) -> str:
    """An answer for the chat: its text, each [n] mark a superscript that opens its source (the
    ``turn``-th answer's n-th; see ``ui.chat.OPEN_SOURCE``), and its sources, folded."""
    lines = []
    for line in answer.text.splitlines():
        safe = inert(line)
        safe = re.sub(
            r"&#91;(\d+)&#93;",
            rf'<sup class="nb-cite nb-ref-{turn}-\1" title="查看出处">[\1]</sup>',
            safe,
        )
        lines.append(safe)
    body = "<br>".join(lines)
    if answer.note:
        body += f'<div class="nb-note">{inert(answer.note)}</div>'
    if answer.citations:
        items = "".join(
            f'<li><b>{inert(citation_label(c))}</b><br><span class="nb-file">{inert(c.file)}</span>'
            f'<blockquote class="nb-quote"><mark>{inert(c.quote)}</mark></blockquote></li>'
            for c in answer.citations
        )
        body += f'<details class="nb-sources"><summary>来源（{len(answer.citations)}）</summary><ol>{items}</ol></details>'
    return body


def report_html(title: str, text: str, sections: list[Section], highlight: tuple[int, int] | None = None) -> str:
    """The cleaned report, part headings in bold, the cited span marked (the page scrolls to it)."""
    marks: list[tuple[int, str]] = []
    for s in sections:
        if s.heading and text[s.start : s.start + len(s.heading)] == s.heading:
            marks += [(s.start, "<b>"), (s.start + len(s.heading), "</b>")]
    if highlight is not None:
        marks += [(highlight[0], '<mark id="nb-highlight">'), (highlight[1], "</mark>")]
    marks.sort(key=lambda m: (m[0], m[1].startswith("<") and not m[1].startswith("</")))
    out, pos = [], 0
    for at, tag in marks:
        out.append(inert(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(inert(text[pos:]))
    return f'<div class="nb-report"><h3>{inert(title)}</h3><div class="nb-text">{"".join(out)}</div></div>'
