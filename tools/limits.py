"""The size bounds of docs/guarantees.md, measured: `validate` and `evaluate` on a rule file of 5,000
indicators (a third of them counting a ledger) and on a ledger of 1,000,000 rows, each in a new
process (wall time and peak memory).

    python tools/limits.py

Figures, not a test: they depend on the machine (docs/guarantees.md states what was measured where).
The workspaces are written to a temporary folder, then removed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_inputs" / "_base"
DATE = "2021-12-31"


def many_indicators(folder: Path, count: int = 5000) -> Path:
    ws = folder / "many"
    shutil.copytree(BASE, ws)
    lines, values = ["level: school", "task: 人才培养", "indicators:"], ["指标编号,实际值,原因代码,说明,完成可能性"]
    for k in range(count):
        if k % 3 == 0:
            lines += [f"  - id: S_N{k}", f"    name: 数量指标{k}", "    type: quantity", "    unit: 项",
                      "    direction: higher", "    targets: {2021-12-31: 10, 2023-12-31: 20}"]
            values.append(f"S_N{k},{k % 25},,,")
        elif k % 3 == 1:
            lines += [f"  - id: S_P{k}", f"    name: 比例指标{k}", "    type: quality", '    unit: "%"',
                      "    direction: higher", "    targets: {2021-12-31: 95, 2023-12-31: 96}"]
            values.append(f"S_P{k},{90 + k % 10}%,,,")
        else:
            lines += [f"  - id: S_A{k}", f"    name: 台账指标{k}", "    type: quantity", "    unit: 项",
                      "    direction: higher", "    targets: {2021-12-31: 1, 2023-12-31: 2}",
                      '    actual: count("awards", 级别="国家级")']
    (ws / "rules" / "school.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ws / "datasets" / DATE / "values.csv").write_text("\n".join(values) + "\n", encoding="utf-8")
    return ws


def long_ledger(folder: Path, rows: int = 1_000_000) -> Path:
    ws = folder / "ledger"
    shutil.copytree(BASE, ws)
    levels = ["国家级", "省级", "市级"]
    with (ws / "datasets" / DATE / "awards.csv").open("w", encoding="utf-8") as out:
        out.write("名称,级别,日期\n")
        for k in range(rows):
            out.write(f"成果{k},{levels[k % 3]},2021-{1 + k % 12:02d}-{1 + k % 28:02d}\n")
    return ws


def measure(ws: Path, args: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], cwd=ws,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, ws in (("5,000 indicators", many_indicators(Path(tmp))),
                         ("a ledger of 1,000,000 rows", long_ledger(Path(tmp)))):
            print(name)
            for args in (["validate"], ["evaluate", "--snapshot", DATE, "--output", str(Path(tmp) / "out.json")]):
                seconds, mb, code = measure(ws, args)
                print(f"  {args[0]:<9} {seconds:6.2f} s {mb:7.0f} MB   exit {code}")


if __name__ == "__main__":
    main()
