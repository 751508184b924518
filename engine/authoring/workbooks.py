"""The XLSX workbooks a new workspace starts with: the value table (one sheet per level, one row
per indicator, drop-down lists for cause codes and likelihood) and the achievements ledger.
Their words are Chinese (policy staff fill them in), read from engine/text/workbooks.py."""
from __future__ import annotations

from pathlib import Path

from engine.text import t
from engine.text.labels import DEFAULT_LEVELS
from engine.text.vocabulary import HEADERS as HEADER_WORDS
from engine.text.vocabulary import LIKELIHOOD, LISTS_SHEET

COLUMNS = ("indicator", "name", "measure", "actual", "causes", "note", "likelihood", "evidence")
HEADERS = tuple(t(f"workbooks.col_{c}", "zh") for c in COLUMNS)
WIDTHS = (18, 40, 10, 14, 18, 40, 14, 30)
LEDGER_HEADERS = tuple(t(f"workbooks.ledger_{c}", "zh") for c in ("date", "level", "title", "evidence"))
LEDGER_WIDTHS = (14, 10, 50, 30)
TEMPLATE_ROWS = 300  # rows below the header that get the drop-down lists


def value_template(path: Path, rules, previous: dict | None = None, typed: dict | None = None,
                   units: list | None = None) -> int:
    """The value table: one sheet per level, one row per indicator (per unit, when units names
    several), with drop-down lists in Chinese: the causes of causes.yaml by their Chinese names (on
    a hidden sheet, read by no one but Excel), the likelihoods. previous: {"date", "values":
    {(id, unit): value}} shown in the column 上期实际值 for reference; typed: {(id, unit): {column:
    (value, number format)}} what a person typed before, put back in its indicator's row (jixiao
    template). Returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    levels = rules.settings.levels or DEFAULT_LEVELS
    columns = list(COLUMNS)
    if units and len(units) > 1:
        columns.insert(1, "unit")
    if previous:
        columns.append("previous")
    col = {c: get_column_letter(n) for n, c in enumerate(columns, start=1)}
    header = {c: _column_header(c) for c in columns}
    widths = [dict(zip(COLUMNS, WIDTHS)).get(c, 14) for c in columns]
    row_units = units if units and len(units) > 1 else [None]
    typed, written = typed or {}, 0
    grey = PatternFill("solid", fgColor="EDEDED")
    causes = cause_choices(rules)
    lists = _lists_sheet(book, causes)
    for level, title in levels.items():
        ws = book.create_sheet(title=title[:31], index=len(book.worksheets) - 1)
        _header(ws, [header[c] for c in columns], widths)
        if previous:
            ws[f"{col['previous']}1"].comment = Comment(
                t("snapshots.previous_comment", "zh", date=previous["date"]), "jixiao")
        for ind in sorted((i for i in rules.indicators if i.level == level), key=lambda i: i.order):
            for unit in row_units:
                key = (ind.id, unit if unit is not None else (units[0] if units else None))
                line = {"indicator": ind.id, "name": ind.name, "measure": ind.unit, "unit": unit}
                if previous:
                    line["previous"] = previous["values"].get(key)
                ws.append([line.get(c) for c in columns])
                row, written = ws.max_row, written + 1
                for column, (value, number_format) in typed.get(key, {}).items():
                    if column in col:
                        cell = ws[f"{col[column]}{row}"]
                        cell.value = value
                        if number_format and number_format != "General":
                            cell.number_format = number_format
                cell = ws[f"{col['actual']}{row}"]
                if ind.actual:
                    cell.fill = grey
                    cell.comment = Comment(t("workbooks.formula_comment", "zh", formula=ind.actual), "jixiao")
                elif ind.way.template_comment(ind, "zh"):
                    cell.comment = Comment(ind.way.template_comment(ind, "zh"), "jixiao")
        last = max(TEMPLATE_ROWS + 1, ws.max_row + 50)
        if causes:
            dv = DataValidation(type="list", formula1=f"'{lists.title}'!$A$2:$A${len(causes) + 1}", allow_blank=True,
                                showInputMessage=True, showErrorMessage=True, promptTitle=header["causes"][:32],
                                prompt=t("snapshots.causes_prompt", "zh")[:255])
            dv.errorStyle = "warning"  # several causes in one cell are allowed: warn, do not refuse
            dv.errorTitle, dv.error = t("workbooks.cause_warn_title", "zh"), t("workbooks.cause_warn", "zh")
            ws.add_data_validation(dv)
            dv.add(f"{col['causes']}2:{col['causes']}{last}")
        dv = _list_validation(list(LIKELIHOOD), header["likelihood"], t("workbooks.likelihood_prompt", "zh"))
        ws.add_data_validation(dv)
        dv.add(f"{col['likelihood']}2:{col['likelihood']}{last}")
        hint = DataValidation(showInputMessage=True, promptTitle=header["actual"],
                              prompt=t("workbooks.actual_prompt", "zh"))
        ws.add_data_validation(hint)
        hint.add(f"{col['actual']}2:{col['actual']}{last}")
    book.active = 0
    book.save(path)
    return written


def cause_choices(rules) -> list[str]:
    """The causes as the drop-down list shows them: their Chinese names (the reader takes them, and
    the codes, alike)."""
    return [cause.zh for cause in rules.causes.values()]


def _column_header(column: str) -> str:
    if column == "previous":
        return t("snapshots.col_previous", "zh")
    if column == "unit":
        return HEADER_WORDS["unit"]
    return t(f"workbooks.col_{column}", "zh")


def _lists_sheet(book, causes: list[str]):
    """The hidden sheet the cause list is read from (a list written into the validation itself may
    hold 255 characters at most). The value-table reader leaves this sheet out."""
    ws = book.create_sheet(title=LISTS_SHEET)
    ws.append([t("workbooks.col_causes", "zh")])
    for name in causes:
        ws.append([name])
    ws.sheet_state = "hidden"
    return ws


def ledger_template(path: Path) -> None:
    """The achievements ledger that the example rule S_NATIONAL_AWARDS counts."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = t("workbooks.ledger_sheet", "zh")
    _header(ws, LEDGER_HEADERS, LEDGER_WIDTHS)
    levels = [t("workbooks.ledger_national", "zh"), t("workbooks.ledger_provincial", "zh")]
    dv = _list_validation(levels, LEDGER_HEADERS[1], t("workbooks.ledger_level_prompt", "zh"))
    ws.add_data_validation(dv)
    dv.add(f"B2:B{TEMPLATE_ROWS + 1}")
    book.save(path)


