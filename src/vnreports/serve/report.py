"""`make report`: execute the notebooks headless and write an offline HTML report.

build/report/
  index.html              the overview (notebook 00_tong_quan): latest figures by topic and district
  <notebook>.html          one page per analysis notebook (code hidden), charts interactive
  ho-so-<huyen>.html       one profile per district with figures (notebook 08_ho_so_huyen, parameterised)
  tu-dien-du-lieu.html     data dictionary from the warehouse's comments
  data-docs/               Great Expectations Data Docs (made offline)
  assets/                  the Vega bundle and the report stylesheet

Nothing is loaded from the internet: every external <script>, <link> and <img> that a template
adds is removed, and the charts' JavaScript is a local file made by vl-convert.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
from pathlib import Path

# The overview notebook is written as index.html; the profile notebook is executed once per district
# that has figures (the list is read from the warehouse at report time), its parameters cell
# (tagged "parameters") followed by one that sets district_code.
OVERVIEW = "00_tong_quan"
PROFILE = "08_ho_so_huyen"

ASSETS_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; }
.jp-Notebook, main { max-width: 1100px; margin: 0 auto; }
main { padding: 0 8px; }
main h1, main h2 { overflow-wrap: anywhere; }
table.vn-table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
table.vn-table th, table.vn-table td { border: 1px solid #ccd; padding: 4px 8px; text-align: left !important; vertical-align: top; }
table { border-collapse: collapse; }
.data-docs td, .data-docs th { border: 1px solid #ddd; padding: 3px 6px; }
table.vn-table th { background: #eef2f7; }
div.vega-chart { display: block; width: 100%; margin: 8px 0 20px; max-width: 100%; overflow-x: auto; }
.vn-scroll { max-width: 100%; overflow-x: auto; }
span.vn-quote { border-bottom: 1px dotted #8895a7; cursor: help; }
nav.vn-nav { max-width: 1100px; margin: 8px auto; font-size: 14px; padding: 0 8px; box-sizing: border-box; }
nav.vn-nav div { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 2px 0; }
nav.vn-nav span { color: #555; }
.vn-keys { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 16px; }
.vn-keys div { background: #eef2f7; border-radius: 6px; padding: 6px 12px; }
.vn-keys b { display: block; font-size: 20px; }
@media (max-width: 600px) {
  nav.vn-nav { font-size: 13px; }
  table.vn-table { font-size: 13px; }
  table.vn-table th, table.vn-table td { padding: 3px 5px; }
  .jp-Cell { padding-left: 4px !important; padding-right: 4px !important; }
  /* on a phone each row of an analysis table is a card: "header: value" lines */
  table.vn-stack, table.vn-stack tbody, table.vn-stack tr, table.vn-stack td {
    display: block; width: 100%; box-sizing: border-box; }
  table.vn-stack thead { display: none; }
  table.vn-stack tr { border: 1px solid #ccd; border-radius: 6px; margin: 0 0 8px; padding: 4px 0;
    background: #fff !important; }
  table.vn-stack td { border: none !important; display: flex; gap: 8px; padding: 2px 8px; }
  table.vn-stack td::before { content: attr(data-label); flex: 0 0 38%; color: #556; font-weight: bold; }
}
"""

# Vega charts: upgrade each static SVG to an interactive chart (tooltips) when the bundle loads.
BUNDLE_SNIPPET = """
window.vegaEmbed = vegaEmbed;
const VI_LOCALE = %s;
function renderCharts() {
  document.querySelectorAll('div.vega-chart[data-spec]').forEach(function (el) {
    const spec = JSON.parse(el.getAttribute('data-spec'));
    vegaEmbed(el, spec, {renderer: 'svg', actions: false, formatLocale: VI_LOCALE})
      .then(function () { el.setAttribute('data-rendered', 'interactive'); })
      .catch(function (err) { console.error(err); });
  });
}
if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', renderCharts); }
else { renderCharts(); }
"""

_EXTERNAL = [
    re.compile(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I),
    re.compile(r"<link[^>]*\bhref=[\"']https?://[^>]*>", re.I),
    re.compile(r"<img[^>]*\bsrc=[\"']https?://[^>]*>", re.I),
]


