"""Login throttling over HTTP against the real page, and the delay rule on its own."""

from __future__ import annotations

import logging
import time

import pytest
import requests

from tests.ui.test_browser import free_port
from ui.login import Throttle


@pytest.fixture(scope="module")
def page(fake_library_module):
    from ingest.pipeline import Ingester
    from ui.app import build_app, launch_options

    app = build_app(fake_library_module, Ingester(fake_library_module))
    port = free_port()
    app.queue()
    options = launch_options([("staff", "secret")], 5, Throttle(free_tries=5, first_wait_s=1.5))
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **options)
    yield f"http://127.0.0.1:{port}"
    app.close()


@pytest.fixture(scope="module")
def fake_library_module(tmp_path_factory):
    from embedding.embed import HashingEmbedder
    from tests.conftest import open_store

    return open_store(tmp_path_factory.mktemp("login") / "data", HashingEmbedder())


def login(url: str, password: str, name: str = "staff") -> requests.Response:
    return requests.post(url + "/login", data={"username": name, "password": password}, timeout=30)


def test_five_failures_then_even_the_right_password_waits(page, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.login"):
        for _ in range(5):
            assert login(page, "wrong").status_code == 400
    assert sum("failed login" in r.message for r in caplog.records) == 5
    refused = login(page, "secret")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1 and "请在" in refused.json()["detail"]
    time.sleep(1.6)
    assert login(page, "wrong").status_code == 400  # a try after the wait is answered, and doubles the next wait
    assert login(page, "secret").status_code == 429
    time.sleep(3.1)
    assert login(page, "secret").ok  # the wait over, the right password works and clears the count
    assert login(page, "wrong").status_code == 400


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_delay_grows_per_failure_and_is_capped() -> None:
    clock = Clock()
    t = Throttle(free_tries=5, first_wait_s=2.0, longest_wait_s=60.0, clock=clock)
    keys = ("ip:10.0.0.1", "name:staff")
    for _ in range(5):
        assert t.wait_s(keys) == 0
        t.record(keys, ok=False)
    waits = []
    for _ in range(7):
        waits.append(t.wait_s(keys))
        clock.now += waits[-1]
        t.record(keys, ok=False)
    assert waits == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


def test_a_name_is_throttled_from_any_address_and_an_address_for_any_name() -> None:
    t = Throttle(free_tries=5, first_wait_s=2.0, clock=Clock())
    for i in range(5):
        t.record((f"ip:10.0.0.{i}", "name:staff"), ok=False)  # one name tried from five addresses
    assert t.wait_s(("ip:10.0.0.99", "name:staff")) > 0
    assert t.wait_s(("ip:10.0.0.99", "name:other")) == 0
    for i in range(5):
        t.record(("ip:10.0.0.7", f"name:user{i}"), ok=False)  # one address trying five names
    assert t.wait_s(("ip:10.0.0.7", "name:fresh")) > 0
    t.record(("ip:10.0.0.99", "name:staff"), ok=True)
    assert t.wait_s(("ip:10.0.0.99", "name:staff")) == 0


def test_the_login_page_is_chinese_and_names_the_product(page) -> None:
    from ui.app import PRODUCT
    from ui.locale import SCRIPT

    html = requests.get(page + "/", headers={"Accept-Language": "en-US,en;q=0.9"}, timeout=30).text
    # the locale is set before Gradio's own scripts read it
    assert SCRIPT in html and html.index(SCRIPT) < html.index('type="module"')
    refused = requests.get(page + "/config", timeout=30)  # what the login form is given: the product's name
    assert refused.status_code == 401 and PRODUCT in refused.json()["detail"]["auth_message"]
