"""From a row of the 任务书 table to an indicator draft: type and subtype from 二级指标, the measure
from the name's brackets, a 计量单位 column or the target texts, the direction and the staged
targets from texts such as "≥95%", "不低于 95%", "10 个", "不少于 3 项", "3项以上", "≤1200 元",
"2021 年 12 月前完成", "2021年底", "完成"/"建成", "良好以上".

Nothing is guessed: a cell that cannot be read becomes a Todo with its place; a row whose type,
direction or every target cannot be read is a draft that is not complete (written commented out)."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from engine.text.taskbook import (AT_LEAST, AT_LEAST_AFTER, AT_MOST, AT_MOST_AFTER, CATEGORY_TYPES, DATE_MEASURE,
                                  DEADLINE, DONE_WORDS, GRADE_AFTER, GRADE_BEFORE, GRADE_MEASURE, GRADE_SCALES,
                                  MEASURE_IN_NAME, MORE_MEASURES, NO_TARGET, NUMBER, RANGE, TYPE_SUFFIXES,
                                  TYPE_WORDS)
from engine.load.cells import FULL_WIDTH
from engine.text.vocabulary import MEASURE_WORDS, PERCENT_SIGNS

ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass
class Todo:
    place: str
    text: str
    reason: str          # taskbook.why_* key
    fix: str             # taskbook.fix_* key
    at: str              # the key the comment goes above: targets, unit, or row
    params: dict = field(default_factory=dict)


@dataclass
class Draft:
    row: object                         # the TaskRow
    fields: dict                        # id (None until given one), name, level, task, type, subtype, unit, direction, ...
    todos: list = field(default_factory=list)
    complete: bool = True
    unreadable_stages: set = field(default_factory=set)  # target dates whose cell could not be read


@dataclass
class Reading:
    kind: str                # number, range, deadline, done, grade, blank, unreadable
    value: object = None
    direction: str | None = None
    measure: str | None = None
    scale: tuple | None = None


def normal(text: str) -> str:
    return "".join(str(text).translate(FULL_WIDTH).split())


def _deadline_date(found) -> str:
    y = int(found.group("y"))
    m = found.group("m") or found.group("m2")
    d = found.group("d") or found.group("d2")
    month = int(m) if m else 12
    if not 1 <= month <= 12:
        raise ValueError(month)
    day = int(d) if d else calendar.monthrange(y, month)[1]
    if not 1 <= day <= calendar.monthrange(y, month)[1]:
        raise ValueError(day)
    return f"{y:04d}-{month:02d}-{day:02d}"


def read_target(text: str) -> Reading:
    """One cell's target text, as far as it can be read."""
    t = normal(text)
    if t in NO_TARGET:
        return Reading("blank")
    if t in DONE_WORDS:
        return Reading("done")
    found = DEADLINE.match(t)
    if found:
        try:
            return Reading("deadline", _deadline_date(found))
        except ValueError:
            return Reading("unreadable")
    grade = _grade(t)
    if grade:
        return grade
    found = RANGE.match(t)
    if found:
        low, high = _num(found.group("min")), _num(found.group("max"))
        measure = _measure(found.group("measure") or found.group("m1"))
        if low <= high:
            return Reading("range", {"min": low, "max": high}, "range", measure)
        return Reading("unreadable")
    direction = None
    for words, way, front in ((AT_LEAST, "higher", True), (AT_MOST, "lower", True),
                              (AT_LEAST_AFTER, "higher", False), (AT_MOST_AFTER, "lower", False)):
        for word in sorted(words, key=len, reverse=True):
            if front and t.startswith(word) and len(t) > len(word):
                t, direction = t[len(word):], way
                break
            if not front and t.endswith(word) and len(t) > len(word):
                t, direction = t[:-len(word)], direction or way
                break
    found = NUMBER.match(t)
    if found:
        measure = _measure(found.group("measure"))
        if found.group("measure") and measure is None:
            return Reading("unreadable")
        return Reading("number", _num(found.group("num")), direction, measure)
    return Reading("unreadable")


def _grade(t: str) -> Reading | None:
    word = t
    for before in sorted(GRADE_BEFORE, key=len, reverse=True):
        if word.startswith(before):
            word = word[len(before):]
            break
    for after in sorted(GRADE_AFTER, key=len, reverse=True):
        if word.endswith(after):
            word = word[:-len(after)]
            break
    for scale in GRADE_SCALES:
        if word in scale:
            return Reading("grade", word, "grade", GRADE_MEASURE, scale)
    return None


def _num(text: str):
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def _measure(word: str | None) -> str | None:
    if not word:
        return None
    word = "%" if word in PERCENT_SIGNS else word
    known = MEASURE_WORDS | MORE_MEASURES
    return word if word == "%" or word in known or word[-1:] in known or word[-2:] in known else None


