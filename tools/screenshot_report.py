"""Render the HTML report of the shipped college (or given rules and data) and photograph it in
headless Chromium, to look at the charts as a reader's browser draws them.

    python tools/screenshot_report.py                      # → out/screenshots/report.png (whole page)
    python tools/screenshot_report.py --section forecast   # only that section, in a page of its own
    python tools/screenshot_report.py --snapshot 2021-12-31 --rules R --datasets D --lang en --out DIR

Needs a chromium (or chromium-browser, google-chrome) on PATH; prints where the pictures are.
Nothing is fetched: the report is one self-contained file (inline CSS and SVG)."""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def render_report(snapshot: str, rules: str, datasets: str, lang: str, html: Path) -> None:
    from engine.cli.app import main
    try:
        main(["report", "--snapshot", snapshot, "--rules", rules, "--datasets", datasets, "--lang", lang,
              "--output", str(html)])
    except SystemExit as exc:
        if exc.code:
            raise


def only_section(html: str, key: str) -> str:
    """The page with one section (or sub-section) of the first unit kept: its <section data-key=…>."""
    start = html.rindex("<section", 0, html.index(f'data-key="{key}" class="depth-'))
    depth, pos = 0, start
    for m in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if m.group(0) != "</section>" else -1
        if depth == 0:
            pos = start + m.end()
            break
    head = html[:html.index("<body")]
    return head + "<body>\n" + html[start:pos] + "\n</body></html>\n"


def shoot(chrome: str, page: Path, png: Path, width: int = 900, height: int = 3000) -> None:
    subprocess.run([chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--snapshot", default="2021-12-31")
    ap.add_argument("--rules", default=str(ROOT / "rules"))
    ap.add_argument("--datasets", default=str(ROOT / "datasets"))
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--section", default=None, help="the data-key of one section, e.g. forecast")
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--out", default=str(ROOT / "out" / "screenshots"))
    args = ap.parse_args(argv)
    chrome = browser()
    if chrome is None:
        print("no chromium on PATH (apt-get install chromium)", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        render_report(args.snapshot, args.rules, args.datasets, args.lang, html)
        page = html
        if args.section:
            page = Path(tmp) / f"{args.section}.html"
            page.write_text(only_section(html.read_text(encoding="utf-8"), args.section), encoding="utf-8")
        png = out / f"report{'-' + args.section if args.section else ''}-{args.lang}.png"
        shoot(chrome, page, png, height=args.height)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
