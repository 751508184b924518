"""Monthly snapshots of 2022 for the shipped college, RECONSTRUCTED (not real data), to show the
进度预警 (behind schedule) of issue #14 appearing and clearing inside a year.

    python tools/monthly_snapshots.py [--out examples/monthly] [--rules rules] [--datasets datasets]

From the shipped snapshot of 2021-12-31 and the 2022 targets in rules/, one snapshot folder per month
end (2022-01-31 … 2022-12-31), laid out as datasets/2021-12-31 (manifest.yaml, values.csv, ledgers),
and a README.md saying what they are. Deterministic: the same files every run.

How the values are made up:

- A cumulative number indicator of the value table grows in a straight line by days from its
  2021 value to its 2022 target (or stays where it is, if it is beyond it already), rounded up to
  the places its figures are written with. Such a path is never behind the expected progress
  unless the 2021 value was already short of the 2021 target (those stay behind until they catch up).
- LAGGING indicators stall: from their first stalled month to their last, the value stays at the
  month before; afterwards it is back on its path. The flag appears during the stall and clears after.
- An annual indicator (annual: true) counts the year's amount from 0.
- Everything else (grades, ranges, deadlines, missing values) is copied as it is.
- Ledgers: the 2022 rows of funds.csv and budget.csv carry the 2021 budgets, with money arriving and
  spent month by month; the group's national achievements reach their 2022 target, dated evenly
  over the year; tasks.csv is copied.
"""
from __future__ import annotations

import argparse
import calendar
import csv
import io
import math
import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.load.rules import load_rules  # noqa: E402

BASE_DAY = date(2021, 12, 31)
YEAR_END = date(2022, 12, 31)
LAGGING = {  # indicator -> (first stalled month, last stalled month) of 2022
    "S605": (3, 6),   # 组织学生鉴定取证考试: the spring exams postponed to July
    "S802": (2, 9),   # 建成智慧教室: building work stopped until October
    "G209": (4, 8),   # 试题库试题: question writing paused over the summer
    "G508": (5, 7),   # 承接社会培训实训人次: training suspended, made up in August
}
GROUP_TASK = "打造特色高水平专业群"
NATIONAL = "国家级"
NATIONAL_ID = "G901"
SPEND_PACE = 1.2  # money spent in 2022 against its budget: the backlog of earlier years is caught up

README = """# 月度快照（重建数据）· Monthly snapshots (reconstructed)

**这些不是真实数据。** 本文件夹由 `tools/monthly_snapshots.py` 生成：以 `datasets/2021-12-31`
（中期自评快照）为起点，按 `rules/` 中 2022 年的阶段目标逐月推算 2022 年各月末的快照，用来演示
“进度预警”（落后于进度，见 docs/authoring.md）：一年中预警如何出现、又如何消除。

- 累计的数值指标按天线性地从 2021 年的实际值增长到 2022 年的目标（已超过的保持不变），按原有小数位向上取整；
  2021 年已落后于目标的指标仍然落后，直到赶上。
- 有意落后的指标：{lagging}：在停滞的月份保持上个月的值，之后回到原来的进度——预警出现后又消除。
- 年度指标（annual: true）从当年 0 起算；等级、区间、期限和缺失的值照抄。
- 台账：funds.csv、budget.csv 加上 2022 年的行（预算沿用 2021 年，到位和执行逐月增加）；专业群国家级标志性成果
  均匀分布在全年，年末达到 2022 年目标；tasks.csv 照抄。
- 2019-12-31、2020-12-31、2021-12-31 三个年度快照是 `datasets/` 中真实快照的副本，为趋势预测（`jixiao forecast`，
  按近一年的变化）和报告中的图表提供一年以上的历史。

These are **not real data**: reconstructed from the 2021-12-31 snapshot and the 2022 targets, to show the
behind-schedule warning appearing and clearing. Try:

    python cli.py evaluate --datasets examples/monthly --snapshot 2022-05-31 --exceptions-only
    python cli.py report --datasets examples/monthly --snapshot 2022-05-31 --output 2022-05.html

Regenerate with `python tools/monthly_snapshots.py` (the same files every run). They are not in
`datasets/`: the default run and the shipped report read the real snapshots only.
"""


def month_ends(year: int = 2022) -> list[date]:
    return [date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]


def number(text):
    """A value-table cell as a number (1,500 too), or None."""
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        return None


def places(*texts) -> int:
    """The decimal places the figures are written with."""
    out = 0
    for x in texts:
        s = str(x).replace(",", "")
        if "." in s:
            out = max(out, len(s.split(".")[1].rstrip("0")))
    return out


def up(value: float, digits: int) -> float:
    scale = 10 ** digits
    return math.ceil(value * scale - 1e-9) / scale


def shown(value: float, digits: int) -> str:
    return f"{value:.{digits}f}" if digits else str(int(round(value)))


def fraction(day: date) -> float:
    return (day - BASE_DAY).days / (YEAR_END - BASE_DAY).days


def planned(ind, base_text: str, day: date) -> str | None:
    """The value on its path at `day`; None: copied as it is."""
    if base_text.strip().endswith("%"):  # a rate written with its sign keeps it
        value = planned(ind, base_text.strip()[:-1], day)
        return None if value is None else value + "%"
    base = number(base_text)
    targets = dict(ind.targets)
    goal = targets.get(str(YEAR_END))
    if base is None or not ind.way.cumulative or ind.way.value_kind != "number" or \
            not isinstance(goal, (int, float)) or isinstance(goal, bool):
        return None
    digits = places(base_text, goal, targets.get(str(BASE_DAY), 0))
    f = fraction(day)
    if ind.annual:
        return shown(up(max(goal, base) * f, digits), digits)
    if ind.direction == "lower":
        return None  # none in the value table of the shipped college
    end = max(goal, base)
    return shown(up(base + (end - base) * f, digits), digits)


