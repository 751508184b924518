"""The HTML report in a real browser: headless Chromium draws it (not blank, charts in their
colours), every SVG chart has a size and drawn bars, and the console stays silent.
Skipped only when no Chromium is installed (.ci/run installs Debian's `chromium`)."""
import json
import re
import shutil
import struct
import subprocess
import zlib

import numpy as np
import pytest

from helpers import run_cli

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium binary (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]
PROBE = """<script>
window.addEventListener("load", function () {
  var out = Array.prototype.map.call(document.querySelectorAll("svg"), function (svg) {
    var box = svg.getBoundingClientRect(), bars = svg.querySelectorAll("rect.bar");
    var drawn = Array.prototype.filter.call(bars, function (b) {
      var r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    var points = svg.querySelectorAll("circle.actual, path.target"), lines = svg.querySelectorAll("polyline");
    var shown = Array.prototype.filter.call(points, function (p) {
      var r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
    return {line: svg.classList.contains("line"), width: box.width, height: box.height, bars: bars.length,
            drawn: drawn.length, points: points.length, shown: shown.length, lines: lines.length};
  });
  var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def chromium(tmp_path, page, *args):
    profile = tmp_path / "profile"
    proc = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=180)
    shutil.rmtree(profile, ignore_errors=True)
    return proc


def console_messages(stderr: str) -> list[str]:
    """Chromium logs every console message and uncaught error as a CONSOLE line."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def decode_png(data: bytes) -> np.ndarray:
    """(height, width, channels) pixels of an 8-bit non-interlaced PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, head = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = head
    assert depth == 8 and interlace == 0, (depth, interlace)
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8).reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 1:  # sub: a running sum along the row, per channel
            cur = np.cumsum(line.reshape(width, channels), axis=0).reshape(stride) & 255
        elif kind == 2:  # up
            cur = (line + prev) & 255
        else:  # average, Paeth: each byte depends on the one to its left
            pad = [0] * channels
            cur, up = pad + line.tolist(), pad + prev.tolist()
            for x in range(channels, stride + channels):
                a, b, c = cur[x - channels], up[x], up[x - channels]
                if kind == 3:
                    cur[x] = (cur[x] + ((a + b) >> 1)) & 255
                else:
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - c - c)
                    cur[x] = (cur[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            cur = np.array(cur[channels:], dtype=np.int32)
        out[y] = cur
        prev = cur
    return out.reshape(height, width, channels).astype(np.uint8)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    """The file `jixiao report` writes for the shipped default, as a user gets it."""
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "报告.html"
    proc = run_cli("report", "--snapshot", "2021-12-31", "--against", "2020-12-31", "--output", str(page))
    assert proc.returncode == 0, proc.stderr
    return page


def test_screenshot_is_drawn_and_console_is_silent(report_file, tmp_path):
    shot = tmp_path / "shot.png"
    proc = chromium(tmp_path, report_file, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.exists(), proc.stderr[-2000:]
    assert console_messages(proc.stderr) == []
    pixels = decode_png(shot.read_bytes())
    assert pixels.shape[:2] == (2000, 1280)
    rgb = pixels[..., :3].reshape(-1, 3)
    non_white = (rgb < 250).any(axis=1).mean()
    assert non_white > 0.02, non_white  # text, tables and charts, not a blank page
    assert len(np.unique(rgb, axis=0)) > 50  # anti-aliased text, fills, bars
    school_blue = (rgb == [0x44, 0x72, 0xC4]).all(axis=1).sum()  # the chart's bars, in their colours
    group_orange = (rgb == [0xED, 0x7D, 0x31]).all(axis=1).sum()
    header_fill = (rgb == [0xD9, 0xE1, 0xF2]).all(axis=1).sum()
    assert school_blue > 500 and group_orange > 500 and header_fill > 500, (school_blue, group_orange, header_fill)


def test_charts_have_size_and_bars(report_file, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(report_file.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    proc = chromium(tmp_path, probe, "--dump-dom", "--virtual-time-budget=5000", "--run-all-compositor-stages-before-draw")
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    found = json.loads(found.group(1))
    charts, lines = [c for c in found if not c["line"]], [c for c in found if c["line"]]
    assert len(charts) == 4
    for chart in charts:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["bars"] > 0 and chart["drawn"] == chart["bars"], chart
    assert len(lines) >= 5  # the forecast section: one line chart per lagging indicator
    for chart in lines:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["points"] > 2 and chart["shown"] == chart["points"] and chart["lines"] >= 1, chart
    assert console_messages(proc.stderr) == []


def test_console_check_catches_errors(tmp_path):
    """The console check is not vacuous: a page with an error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); missing();</script>", encoding="utf-8")
    proc = chromium(tmp_path, page, f"--screenshot={tmp_path / 'x.png'}", "--window-size=200,200")
    messages = console_messages(proc.stderr)
    assert any("boom" in m for m in messages) and any("Uncaught" in m for m in messages), proc.stderr[-2000:]