def make_offline(text: str, assets_prefix: str) -> str:
    """Remove every reference that would load from the internet; add the local stylesheet."""
    for pattern in _EXTERNAL:
        text = pattern.sub("", text)
    # MathJax and require.js configuration blocks point at CDNs; the report needs neither.
    text = re.sub(r"<script[^>]*>\s*(?:MathJax|require\.config|window\.MathJax)[\s\S]*?</script>", "", text)
    text = re.sub(r"@import url\([\"']?https?://[^)]*\);?", "", text)
    text = re.sub(r"url\([\"']?https?://[^)]*\)", "none", text)
    link = f'<link rel="stylesheet" href="{assets_prefix}assets/report.css">'
    return text.replace("</head>", link + "\n</head>", 1)


def external_references(text: str) -> list[str]:
    """URLs the page would fetch (src/href of scripts, styles, images, fonts, CSS imports)."""
    found = re.findall(r"<(?:script|img|iframe|source)[^>]*\bsrc=[\"'](https?://[^\"']+)", text, re.I)
    found += re.findall(r"<link[^>]*\bhref=[\"'](https?://[^\"']+)", text, re.I)
    found += re.findall(r"url\([\"']?(https?://[^)\"']+)", text, re.I)
    found += re.findall(r"@import\s+[\"'](https?://[^\"']+)", text, re.I)
    return found


def write_assets(out: Path) -> None:
    import json

    import vl_convert as vlc

    from vnreports.serve.nb import VI_LOCALE

    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "report.css").write_text(ASSETS_CSS, encoding="utf-8")
    bundle = vlc.javascript_bundle(BUNDLE_SNIPPET % json.dumps(VI_LOCALE, ensure_ascii=False))
    (assets / "vega-bundle.js").write_text(bundle, encoding="utf-8")


def notebook_title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return "Notebook"


@contextlib.contextmanager
def notebook_environment(root: Path):
    """The kernels' environment: the project root and package, no jupysql telemetry (offline)."""
    names = ("VNREPORTS_ROOT", "PYTHONPATH", "PLOOMBER_STATS_ENABLED", "PLOOMBER_VERSION_CHECK_DISABLED")
    saved = {k: os.environ.get(k) for k in names}
    os.environ["PLOOMBER_STATS_ENABLED"] = "false"
    os.environ["PLOOMBER_VERSION_CHECK_DISABLED"] = "true"
    os.environ["VNREPORTS_ROOT"] = str(root)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root / "src"), saved["PYTHONPATH"]]))
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def read_notebook(path: Path, parameters: dict | None = None):
    """A jupytext notebook; with parameters, a cell setting them follows the cell tagged "parameters"."""
    import jupytext
    import nbformat

    nb = jupytext.read(path)
    if parameters:
        at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
        if at is None:
            raise ValueError(f"{path.name}: no cell tagged 'parameters'")
        cell = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in parameters.items()))
        cell.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(at + 1, cell)
    for i, cell in enumerate(nb.cells):  # stable ids: the same inputs give the same page
        cell["id"] = f"c{i:03d}"
    return nb


async def execute_notebooks(jobs: list, parallel: int) -> list:
    """Execute the notebooks headless, `parallel` kernels at a time (each kernel is its own process,
    so on a 2-core machine two run side by side); return them in the order given. A job is a path, or
    (path, parameters)."""
    import asyncio

    from nbclient import NotebookClient

    gate = asyncio.Semaphore(max(1, parallel))

    async def one(job):
        path, parameters = job if isinstance(job, tuple) else (job, None)
        nb = read_notebook(path, parameters)
        async with gate:
            await NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=["--log-level=ERROR"],
                                 resources={"metadata": {"path": str(path.parent)}}).async_execute()
        return nb

    return list(await asyncio.gather(*(one(j) for j in jobs)))


def export_notebook(nb, stem: str, out: Path, nav: str, title: str | None = None) -> str:
    """Write one executed notebook's HTML page (code hidden, offline); return its title."""
    from nbconvert import HTMLExporter

    title = title or notebook_title(nb)
    nb.cells = [c for c in nb.cells if "report-skip" not in c.metadata.get("tags", [])]  # JupyterLab-only notes
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = make_offline(body, "").replace('<html lang="en">', '<html lang="vi">', 1)
    body = body.replace("</head>", '<script src="assets/vega-bundle.js" defer></script>\n</head>', 1)
    body = re.sub(r"(<body[^>]*>)", r"\1" + nav, body, count=1)
    (out / f"{stem}.html").write_text(body, encoding="utf-8")
    return title


