"""With a login, every route that carries data refuses a request without a session, over plain
HTTP (not only through the page); the data directory is never served, even with one."""

from __future__ import annotations

import json

import pytest
import requests

from tests.ui.test_browser import free_port

PROTECTED = [
    ("get", "/config"),
    ("get", "/gradio_api/info"),
    ("get", "/gradio_api/openapi.json"),
    ("get", "/gradio_api/queue/status"),
    ("get", "/gradio_api/file=/etc/passwd"),
    ("post", "/gradio_api/upload"),
    ("post", "/gradio_api/call/ask"),
]


@pytest.fixture(scope="module")
def guarded(shared_library):
    from ingest.pipeline import Ingester
    from ui.app import build_app

    app = build_app(shared_library, Ingester(shared_library))
    port = free_port()
    app.queue()
    app.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        auth=[("staff", "secret")],
        ssr_mode=False,
        quiet=True,
    )
    yield f"http://127.0.0.1:{port}", shared_library.data_dir
    app.close()


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_routes_refuse_requests_without_a_login(guarded, method, path):
    url, _ = guarded
    body = json.dumps({"data": ["额济纳旗2021年收到多少件政府信息公开申请？", None]})
    response = getattr(requests, method)(url + path, data=body, headers={"Content-Type": "application/json"}, timeout=30)
    assert response.status_code == 401, (path, response.status_code, response.text[:200])


def test_the_login_page_shows_no_report_data(guarded):
    url, _ = guarded
    page = requests.get(url + "/", timeout=30).text
    assert "淮安市洪泽区人民政府" not in page and "全旗共收到" not in page and "hongze_qu" not in page


def test_a_logged_in_user_gets_answers_but_never_the_data_directory(guarded):
    url, data_dir = guarded
    session = requests.Session()
    assert session.post(url + "/login", data={"username": "staff", "password": "wrong"}, timeout=30).status_code >= 400
    assert session.post(url + "/login", data={"username": "staff", "password": "secret"}, timeout=30).ok
    assert session.get(url + "/config", timeout=30).status_code == 200
    for target in (data_dir / "catalog.sqlite3", data_dir / "chroma" / "chroma.sqlite3"):
        assert session.get(f"{url}/gradio_api/file={target}", timeout=30).status_code in (403, 404)
