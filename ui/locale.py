"""The page speaks Chinese whatever the browser's locale. Gradio picks its own strings (the upload
area, toasts, the login form) from ``navigator.language`` as its scripts start, before anything a
page can add through Gradio; so this ASGI middleware writes a script that reports zh-CN into the
<head> of every HTML page it serves, ahead of Gradio's own."""

from __future__ import annotations

from ui.login import ASGIApp, Message, Receive, Scope, Send

LOCALE = "zh-CN"
SCRIPT = (
    f"<script>for (const [name, value] of [['language', '{LOCALE}'], ['languages', ['{LOCALE}', 'zh']]])"
    " Object.defineProperty(navigator, name, {get: () => value});</script>"
)


class ChineseLocale:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers", [])).get(b"content-type", b"")
                if not kind.startswith(b"text/html"):
                    await send(message)
                    return
                start = message  # held until the whole page is read
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body).replace(b"<head>", b"<head>" + SCRIPT.encode(), 1)
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            await send({**start, "headers": [*kept, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewrite)
