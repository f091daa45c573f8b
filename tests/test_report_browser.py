"""The report in headless Chromium: charts render, no console errors, nothing loaded from outside."""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "build" / "report"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    if not (REPORT / "index.html").exists():
        pytest.fail("build/report/index.html is missing: run `make report` (make test builds it first)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600"):
        opts.add_argument(arg)
    opts.binary_location = CHROMIUM
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.get("about:blank")
    blank = len(driver.get_screenshot_as_png())
    yield driver, blank
    driver.quit()


def pages():
    names = ["index.html", "tu-dien-du-lieu.html", "data-docs/index.html"]
    names += sorted(p.name for p in REPORT.glob("0*.html")) if REPORT.exists() else []
    return names


@pytest.mark.parametrize("page", pages())
def test_page_renders_offline(browser, page):
    driver, blank_size = browser
    driver.get_log("browser"), driver.get_log("performance")  # drain
    driver.get((REPORT / page).as_uri())
    deadline = time.time() + 20
    while time.time() < deadline:
        pending = driver.execute_script(
            "return document.querySelectorAll('div.vega-chart:not([data-rendered=interactive])').length")
        if pending == 0:
            break
        time.sleep(0.2)
    charts = driver.execute_script("""
        return Array.from(document.querySelectorAll('div.vega-chart')).map(function (el) {
            const svg = el.querySelector('svg'); const box = svg ? svg.getBoundingClientRect() : null;
            return {rendered: el.getAttribute('data-rendered'), w: box ? box.width : 0, h: box ? box.height : 0,
                    marks: el.querySelectorAll('svg path, svg rect, svg line').length};
        });""")
    if page.startswith("0"):
        assert charts, "every analysis page has at least one chart"
    for c in charts:
        assert c["rendered"] == "interactive" and c["w"] > 100 and c["h"] > 50 and c["marks"] > 5, c
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    requests = set()
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.add(msg["params"]["request"]["url"])
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert outside == []
    assert len(driver.get_screenshot_as_png()) > 3 * blank_size, "the page looks blank"


def test_tooltip_shows_the_quote_and_report(browser):
    driver, _ = browser
    driver.get((REPORT / "02_giai_ngan.html").as_uri())
    time.sleep(2)
    spec = json.loads(driver.execute_script(
        "return document.querySelector('div.vega-chart').getAttribute('data-spec')"))
    fields = json.dumps(spec, ensure_ascii=False)
    assert '"title": "Trích dẫn"' in fields and '"title": "Báo cáo"' in fields


def test_make_offline_strips_every_external_reference():
    from vnreports.serve.report import external_references, make_offline

    page = ('<html><head><script src="https://cdn.example/x.js"></script>'
            '<link rel="stylesheet" href="https://cdn.example/a.css"><style>@import url("https://f.example/f.css");'
            ".logo{background:url('https://s3.example/logo.png')}</style></head>"
            '<body><img src="http://x.example/i.png"><script src="assets/vega-bundle.js"></script></body></html>')
    assert len(external_references(page)) == 5
    clean = make_offline(page, "")
    assert external_references(clean) == []
    assert 'src="assets/vega-bundle.js"' in clean and 'href="assets/report.css"' in clean