def render_notebook(path: Path, out: Path, root: Path, nav: str, parameters: dict | None = None) -> str:
    """Execute one jupytext notebook (with parameters, if given) and write its HTML page; return its title."""
    import asyncio

    with notebook_environment(root):
        nb = asyncio.run(execute_notebooks([(path, parameters)], 1))[0]
    return export_notebook(nb, path.stem, out, nav)


def report_parallelism() -> int:
    """Kernels run side by side: VNREPORTS_REPORT_JOBS, else one per core."""
    return int(os.environ.get("VNREPORTS_REPORT_JOBS") or os.cpu_count() or 1)


def _page(title: str, body: str, nav: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(title)}</title>'
            '<link rel="stylesheet" href="assets/report.css"></head>\n'
            f'<body>{nav}<main>\n{body}\n</main></body></html>\n')


def dictionary_page(root: Path, nav: str) -> str:
    from vnreports.serve.dictionary import dictionary_rows

    rows = dictionary_rows(root / "data" / "warehouse.duckdb")
    parts = ["<h1>Từ điển dữ liệu (data dictionary)</h1>",
             "<p>Mọi bảng, view và cột của kho <code>data/warehouse.duckdb</code>, lấy từ chú thích (COMMENT) "
             "trong chính kho dữ liệu.</p>"]
    for obj in rows:
        parts.append(f'<h2 id="{html.escape(obj["name"])}">{html.escape(obj["name"])} '
                     f'<small>({html.escape(obj["kind"])})</small></h2><p>{html.escape(obj["comment"])}</p>')
        parts.append('<div class="vn-scroll"><table class="vn-table"><tr><th>Cột (column)</th><th>Kiểu (type)</th>'
                     "<th>Ý nghĩa (meaning)</th></tr>")
        for c in obj["columns"]:
            parts.append(f"<tr><td><code>{html.escape(c['name'])}</code></td><td>{html.escape(c['type'])}</td>"
                         f"<td>{html.escape(c['comment'])}</td></tr>")
        parts.append("</table></div>")
    return _page("Từ điển dữ liệu", "\n".join(parts), nav)


def offline_data_docs(docs: Path, summary_file: Path, nav: str) -> None:
    """GX's pages need jQuery and Bootstrap from CDNs; offline they keep their static HTML only,
    and the index (built by JavaScript in GX) is replaced by a static Vietnamese one."""
    import json

    for page in docs.rglob("*.html"):
        depth = len(page.relative_to(docs).parts) - 1
        text = make_offline(page.read_text(encoding="utf-8"), "../" * (depth + 1))
        text = re.sub(r"<script\b[\s\S]*?</script>", "", text)
        text = re.sub(r"<link[^>]*rel=[\"'](?:shortcut )?icon[\"'][^>]*>", "", text)
        text = re.sub(r"<body([^>]*)>", r'<body\1 class="data-docs">', text, count=1)
        page.write_text(text, encoding="utf-8")
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.exists() else {"suites": []}
    status = {s["suite"]: s for s in summary["suites"]}
    rows = []
    for suite_page in sorted((docs / "expectations").glob("*.html")):
        name = suite_page.stem
        runs = sorted((docs / "validations" / name).rglob("*.html"))
        s = status.get(name, {})
        verdict = ("đạt" if s.get("failed") == 0 else
                   f"{s.get('failed')} kỳ vọng không đạt" + (" (cảnh báo)" if s.get("severity") == "warning" else ""))
        run_link = f'<a href="{runs[-1].relative_to(docs).as_posix()}">kết quả</a>' if runs else "–"
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{s.get('expectations', '–')}</td>"
                    f"<td>{html.escape(verdict) if s else '–'}</td><td>{run_link}</td>"
                    f'<td><a href="expectations/{name}.html">bộ kỳ vọng</a></td></tr>')
    body = ("<h1>Kết quả kiểm tra dữ liệu (Great Expectations Data Docs)</h1>"
            f"<p>{html.escape(summary.get('line', ''))}. Bộ <code>source_anomalies</code> liệt kê vấn đề trong chính "
            "các báo cáo, ở mức cảnh báo. Các trang chi tiết là Data Docs của GX, hiển thị không cần mạng "
            "(bỏ phần tương tác cần jQuery/Bootstrap từ internet).</p>"
            '<table class="vn-table"><tr><th>Bộ kiểm tra (suite)</th><th>Số kỳ vọng</th><th>Kết quả</th>'
            "<th>Lần chạy</th><th>Định nghĩa</th></tr>" + "".join(rows) + "</table>")
    page = _page("Kết quả kiểm tra dữ liệu", body, nav).replace('href="assets/', 'href="../assets/')
    page = re.sub(r'<a href="(?!\.\./|data-docs/)([^"#]+\.html)"', r'<a href="../\1"', page)
    page = page.replace('<a href="data-docs/index.html"', '<a href="index.html"')
    (docs / "index.html").write_text(page, encoding="utf-8")


