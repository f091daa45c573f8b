"""The report in headless Chromium: charts render, no console errors, nothing loaded from outside; the overview
and the district profiles at laptop and phone widths."""

import json
import os
import re
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
    if REPORT.exists():
        names += sorted(p.name for p in REPORT.glob("0*.html")) + sorted(p.name for p in REPORT.glob("ho-so-*.html"))
    return names


def analysis_page(page: str) -> bool:
    """The pages an analyst reads: the overview, the analysis notebooks, the district profiles."""
    return page == "index.html" or page.startswith(("0", "ho-so-"))


FILE_NAME = re.compile(r"_[0-9a-f]{16}\.txt")
LAPTOP, PHONE = (1366, 900), (390, 844)


def open_page(driver, page: str) -> list[dict]:
    """Load a page, wait for its charts to turn interactive; return what each chart drew."""
    driver.get_log("browser"), driver.get_log("performance")  # drain
    driver.get((REPORT / page).as_uri())
    deadline = time.time() + 20
    while time.time() < deadline:
        pending = driver.execute_script(
            "return document.querySelectorAll('div.vega-chart:not([data-rendered=interactive])').length")
        if pending == 0:
            break
        time.sleep(0.2)
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('div.vega-chart')).map(function (el) {
            const svg = el.querySelector('svg'); const box = svg ? svg.getBoundingClientRect() : null;
            return {rendered: el.getAttribute('data-rendered'), w: box ? box.width : 0, h: box ? box.height : 0,
                    marks: el.querySelectorAll('svg path, svg rect, svg line').length};
        });""")


def assert_clean(driver, page: str, charts: list[dict]) -> None:
    """Charts drawn, no console error, no request leaving the machine, no file name as a report's name."""
    if analysis_page(page):
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
    if analysis_page(page):
        text = driver.find_element("tag name", "body").text
        assert not FILE_NAME.findall(text), f"{page} shows a file name as a report's name"


@pytest.mark.parametrize("page", pages())
def test_page_renders_offline(browser, page):
    driver, blank_size = browser
    charts = open_page(driver, page)
    assert_clean(driver, page, charts)
    assert len(driver.get_screenshot_as_png()) > 3 * blank_size, "the page looks blank"


def first_profile() -> str:
    found = sorted(p.name for p in REPORT.glob("ho-so-*.html")) if REPORT.exists() else []
    return found[0] if found else "ho-so-missing.html"


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("page", ["index.html", "ho-so-loc-binh.html", "ho-so-chi-lang.html", first_profile()])
def test_overview_and_profiles_read_on_a_laptop_and_a_phone(browser, page, size):
    driver, _ = browser
    width, height = size
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        charts = open_page(driver, page)
        assert_clean(driver, page, charts)
        scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == width and scroll <= inner, f"the page is wider than the screen: {scroll} > {inner}"
        for c in charts:  # every chart fits the screen
            assert c["w"] <= width, c
        if width < 600:  # on a phone, table rows read as cards: a header before each value
            stacked = driver.execute_script("""const td = document.querySelector('table.vn-stack td');
                return td ? [getComputedStyle(td).display, getComputedStyle(td, '::before').content] : null;""")
            assert stacked is None or (stacked[0] == "flex" and stacked[1] not in ("none", '""')), stacked
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_overview_links_figures_to_pages_with_their_quotes_and_every_profile(browser):
    driver, _ = browser
    open_page(driver, "index.html")
    links = driver.execute_script("return Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    profiles = sorted(p.name for p in REPORT.glob("ho-so-*.html"))
    assert profiles and set(profiles) <= set(links)
    assert {"02_giai_ngan.html", "03_ngan_sach.html", "04_nong_thon_moi.html", "05_chi_tieu_thoi_han.html",
            "06_chat_luong_du_lieu.html"} <= set(links)
    quoted = driver.execute_script("""return Array.from(document.querySelectorAll('span.vn-quote[title] a, '
        + 'a span.vn-quote[title], span.vn-quote[title]')).map(s => s.closest('span.vn-quote').title)""")
    assert any("41,4%" in q for q in quoted), "a figure shows its quote on hover"
    text = driver.find_element("tag name", "body").text
    for heading in ("Giải ngân", "Thu, chi ngân sách", "Nông thôn mới", "Chỉ tiêu và thời hạn", "Chất lượng dữ liệu"):
        assert heading in text
    assert "thứ 4/11" in text and "41,4%" in text and "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình" in text


def test_every_district_with_figures_has_a_profile_linked_from_every_analysis_page():
    import duckdb

    from vnreports.serve.nb import profile_districts

    with duckdb.connect(str(ROOT / "data" / "warehouse.duckdb"), read_only=True) as con:
        expected = {d["href"] for d in profile_districts(con)}
        names = {d["href"]: d["district_name"] for d in profile_districts(con)}
    assert expected == {p.name for p in REPORT.glob("ho-so-*.html")}
    for page in [p for p in REPORT.glob("*.html") if analysis_page(p.name)]:
        text = page.read_text(encoding="utf-8")
        assert all(f'href="{h}"' in text for h in expected), page.name
    for href, name in names.items():
        body = (REPORT / href).read_text(encoding="utf-8")
        assert f"Hồ sơ {name[0].lower()}{name[1:]}" in body
        for section in ("Số liệu theo chủ đề", "Thứ hạng", "Các xã xây dựng nông thôn mới", "Chỉ tiêu và thời hạn",
                        "Vấn đề trong báo cáo về huyện"):
            assert section in body, (href, section)


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


def test_the_profile_notebook_takes_its_district_as_a_parameter():
    from vnreports.serve.nb import slug
    from vnreports.serve.report import PROFILE, read_notebook

    plain = read_notebook(ROOT / "notebooks" / f"{PROFILE}.py")
    nb = read_notebook(ROOT / "notebooks" / f"{PROFILE}.py", {"district_code": "180"})
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    assert nb.cells[at + 1].source == "district_code = '180'" and len(nb.cells) == len(plain.cells) + 1
    assert [c["id"] for c in nb.cells] == [f"c{i:03d}" for i in range(len(nb.cells))]
    assert slug("Lộc Bình") == "loc-binh" and slug("Đình Lập") == "dinh-lap" and slug("Thành phố Lạng Sơn") == \
        "thanh-pho-lang-son"