def value_at(ind, base_text: str, day: date) -> str | None:
    stall = LAGGING.get(ind.id)
    if stall and stall[0] <= day.month <= stall[1]:
        before = month_ends()[stall[0] - 2] if stall[0] > 1 else BASE_DAY
        return planned(ind, base_text, before) if before != BASE_DAY else base_text
    return planned(ind, base_text, day)


def write_csv(path: Path, header: list, rows: list) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # as the shipped tables are written
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def read_csv(path: Path) -> tuple[list, list]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def values(rules, source: Path, day: date) -> tuple[list, list]:
    header, rows = read_csv(source / "values.csv")
    by_id = rules.by_id()
    out = []
    for row in rows:
        ind = by_id.get(row[0])
        new = value_at(ind, row[2], day) if ind is not None and row[2].strip() else None
        out.append([row[0], row[1], new if new is not None else row[2], *row[3:]])
    return header, out


def money(source: Path, name: str, keys: int, day: date) -> tuple[list, list]:
    """funds.csv or budget.csv with its 2022 rows: the 2021 budget, arrived and spent month by month."""
    header, rows = read_csv(source / name)
    f = fraction(day)
    new = []
    for row in (r for r in rows if r[0] == str(BASE_DAY.year)):
        budget = number(row[keys])
        spent = number(row[-1])
        out = [str(YEAR_END.year), *row[1:keys], shown(budget, 0)]
        if len(row) == keys + 3:  # funds: 预算, 到位, 执行
            out.append(shown(round(budget * f), 0))
        out.append(shown(round(max(budget * SPEND_PACE, spent) * f), 0))
        new.append(out)
    return header, rows + new


def achievements(rules, source: Path, day: date) -> tuple[list, list]:
    """The group's national achievements reach the 2022 target of G901, dated evenly over the year."""
    header, rows = read_csv(source / "achievements.csv")
    have = sum(1 for r in rows if r[1] == GROUP_TASK and r[2] == NATIONAL)
    goal = dict(rules.by_id()[NATIONAL_ID].targets).get(str(YEAR_END), have)
    n = max(0, int(goal) - have)
    days = (YEAR_END - BASE_DAY).days
    added = []
    for k in range(1, n + 1):
        when = BASE_DAY + timedelta(days=(days * (k - 1)) // n + 1)
        if when <= day:
            added.append([when.isoformat(), GROUP_TASK, NATIONAL,
                          f"{GROUP_TASK}{NATIONAL}标志性成果（2022 年第 {k} 项，重建）"])
    return header, rows + added


def manifest(source: Path, folder: Path, day: date) -> str:
    text = (source / "manifest.yaml").read_text(encoding="utf-8")
    lines = []
    for line in _schema_from(folder, text).splitlines():
        if line.startswith("snapshot:"):
            line = f"snapshot: {day.isoformat()}"
        elif line.startswith("description:"):
            line = f"description: 月度快照（截至 {day.year} 年 {day.month} 月 {day.day} 日；重建数据，非真实数据）"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _schema_from(folder: Path, text: str) -> str:
    """A manifest whose $schema comment points at schemas/ from its new folder."""
    if not _inside(folder, ROOT):
        return text
    schema = Path(os.path.relpath(ROOT / "schemas" / "manifest.schema.json", folder.resolve())).as_posix()
    return "\n".join(f"# yaml-language-server: $schema={schema}" if line.startswith("# yaml-language-server: $schema=")
                     else line for line in text.splitlines()) + "\n"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def generate(out: Path, rules_dir: Path, datasets_dir: Path) -> list[Path]:
    rules = load_rules(rules_dir)
    source = datasets_dir / BASE_DAY.isoformat()
    out.mkdir(parents=True, exist_ok=True)
    folders = []
    for real in sorted(p for p in datasets_dir.iterdir() if p.is_dir() and p.name <= BASE_DAY.isoformat()):
        # the real yearly snapshots come along: a year of history for the trend and the charts
        folder = out / real.name
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(real, folder)
        (folder / "manifest.yaml").write_text(_schema_from(folder, (real / "manifest.yaml").read_text(
            encoding="utf-8")), encoding="utf-8")
        folders.append(folder)
    for day in month_ends():
        folder = out / day.isoformat()
        folder.mkdir(exist_ok=True)
        (folder / "manifest.yaml").write_text(manifest(source, folder, day), encoding="utf-8")
        write_csv(folder / "values.csv", *values(rules, source, day))
        write_csv(folder / "funds.csv", *money(source, "funds.csv", 2, day))
        write_csv(folder / "budget.csv", *money(source, "budget.csv", 2, day))
        write_csv(folder / "achievements.csv", *achievements(rules, source, day))
        header, rows = read_csv(source / "tasks.csv")
        write_csv(folder / "tasks.csv", header, rows)
        folders.append(folder)
    lagging = "、".join(f"{k}（{a}–{b} 月）" for k, (a, b) in LAGGING.items())
    (out / "README.md").write_text(README.replace("{lagging}", lagging), encoding="utf-8")
    return folders


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "monthly")
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--datasets", type=Path, default=ROOT / "datasets")
    args = parser.parse_args(argv)
    for folder in generate(args.out, args.rules, args.datasets):
        print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
