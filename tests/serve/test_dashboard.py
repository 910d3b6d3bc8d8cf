"""The dashboard in a real headless Chromium (Debian's package), driven by Playwright.

It filters, opens an event and sees its highlighted evidence, opens an actor and its link
graph, and saves screenshots that the README shows.
"""

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import sync_playwright

from dronewatch.config import Config
from dronewatch.serve.api import create_app

from ..conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "docs" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(served_db):
    port = _free_port()
    config = uvicorn.Config(
        create_app(Config(db=str(served_db))), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Debian's chromium must be installed (.ci/run installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.set_default_timeout(20000)
        yield pg
        browser.close()


def until(page, expression: str, timeout: float = 15.0) -> None:
    """Wait for a condition by polling from here: the page's CSP (no eval) forbids in-page polling."""
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def wait_ready(page, path):
    until(page, f"document.body.dataset.ready === {path!r}")


def test_overview_map_timeline_list_and_filters(server, page):
    page.goto(server + "/#/")
    wait_ready(page, "/")
    assert (
        page.locator("#map .leaflet-interactive, #map .marker-cluster").count() > 0
    )  # markers, no tiles needed
    assert page.locator("#timeline").is_visible()
    assert page.locator("#events tbody tr").count() > 5
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "overview.png"))
    page.fill("#filters input[name=country]", "CO")
    page.click("#filters button[type=submit]")
    until(page, "location.hash.includes('country=CO')")
    wait_ready(page, "/")
    until(page, "document.querySelectorAll('#events tbody tr').length > 0")
    wheres = page.locator("#events tbody tr td:nth-child(3)").all_inner_texts()
    assert wheres and all(w.endswith("CO") for w in wheres)
    assert page.input_value("#filters input[name=country]") == "CO"  # the filter lives in the URL


def test_event_page_highlights_evidence_and_flags_disagreement(server, page):
    page.goto(server + "/#/?country=CO&min_sources=2")
    wait_ready(page, "/")
    page.locator("#events tbody tr").first.click()
    until(page, "location.hash.startsWith('#/event/')")
    until(page, "document.body.dataset.ready.startsWith('/event/')")
    marks = page.locator(".source mark")
    assert marks.count() >= 2
    assert "dron" in marks.first.inner_text().lower()
    assert page.locator("#fields tbody tr").count() >= 4
    page.screenshot(path=str(SHOTS / "event.png"), full_page=True)


def test_actor_page_with_link_graph(server, page):
    page.goto(server + "/#/actor/" + "Sinaloa%20Cartel")
    until(page, "document.body.dataset.ready.startsWith('/actor/')")
    until(page, "window.actorGraph && window.actorGraph.nodes().length > 1")
    assert page.locator("#graph canvas").count() > 0
    assert "Sinaloa Cartel" in page.locator("main h2").first.inner_text()
    page.screenshot(path=str(SHOTS / "actor.png"), full_page=True)


def test_trends_and_review(server, page):
    page.goto(server + "/#/trends?by=country")
    until(page, "document.body.dataset.ready.startsWith('/trends')")
    assert page.locator("main table tbody tr").count() > 3
    page.goto(server + "/#/review")
    until(page, "document.body.dataset.ready === '/review'")
    assert "Candidate actors" in page.locator("main h2").first.inner_text()


def test_screening_page_upload_review_and_decision_kept(server, page, served_db, tmp_path):
    from dronewatch.screen.watchlists import builtin_entities, import_entities
    from dronewatch.serve.auth import create_token
    from dronewatch.store import Store

    store = Store(f"sqlite:///{served_db}")
    import_entities(store, "dronewatch", builtin_entities())
    token = create_token(store, "analyst", "browser test")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,nationality\nХоакин Гусман,\nMaría López Díaz,CO\n", encoding="utf-8")
    page.goto(server + "/#/screen")
    until(page, "document.body.dataset.ready === '/screen'")
    page.fill("#token", token)
    page.dispatch_event("#token", "change")
    page.set_input_files("#screen-form input[type=file]", str(roster))
    page.click("#screen-form button[type=submit]")
    until(page, "document.querySelectorAll('#screen-table tbody tr').length === 2")
    first = page.locator("#screen-table tbody tr").first
    assert "Joaquín Guzmán" in first.inner_text()
    first.locator("button[data-d=confirmed]").click()
    until(page, "document.querySelector('#screen-table tbody tr .decision').textContent === 'confirmed'")
    page.reload()
    until(page, "document.querySelectorAll('#screen-table tbody tr').length === 2")
    assert page.locator("#screen-table tbody tr .decision").first.inner_text() == "confirmed"
    page.screenshot(path=str(SHOTS / "screening.png"), full_page=True)
