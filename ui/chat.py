"""The 问答 tab: the conversation, its filters and example questions, and the report beside it
opened at the source a [n] mark cites."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from answer.export import csv_text
from answer.records import Answer, Citation, Understanding
from answer.service import Answerer
from store.library import Library
from ui.render import TABLE_AFTER, answer_html, citation_label, inert, report_html


def scroll_to_mark(viewer: str) -> str:
    """JS that scrolls the report in the element ``viewer`` to its cited span."""
    return (
        f"() => {{ setTimeout(() => document.querySelector('#{viewer} #nb-highlight')"
        "?.scrollIntoView({block: 'center'}), 150); }"
    )


# a click on an [n] of any answer (class nb-ref-TURN-N) tells the page which source to open,
# through a hidden box (the time makes a second click on the same mark a change too)
OPEN_SOURCE = """() => {
  document.addEventListener('click', (event) => {
    const mark = event.target.closest('.nb-cite');
    const ref = mark && [...mark.classList].find((c) => c.startsWith('nb-ref-'));
    const box = document.querySelector('#nb-source-ref textarea');
    if (!ref || !box) return;
    box.value = ref.slice(7) + '@' + Date.now();
    box.dispatchEvent(new Event('input', {bubbles: true}));
  });
}"""


@dataclass
class ChatTab:
    question: gr.Textbox
    issuer: gr.Dropdown
    year: gr.Dropdown
    examples: gr.Dataset


def table_file(answer: Answer) -> str | None:
    """The answer's figures as a CSV file, when it states more than the chat's table threshold."""
    if len(answer.facts) <= TABLE_AFTER:
        return None
    path = Path(tempfile.mkdtemp(prefix="nianbao-")) / "回答中的数字.csv"
    path.write_text(csv_text(answer.figure_table()), encoding="utf-8-sig", newline="")
    return str(path)


def filters(issuer: str, year: str) -> Understanding | None:
    """The page's 限定单位 / 限定年度 as the answerer's filters (they hold for every turn)."""
    if not (issuer or year):
        return None
    return Understanding(question="", issuers=(issuer,) if issuer else (), issuer_text=issuer, year=int(year) if year else None)


def chat_tab(answerer: Answerer, library: Library, llm: Any = None) -> ChatTab:
    """The tab's components and events, inside the page's ``gr.Tab``."""

    def respond(message: str, history: list, previous: Understanding | None, turns: list, issuer: str, year: str, use_llm: bool):
        history, turns = list(history or []), list(turns or [])
        if not message.strip():
            yield history, previous, turns, gr.update(), "", gr.update()
            return
        limits = filters(issuer, year)
        history += [{"role": "user", "content": inert(message)}, {"role": "assistant", "content": "……"}]
        yield history, previous, turns, gr.update(choices=[], value=None), "", gr.update(value=None, visible=False)
        answer: Answer | None = None
        if not (use_llm and llm is not None):
            answer = answerer.ask(message, previous, limits)
        else:
            written = ""
            for piece in llm.stream(message, previous, limits):
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    written += piece
                    history[-1] = {"role": "assistant", "content": inert(written) + " ▍"}
                    yield history, previous, turns, gr.update(), "", gr.update()
        assert answer is not None
        shown = answer_html(answer, len(turns))
        if limits is not None:  # the filters are active: say so on every answer they shape
            what = "，".join(x for x in (issuer, f"{year}年" if year else "") if x)
            shown = f'<div class="nb-note">按页面限定：{inert(what)}</div>' + shown
        history[-1] = {"role": "assistant", "content": shown}
        turns.append(answer.citations)
        choices = [citation_label(c) for c in answer.citations]
        table = table_file(answer)
        download = gr.update(value=table, visible=True) if table else gr.update(value=None, visible=False)
        yield history, answer.understanding, turns, gr.update(choices=choices, value=None), "", download

    def show(c: Citation | None) -> str:
        if c is None:
            return ""
        data = library.read([c.report_id]).get(c.report_id)
        if data is None:  # deleted since the answer was given
            return f"<p>报告已不在库中：{inert(c.file)}</p>"
        return report_html(data.report.title, data.text, list(data.sections), (c.start, c.end))

    def open_latest(label: str | None, turns: list[list[Citation]]) -> str:
        """A source of the latest answer, chosen in the list beside the chat."""
        return show(next((c for c in (turns or [[]])[-1] if citation_label(c) == label), None))

    def open_mark(ref: str, turns: list[list[Citation]]) -> str:
        """The source an [n] of any answer cites: ``ref`` is "TURN-N@time"."""
        turn, _, n = ref.partition("@")[0].partition("-")
        if not (turn.isdigit() and n.isdigit()) or int(turn) >= len(turns or []):
            return ""
        return show(next((c for c in turns[int(turn)] if c.n == int(n)), None))

    with gr.Row():
        with gr.Column(scale=3):
            # no floating label: it would sit over the messages once they scroll
            chatbot = gr.Chatbot(
                label="对话", show_label=False, height=520, elem_id="nb-chat", sanitize_html=True, feedback_options=None
            )
            question = gr.Textbox(label="问题", elem_id="nb-question", submit_btn="提问")
            with gr.Row():
                issuer = gr.Dropdown(choices=[""], value="", label="限定单位（可选）", elem_id="nb-chat-issuer")
                year = gr.Dropdown(choices=[""], value="", label="限定年度（可选）")
                use_llm = gr.Checkbox(
                    value=llm is not None,
                    interactive=llm is not None,
                    label=f"由模型改写回答（{llm.model.name}）" if llm is not None else "由模型改写回答（未配置）",
                )
            download = gr.File(label="下载本回答的表格（CSV）", visible=False, elem_id="nb-answer-csv")
            clear = gr.Button("清空对话", variant="secondary")
            examples = gr.Dataset(components=[question], samples=[], label="示例问题", elem_id="nb-examples")
        with gr.Column(scale=2):
            sources = gr.Radio(label="来源（点击查看原文）", choices=[], elem_id="nb-sources")
            report_view = gr.HTML(elem_id="report-view")
    ref = gr.Textbox(visible="hidden", elem_id="nb-source-ref")
    state = gr.State(None)
    turns = gr.State([])  # the citations of every answer so far, in order
    # no limit on this event: a slow model answer holds its own thread, never a slot a quick one needs
    question.submit(
        respond,
        [question, chatbot, state, turns, issuer, year, use_llm],
        [chatbot, state, turns, sources, question, download],
        concurrency_limit=None,
    )
    examples.click(lambda sample: sample[0], examples, question)
    sources.change(open_latest, [sources, turns], report_view).then(None, js=scroll_to_mark("report-view"))
    ref.change(open_mark, [ref, turns], report_view).then(None, js=scroll_to_mark("report-view"))
    clear.click(
        lambda: ([], None, [], gr.update(choices=[], value=None), ""),
        None,
        [chatbot, state, turns, sources, report_view],
    )
    return ChatTab(question, issuer, year, examples)