def type_of(category: str, second: str) -> tuple | None:
    """(type, subtype) from 二级指标 (or from 一级指标 when that says it alone: 满意度指标)."""
    for text, table in ((second, TYPE_WORDS), (category, CATEGORY_TYPES)):
        key = normal(text)
        for suffix in TYPE_SUFFIXES:
            key = key.removesuffix(suffix)
        if key in table:
            return table[key]
    return None


def name_and_measure(name: str) -> tuple[str, str | None]:
    """国家级教学成果奖（项） → (国家级教学成果奖, 项); a bracket that is not a measure stays in the name."""
    found = MEASURE_IN_NAME.match(name.strip())
    if found:
        measure = _measure(normal(found.group("measure")))
        if measure:
            return found.group("name").strip(), measure
    return name.strip(), None


def draft(row, level: str, stage_dates: dict, task: str | None = None) -> Draft:
    """The indicator of one row. stage_dates: stage (year, "mid", "final") -> its date; task: the
    建设任务 of a row whose table says none (--task)."""
    name, measure = name_and_measure(row.text("name"))
    measure = measure or _measure(normal(row.text("measure"))) or (normal(row.text("measure")) or None)
    fields = {"id": None, "name": name, "level": level, "task": row.text("task") or task}
    out = Draft(row, fields)
    if not fields["task"]:
        cell = row.fields.get("task") or row.fields["name"]
        out.todos.append(Todo(cell.place, cell.text, "why_task", "fix_row", "row"))
        out.complete = False
    kinds = type_of(row.text("category"), row.text("type"))
    if kinds is None:
        cell = row.fields.get("type") or row.fields.get("category") or row.fields["name"]
        out.todos.append(Todo(cell.place, cell.text, "why_type", "fix_row", "row"))
        out.complete = False
    else:
        fields["type"], fields["subtype"] = kinds
    readings = []
    for stage, cell in row.stages:
        reading = read_target(cell.text)
        date = stage_dates[stage]
        if reading.kind == "unreadable":
            out.todos.append(Todo(cell.place, cell.text, "why_target", "fix_target", "targets", {"date": date}))
            out.unreadable_stages.add(date)
        elif reading.kind != "blank":
            readings.append((date, reading, cell))
    _targets(out, readings, measure, fields.get("type"))
    if row.fields.get("owner") and row.text("owner"):
        fields["owner"] = row.text("owner")
    return out


def _targets(out: Draft, readings: list, measure: str | None, type_: str | None) -> None:
    fields, row = out.fields, out.row
    if not readings:  # one TODO for the row, at its first target cell that could not be read
        unread = [t for t in out.todos if t.at == "targets"]
        out.todos = [t for t in out.todos if t.at != "targets"]
        first = unread[0] if unread else Todo(row.fields["name"].place, row.fields["name"].text, "", "", "")
        if all(t.at != "row" for t in out.todos):
            out.todos.append(Todo(first.place, first.text, "why_no_target", "fix_row", "row"))
        out.complete = False
        return
    kinds = {r.kind for _, r, _ in readings}
    if kinds <= {"deadline", "done"}:
        explicit = sorted({r.value for _, r, _ in readings if r.kind == "deadline"})
        if len(explicit) > 1:
            cell = readings[0][2]
            out.todos.append(Todo(cell.place, cell.text, "why_deadline", "fix_row", "row"))
            out.complete = False
            return
        done = sorted(d for d, r, _ in readings if r.kind == "done")
        fields.update(unit=DATE_MEASURE, direction="deadline", deadline=explicit[0] if explicit else done[0])
        return
    if kinds == {"grade"}:
        scales = {r.scale for _, r, _ in readings}
        if len(scales) == 1:
            fields.update(unit=GRADE_MEASURE, direction="grade", scale=list(scales.pop()),
                          targets=[(d, r.value) for d, r, _ in readings])
            return
    if kinds <= {"number", "range"}:
        directions = {r.direction for _, r, _ in readings if r.direction}
        measures = {r.measure for _, r, _ in readings if r.measure}
        if len(directions) <= 1 and ("range" not in kinds or kinds == {"range"}) and len(measures | ({measure} - {None})) <= 1:
            direction = directions.pop() if directions else ("lower" if type_ == "cost" else "higher")
            unit = measure or (measures.pop() if measures else None)
            fields.update(unit=unit, direction=direction, targets=[(d, r.value) for d, r, _ in readings])
            if unit is None:
                name = row.fields["name"]
                out.todos.append(Todo(name.place, name.text, "why_measure", "fix_unit", "unit"))
            return
    cell = readings[0][2]
    out.todos.append(Todo(cell.place, " / ".join(c.text for _, _, c in readings), "why_direction", "fix_row", "row"))
    out.complete = False
