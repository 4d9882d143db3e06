"""``bilat serve`` in a real browser (Debian's chromium, driven by Playwright): each kind of page, a
search for a country, a pair followed from it, a query run from the SPARQL page; no console errors and
no request leaving 127.0.0.1. Screenshots go to the test's folder, and to docs/screenshots/ when
``BILAT_SCREENSHOTS=1``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from serving import bilat_serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS = Path(__file__).parent.parent / "docs" / "screenshots"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, seeded_store_dir: Path) -> Iterator[str]:
    store = tmp_path_factory.mktemp("browsed") / "store"
    shutil.copytree(seeded_store_dir, store)
    with bilat_serve(store) as url:
        yield url


def test_a_person_browses_searches_follows_a_pair_and_runs_a_query(base: str, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "chromium is not installed (apt-get install chromium)"
    errors: list[str] = []
    requests: list[str] = []
    shots: list[Path] = []

    def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        shots.append(path)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))

        page.goto(f"{base}/")
        assert page.locator("h1").inner_text() == "Bilateral relations"
        assert "triples" in page.locator("table.counts").inner_text()
        shoot(page, "home")

        page.fill(".search-form input[name=q]", "Azerbaijani")
        page.click(".search-form button")
        page.wait_for_url(f"{base}/country/AZ")
        assert page.locator("h1").inner_text() == "Azerbaijan"
        page.wait_for_function("document.querySelector('figure img').naturalWidth > 0", timeout=60_000)
        shoot(page, "country")

        page.click("table.partners a[href='/pair/AZ/CU']")
        page.wait_for_url(f"{base}/pair/AZ/CU")
        assert page.locator("h1").inner_text() == "Azerbaijan (AZ) – Cuba (CU)"
        assert "embassy in Baku" in page.locator("main").inner_text()
        page.wait_for_function("document.querySelector('.timeline img').naturalWidth > 0", timeout=60_000)
        shoot(page, "pair")

        page.fill("input[name=from]", "2020")
        page.click("form.window button")
        page.wait_for_url(f"{base}/pair/AZ/CU?from=2020&to=")
        assert "2020 to …" in page.locator("h1").inner_text()

        page.click("header a[href='/query']")
        page.fill("#query", 'SELECT ?name WHERE { ?c bilat:isoCode "CU" ; schema:name ?name }')
        page.press("#query", "Control+Enter")  # the page's own script submits it
        page.wait_for_selector("table.results")
        assert page.locator("table.results td").first.inner_text() == "Cuba"
        shoot(page, "sparql")

        page.goto(f"{base}/id/country/CU")
        assert page.locator("h1").inner_text() == "Cuba"
        shoot(page, "resource")
        browser.close()

    assert errors == []
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
    assert len(shots) == 5 and all(p.stat().st_size > 10_000 for p in shots)
    if os.environ.get("BILAT_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copyfile(shot, DOCS / shot.name)
