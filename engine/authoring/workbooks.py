"""The XLSX workbooks a new workspace starts with: the value table (one sheet per level, one row
per indicator, drop-down lists for cause codes and likelihood) and the achievements ledger.
Their words are Chinese (policy staff fill them in), read from engine/text/workbooks.py."""
from __future__ import annotations

from pathlib import Path

from engine.text import t
from engine.text.labels import DEFAULT_LEVELS
from engine.text.vocabulary import LIKELIHOOD

COLUMNS = ("indicator", "name", "measure", "actual", "causes", "note", "likelihood", "evidence")
HEADERS = tuple(t(f"workbooks.col_{c}", "zh") for c in COLUMNS)
WIDTHS = (18, 40, 10, 14, 18, 40, 14, 30)
LEDGER_HEADERS = tuple(t(f"workbooks.ledger_{c}", "zh") for c in ("date", "level", "title", "evidence"))
LEDGER_WIDTHS = (14, 10, 50, 30)
TEMPLATE_ROWS = 300  # rows below the header that get the drop-down lists


def value_template(path: Path, rules, causes: dict) -> None:
    """The value table: one sheet per level, one row per indicator, with drop-down lists.
    causes: code -> its words, as the drop-down list's prompt shows them."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    levels = rules.settings.levels or DEFAULT_LEVELS
    col = {c: get_column_letter(n) for n, c in enumerate(COLUMNS, start=1)}
    header = dict(zip(COLUMNS, HEADERS))
    last = TEMPLATE_ROWS + 1
    grey = PatternFill("solid", fgColor="EDEDED")
    for level, title in levels.items():
        ws = book.create_sheet(title=title[:31])
        _header(ws, HEADERS, WIDTHS)
        for ind in (i for i in rules.indicators if i.level == level):
            ws.append([ind.id, ind.name, ind.unit, None, None, None, None, None])
            row = ws.max_row
            cell = ws[f"{col['actual']}{row}"]
            if ind.actual:
                cell.fill = grey
                cell.comment = Comment(t("workbooks.formula_comment", "zh", formula=ind.actual), "jixiao")
            elif ind.way.template_comment(ind, "zh"):
                cell.comment = Comment(ind.way.template_comment(ind, "zh"), "jixiao")
        listed = t("workbooks.cause_sep", "zh").join(
            t("workbooks.cause_item", "zh", code=code, name=words) for code, words in causes.items())
        dv = _list_validation(list(causes), header["causes"], t("workbooks.causes_prompt", "zh", causes=listed),
                              strict=False)
        ws.add_data_validation(dv)
        dv.add(f"{col['causes']}2:{col['causes']}{last}")
        dv = _list_validation(list(LIKELIHOOD), header["likelihood"], t("workbooks.likelihood_prompt", "zh"))
        ws.add_data_validation(dv)
        dv.add(f"{col['likelihood']}2:{col['likelihood']}{last}")
        hint = DataValidation(showInputMessage=True, promptTitle=header["actual"],
                              prompt=t("workbooks.actual_prompt", "zh"))
        ws.add_data_validation(hint)
        hint.add(f"{col['actual']}2:{col['actual']}{last}")
    book.save(path)


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
