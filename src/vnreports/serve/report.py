"""`make report`: execute the notebooks headless and write an offline HTML report.

build/report/
  index.html              Vietnamese landing page linking everything
  <notebook>.html          one page per notebook (code hidden), charts interactive
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

ASSETS_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; }
.jp-Notebook, main { max-width: 1100px; margin: 0 auto; }
table.vn-table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
table.vn-table th, table.vn-table td { border: 1px solid #ccd; padding: 4px 8px; text-align: left !important; vertical-align: top; }
table { border-collapse: collapse; }
.data-docs td, .data-docs th { border: 1px solid #ddd; padding: 3px 6px; }
table.vn-table th { background: #eef2f7; }
.vega-chart { margin: 8px 0 20px; }
nav.vn-nav { max-width: 1100px; margin: 8px auto; font-size: 14px; }
nav.vn-nav a { margin-right: 14px; }
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


def read_notebook(path: Path):
    import jupytext

    nb = jupytext.read(path)
    for i, cell in enumerate(nb.cells):  # stable ids: the same inputs give the same page
        cell["id"] = f"c{i:03d}"
    return nb


async def execute_notebooks(paths: list[Path], parallel: int) -> list:
    """Execute the notebooks headless, `parallel` kernels at a time (each kernel is its own process,
    so on a 2-core machine two run side by side); return them in the order given."""
    import asyncio

    from nbclient import NotebookClient

    gate = asyncio.Semaphore(max(1, parallel))

    async def one(path: Path):
        nb = read_notebook(path)
        async with gate:
            await NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=["--log-level=ERROR"],
                                 resources={"metadata": {"path": str(path.parent)}}).async_execute()
        return nb

    return list(await asyncio.gather(*(one(p) for p in paths)))


def export_notebook(nb, stem: str, out: Path, nav: str) -> str:
    """Write one executed notebook's HTML page (code hidden, offline); return its title."""
    from nbconvert import HTMLExporter

    title = notebook_title(nb)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = make_offline(body, "")
    body = body.replace("</head>", '<script src="assets/vega-bundle.js" defer></script>\n</head>', 1)
    body = re.sub(r"(<body[^>]*>)", r"\1" + nav, body, count=1)
    (out / f"{stem}.html").write_text(body, encoding="utf-8")
    return title


def render_notebook(path: Path, out: Path, root: Path, nav: str) -> str:
    """Execute one jupytext notebook and write its HTML page; return its title."""
    import asyncio

    with notebook_environment(root):
        nb = asyncio.run(execute_notebooks([path], 1))[0]
    return export_notebook(nb, path.stem, out, nav)


def report_parallelism() -> int:
    """Kernels run side by side: VNREPORTS_REPORT_JOBS, else one per core."""
    return int(os.environ.get("VNREPORTS_REPORT_JOBS") or os.cpu_count() or 1)


def _page(title: str, body: str, nav: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<link rel="stylesheet" href="assets/report.css"></head>\n<body>{nav}<main>\n{body}\n</main></body></html>\n')


def dictionary_page(root: Path, nav: str) -> str:
    from vnreports.serve.dictionary import dictionary_rows

    rows = dictionary_rows(root / "data" / "warehouse.duckdb")
    parts = ["<h1>Từ điển dữ liệu (data dictionary)</h1>",
             "<p>Mọi bảng, view và cột của kho <code>data/warehouse.duckdb</code>, lấy từ chú thích (COMMENT) "
             "trong chính kho dữ liệu.</p>"]
    for obj in rows:
        parts.append(f'<h2 id="{html.escape(obj["name"])}">{html.escape(obj["name"])} '
                     f'<small>({html.escape(obj["kind"])})</small></h2><p>{html.escape(obj["comment"])}</p>')
        parts.append('<table class="vn-table"><tr><th>Cột (column)</th><th>Kiểu (type)</th>'
                     "<th>Ý nghĩa (meaning)</th></tr>")
        for c in obj["columns"]:
            parts.append(f"<tr><td><code>{html.escape(c['name'])}</code></td><td>{html.escape(c['type'])}</td>"
                         f"<td>{html.escape(c['comment'])}</td></tr>")
        parts.append("</table>")
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


def build_report(root: Path, out: Path | None = None) -> Path:
    out = out or root / "build" / "report"
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    notebooks = sorted((root / "notebooks").glob("[0-9]*.py"))
    titles = [(p.stem, notebook_title(read_notebook(p))) for p in notebooks]
    links = [("index", "Trang chủ")] + titles + [("tu-dien-du-lieu", "Từ điển dữ liệu")]
    nav = '<nav class="vn-nav">' + "".join(f'<a href="{s}.html">{html.escape(t)}</a>' for s, t in links) + \
        '<a href="data-docs/index.html">Kiểm tra chất lượng (GX Data Docs)</a></nav>'
    # The notebooks run side by side (kernels are processes); the chart bundle is made meanwhile.
    import asyncio

    async def run_all():
        assets = asyncio.create_task(asyncio.to_thread(write_assets, tmp))
        executed = await execute_notebooks(notebooks, report_parallelism())
        await assets
        return executed

    with notebook_environment(root):
        executed = asyncio.run(run_all())
    for path, nb in zip(notebooks, executed):
        export_notebook(nb, path.stem, tmp, nav)
    (tmp / "tu-dien-du-lieu.html").write_text(dictionary_page(root, nav), encoding="utf-8")
    docs_src = root / "build" / "data-docs"
    if docs_src.exists():
        shutil.copytree(docs_src, tmp / "data-docs")
        offline_data_docs(tmp / "data-docs", root / "build" / "validation-summary.json", nav)
    items = "".join(f'<li><a href="{s}.html">{html.escape(t)}</a></li>' for s, t in titles)
    body = (
        "<h1>Số liệu báo cáo tỉnh Lạng Sơn</h1>"
        "<p>Các con số trong thông báo kết luận và báo cáo của UBND tỉnh và các huyện, chép lại kèm nguyên văn "
        "trích dẫn, kiểm tra và xếp hạng. <em>Figures from Lạng Sơn government reports, each with its quote.</em></p>"
        f"<h2>Phân tích (analysis)</h2><ol>{items}</ol>"
        "<h2>Tham khảo (reference)</h2><ul>"
        '<li><a href="tu-dien-du-lieu.html">Từ điển dữ liệu — data dictionary</a></li>'
        '<li><a href="data-docs/index.html">Kết quả kiểm tra Great Expectations — Data Docs</a></li></ul>'
    )
    (tmp / "index.html").write_text(_page("Số liệu báo cáo Lạng Sơn", body, nav), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out
