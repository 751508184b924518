"""Benchmark: the shipped college copied N times as the units of one snapshot (a province of
colleges). For each size it prints, measured in the same run:

- jixiao end to end (`cli.py evaluate --output x.json`, a new process: wall time, peak memory);
- the hand-written pandas reference (tools/reference.py, a new process), checked to give the same
  status for every college × indicator, and the ratio of the two;
- the default table output end to end, and its ratio to the JSON run;
- jixiao step by step, in this process;
- first, the default run on the shipped college against a bare import of its libraries.

    python tools/benchmark.py              # 1, 50, 200 and 1000 colleges
    python tools/benchmark.py 10 100       # other sizes

Figures, not a test: they depend on the machine; compare the ratios. The snapshot is written to a
temporary folder (every table gets a 单位 column, one copy of its rows per college), then removed.
"""
from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.evaluate.evaluator import evaluate  # noqa: E402
from engine.render import formats  # noqa: E402
from engine.load.rules import load_rules  # noqa: E402
from engine.load.snapshot import load_snapshot  # noqa: E402
from engine.summarise.summary import summarise  # noqa: E402

DATE = "2021-12-31"
UNIT_HEADERS = ("单位", "unit")


def province(folder: Path, colleges: int) -> Path:
    """datasets/<DATE>/ with every table of the shipped snapshot repeated once per college."""
    source, target = ROOT / "datasets" / DATE, folder / "datasets" / DATE
    target.mkdir(parents=True)
    units = [f"c{n:03d}" for n in range(colleges)]
    for table in sorted(source.glob("*.csv")):
        with table.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        at = next((k for k, name in enumerate(header) if name in UNIT_HEADERS), None)
        with (target / table.name).open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header if at is not None else ["单位", *header])
            for unit in units:
                for row in body:
                    out.writerow(row[:at] + [unit] + row[at + 1:] if at is not None else [unit, *row])
    manifest = yaml.safe_load((source / "manifest.yaml").read_text(encoding="utf-8"))
    manifest["units"] = {u: f"学院 {u}" for u in units}
    manifest.pop("default_unit", None)
    (target / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return folder / "datasets"


def timed(results: list, name: str, step):
    start = time.perf_counter()
    value = step()
    results.append((name, time.perf_counter() - start))
    return value


# A command is started by a small launcher, not by this process: Linux keeps a process's peak memory
# across exec, so a command started straight from here would report at least this process's own peak
# (hundreds of MB once a size has been measured step by step), whatever it used itself.
LAUNCHER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {status}")
"""


def process(args: list, cwd: Path, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """(wall seconds, peak memory in MB) of a command in a new process."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(report), *map(str, args)], cwd=cwd,
                       stdout=stdout, check=True)
        seconds = time.perf_counter() - start
        peak, status = map(int, report.read_text().split())
    if status:
        raise SystemExit(f"{args} failed ({status})")
    return seconds, peak / 1024


def same_statuses(jixiao_json: Path, reference_csv: Path) -> int:
    """How many college × indicator statuses differ between jixiao and the reference (must be 0)."""
    import pandas as pd
    mine = {(i["unit"], i["id"]): i["status"] for i in json.loads(jixiao_json.read_text(encoding="utf-8"))["indicators"]}
    ref = pd.read_csv(reference_csv, dtype=str)
    theirs = dict(zip(zip(ref["unit"], ref["id"]), ref["status"]))
    return sum(mine.get(k) != theirs.get(k) for k in set(mine) | set(theirs))


def end_to_end(colleges: int, tmp: Path, datasets: Path) -> None:
    out, table, ref = tmp / "out.json", tmp / "out.txt", tmp / "reference.csv"
    cli = [sys.executable, str(ROOT / "cli.py"), "evaluate", "--snapshot", DATE, "--datasets", str(datasets)]
    j_time, j_mem = process(cli + ["--output", str(out)], ROOT)
    t_time, _ = process(cli + ["--output", str(table), "--format", "table"], ROOT)
    with ref.open("w", encoding="utf-8") as handle:
        r_time, r_mem = process([sys.executable, str(ROOT / "tools" / "reference.py"), str(datasets), DATE], ROOT,
                                stdout=handle)
    differ = same_statuses(out, ref)
    print(f"{colleges} colleges, end to end:")
    print(f"  jixiao → JSON     {j_time:7.2f} s {j_mem:7.0f} MB")
    print(f"  reference pandas  {r_time:7.2f} s {r_mem:7.0f} MB   statuses that differ: {differ}")
    print(f"  ratio             {j_time / r_time:7.2f} ×  {j_mem / r_mem:6.2f} × memory")
    print(f"  jixiao → table    {t_time:7.2f} s   {t_time / j_time:.2f} × the JSON run")


def measure(colleges: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        datasets = province(Path(tmp), colleges)
        end_to_end(colleges, Path(tmp), datasets)
        steps: list = []
        rules = timed(steps, "load rules", lambda: load_rules(ROOT / "rules"))
        snap = timed(steps, "load snapshot", lambda: load_snapshot(datasets, DATE, rules))
        ev = timed(steps, "evaluate", lambda: evaluate(rules, snap))
        summary = timed(steps, "summarise", lambda: summarise(ev))
        for fmt in ("table", "json"):
            timed(steps, f"render {fmt}", lambda: formats.renderer("summary", fmt)(summary, False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = sum(t for _, t in steps)
    rows = len(rules.indicators) * colleges
    print(f"  step by step, {rows} indicator results: {total:.2f} s in all, "
          f"{total / rows * 1000:.3f} ms per result, peak memory {peak:.0f} MB so far")
    for name, seconds in steps:
        print(f"    {name:<14} {seconds:7.2f} s")


BARE = "import pandas, yaml, jsonschema, simpleeval, click, openpyxl"  # the libraries, imported bare


def startup(tries: int = 7) -> None:
    """The default run on the shipped college against a bare import of the libraries: the best of
    several tries each, alternated, so that a busy moment of the machine hits both alike. jixiao's
    modules are compiled first, as Python caches them after any first run (and as pip compiled the
    libraries when it installed them): a machine that sets PYTHONDONTWRITEBYTECODE would otherwise
    compile jixiao anew on every run, which no run measured here should pay for."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "engine"), str(ROOT / "cli.py")],
                   check=True, stdout=subprocess.DEVNULL)
    run = [sys.executable, str(ROOT / "cli.py"), "evaluate", "--snapshot", DATE]
    bare = [sys.executable, "-c", BARE]
    best = {"run": float("inf"), "bare": float("inf")}
    for _ in range(tries):
        for name, args in (("run", run), ("bare", bare)):
            best[name] = min(best[name], process(args, ROOT)[0])
    print("default run (shipped college, table to the screen), best of", tries)
    print(f"  jixiao evaluate     {best['run']:7.2f} s")
    print(f"  bare imports        {best['bare']:7.2f} s   ({BARE})")
    print(f"  ratio               {best['run'] / best['bare']:7.2f} ×")


if __name__ == "__main__":
    startup()
    for size in [int(a) for a in sys.argv[1:]] or [1, 50, 200, 1000]:
        measure(size)
