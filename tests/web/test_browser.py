"""End to end in a real browser: uvicorn on a loopback port over the corpus store, headless
Chromium (Debian's chromium + chromium-driver) driven with Selenium.

Set ``ESCALADA_SCREENSHOT_DIR`` to keep the screenshots (they always go to the test's tmp
directory too).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _serving(db_url: str):  # noqa: ANN202 - a context manager of the base URL
    """The app over ``db_url`` served by uvicorn on 127.0.0.1 in a thread."""
    import uvicorn

    from escalada.api import ApiSettings, create_app

    port = _free_port()
    config = uvicorn.Config(create_app(ApiSettings(db_url=db_url)), host="127.0.0.1",
                            port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not uv.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            assert thread.is_alive(), "uvicorn exited"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(web_corpus_url, tmp_path):
    """The app over a copy of the test corpus store; yields its base URL."""
    copy = tmp_path / "browser.sqlite"
    shutil.copy(web_corpus_url.removeprefix("sqlite:///"), copy)
    with _serving(f"sqlite:///{copy}") as base:
        yield base


@pytest.fixture
def demo_server(tmp_path, rules_coder):
    """The app over a store holding the packaged demo corpus (``escalada.demo``)."""
    demo = pytest.importorskip("escalada.demo", reason="the demo corpus is not in this tree")
    from escalada.settings import Settings
    from escalada.store import ingest_sources, open_store

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    session_factory = open_store(url)
    ingest_sources([str(demo.demo_path())], session_factory=session_factory,
                   settings=Settings(use_learned_model=False), coder=rules_coder)
    session_factory.kw["bind"].dispose()
    with _serving(url) as base:
        yield base, demo.DEMO_DYAD


@pytest.fixture
def browser(tmp_path):
    pytest.importorskip("selenium")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1280,1400", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(15)
    yield driver
    driver.quit()


def _screenshot(driver, tmp_path: Path, name: str) -> Path:  # noqa: ANN001
    path = tmp_path / name
    assert driver.save_screenshot(str(path))
    if keep := os.environ.get("ESCALADA_SCREENSHOT_DIR"):
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / name)
    return path


def _severe_logs(driver) -> list[str]:  # noqa: ANN001
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]]


def test_dyad_chart_timeline_and_click_through_to_an_event(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 10)
    browser.get(f"{server}/dyads/USA-VEN")
    # plotly drew the chart: its svg with one bar trace per quad
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#chart svg.main-svg")))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chart g.trace.bars path"))
    assert browser.execute_script("return typeof Plotly") == "object"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#chart g.trace.bars")) == 4
    rows = browser.find_elements(By.CSS_SELECTOR, "#timeline tr.event")
    assert len(rows) == 3
    assert "<script>alert(1)</script>" in browser.find_element(By.ID, "timeline").text
    assert "12 troops" in browser.find_element(By.ID, "contested").text
    _screenshot(browser, tmp_path, "dyad-USA-VEN.png")
    assert _severe_logs(browser) == []

    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#timeline a.event-link")
                if a.text == "THREATEN")
    link.click()
    wait.until(ec.url_contains("/events/"))
    mentions = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.mention"))
    assert len(mentions) == 2
    outlets = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "li.mention .source a")}
    assert outlets == {"Reuters", "AP"}
    assert browser.find_element(By.ID, "n-sources").text == "2"
    shot = _screenshot(browser, tmp_path, "event-threaten.png")
    assert shot.stat().st_size > 10_000
    assert _severe_logs(browser) == []


def test_demo_corpus_dyad_page_and_an_event(demo_server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, dyad = demo_server
    wait = WebDriverWait(browser, 10)
    browser.get(f"{base}/dyads/{dyad}")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#chart svg.main-svg")))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chart g.trace.bars path"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#timeline tr.event")
    assert len(rows) >= 5
    _screenshot(browser, tmp_path, f"demo-{dyad}.png")
    rows[0].find_element(By.CSS_SELECTOR, "a.event-link").click()
    wait.until(ec.url_contains("/events/"))
    assert wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.mention"))
    _screenshot(browser, tmp_path, "demo-event.png")
    assert _severe_logs(browser) == []
