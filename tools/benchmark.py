"""Benchmark: the shipped college copied N times as the units of one snapshot (a province of
colleges), evaluated step by step. Prints the wall time of each step and the peak memory.

    python tools/benchmark.py            # 1, 10 and 50 colleges
    python tools/benchmark.py 100 200    # other sizes

Figures, not a test: they depend on the machine. The snapshot is written to a temporary folder
(every ledger gets a 单位 column, one copy of its rows per college) and removed afterwards.
"""
from __future__ import annotations

import csv
import resource
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


def measure(colleges: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        datasets = province(Path(tmp), colleges)
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
    print(f"{colleges} colleges, {rows} indicator results: {total:.2f} s in all, "
          f"{total / rows * 1000:.2f} ms per result, peak memory {peak:.0f} MB so far")
    for name, seconds in steps:
        print(f"  {name:<14} {seconds:7.2f} s")


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1, 10, 50]:
        measure(size)