def navigation(titles: list[tuple[str, str]], profiles: list[dict]) -> str:
    """The bar at the top of every page: overview and analysis pages, district profiles, reference."""
    def links(items):
        return "".join(f'<a href="{s}.html">{html.escape(t)}</a>' for s, t in items)

    pages = links([("index", "Tổng quan")] + titles)
    districts = "".join(f'<a href="{d["href"]}">{html.escape(d["short_name"])}</a>' for d in profiles)
    return (f'<nav class="vn-nav"><div>{pages}</div>'
            + (f"<div><span>Hồ sơ huyện:</span>{districts}</div>" if profiles else "")
            + '<div><a href="tu-dien-du-lieu.html">Từ điển dữ liệu</a>'
            '<a href="data-docs/index.html">Kiểm tra chất lượng (GX Data Docs)</a></div></nav>')


def build_report(root: Path, out: Path | None = None) -> Path:
    import duckdb

    from vnreports.serve.nb import profile_districts

    out = out or root / "build" / "report"
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    folder = root / "notebooks"
    notebooks = [p for p in sorted(folder.glob("[0-9]*.py")) if p.stem not in (OVERVIEW, PROFILE)]
    titles = [(p.stem, notebook_title(read_notebook(p))) for p in notebooks]
    with duckdb.connect(str(root / "data" / "warehouse.duckdb"), read_only=True) as con:
        profiles = profile_districts(con) if (folder / f"{PROFILE}.py").exists() else []
    nav = navigation(titles, profiles)
    # (notebook or (notebook, parameters), page name, title: None = the notebook's own)
    jobs = [(folder / f"{OVERVIEW}.py", "index", "Tổng quan — số liệu báo cáo Lạng Sơn")] if (
        folder / f"{OVERVIEW}.py").exists() else []
    jobs += [(p, p.stem, None) for p in notebooks]
    jobs += [((folder / f"{PROFILE}.py", {"district_code": d["district_code"]}), d["href"][:-5],
              f"Hồ sơ {d['district_name'][0].lower()}{d['district_name'][1:]}") for d in profiles]
    # The notebooks run side by side (kernels are processes); the chart bundle is made meanwhile.
    import asyncio

    async def run_all():
        assets = asyncio.create_task(asyncio.to_thread(write_assets, tmp))
        executed = await execute_notebooks([j[0] for j in jobs], report_parallelism())
        await assets
        return executed

    with notebook_environment(root):
        executed = asyncio.run(run_all())
    for (_, stem, title), nb in zip(jobs, executed):
        export_notebook(nb, stem, tmp, nav, title)
    (tmp / "tu-dien-du-lieu.html").write_text(dictionary_page(root, nav), encoding="utf-8")
    docs_src = root / "build" / "data-docs"
    if docs_src.exists():
        shutil.copytree(docs_src, tmp / "data-docs")
        offline_data_docs(tmp / "data-docs", root / "build" / "validation-summary.json", nav)
    if not (tmp / "index.html").exists():  # no overview notebook: a plain list of the pages
        items = "".join(f'<li><a href="{s}.html">{html.escape(t)}</a></li>' for s, t in titles)
        body = f"<h1>Số liệu báo cáo tỉnh Lạng Sơn</h1><ol>{items}</ol>"
        (tmp / "index.html").write_text(_page("Số liệu báo cáo Lạng Sơn", body, nav), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out