def funds_template(path: Path, year: int, sources: list[str]) -> None:
    """The funds ledger by source (表 3): 年度, 资金来源, 预算, 到位, 执行, one row per year and source."""
    _money_ledger(path, "snapshots.funds_sheet", ("year", "source", "budget", "arrived", "spent"), year,
                  (sources, "snapshots.source_prompt"))


def budget_template(path: Path, year: int, tasks: list[str]) -> None:
    """The budget ledger by construction task (表 4): 年度, 建设任务, 预算, 执行, one row per year and task."""
    _money_ledger(path, "snapshots.budget_sheet", ("year", "task", "budget", "spent"), year,
                  (tasks, "snapshots.task_prompt"))


def _money_ledger(path: Path, sheet: str, columns, year: int, choices) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    book = Workbook()
    ws = book.active
    ws.title = t(sheet, "zh")
    headers = [t(f"snapshots.col_{c}", "zh") for c in columns]
    _header(ws, headers, [10, 28] + [12] * (len(columns) - 2))
    last = TEMPLATE_ROWS + 1
    options, prompt = choices
    if options and len(",".join(options)) <= 250:
        dv = _list_validation(options, headers[1], t(prompt, "zh"))
        dv.errorStyle = "warning"  # another source or task may be right: warn, do not refuse
        dv.errorTitle, dv.error = t("snapshots.pick_warn_title", "zh"), t("snapshots.pick_warn", "zh")
        ws.add_data_validation(dv)
        dv.add(f"B2:B{last}")
    hint = DataValidation(showInputMessage=True, promptTitle=headers[0],
                          prompt=t("snapshots.year_prompt", "zh", year=year))
    ws.add_data_validation(hint)
    hint.add(f"A2:A{last}")
    money = DataValidation(showInputMessage=True, promptTitle=headers[2], prompt=t("snapshots.money_prompt", "zh"))
    ws.add_data_validation(money)
    money.add(f"C2:{chr(ord('A') + len(columns) - 1)}{last}")
    book.save(path)


def _header(ws, headers, widths):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    ws.append(list(headers))
    for n, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=n)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"


def _list_validation(options, prompt_title, prompt, strict=True):
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                        showInputMessage=True, showErrorMessage=True,
                        promptTitle=prompt_title[:32], prompt=prompt[:255])
    if strict:
        only = t("workbooks.pick_only", "zh", options=t("workbooks.list_sep", "zh").join(options))
        dv.errorTitle, dv.error = t("workbooks.pick_title", "zh"), only[:255]
    else:  # several codes separated by commas are allowed: warn, do not refuse
        dv.errorStyle = "warning"
        dv.errorTitle = t("workbooks.cause_warn_title", "zh")
        dv.error = t("workbooks.cause_warn", "zh")
    return dv
