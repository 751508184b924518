"""Status and flag colours shared by the workbook and the HTML report (RRGGBB, no #)."""
from __future__ import annotations

STATUS_FILL = {  # light fills, dark enough to tell apart when printed in grey
    "exceeded": "A9D08E",
    "achieved": "E2EFDA",
    "in_progress": "FFE699",
    "late": "FBE5D6",
    "not_achieved": "F8CBAD",
    "not_due": "EDEDED",
    "missing": "F4B084",
    "error": "D9A6E8",
}
STATUS_BAR = {  # stronger colours for chart bars
    "exceeded": "548235",
    "achieved": "8DB36B",
    "in_progress": "E0A800",
    "late": "E46C0A",
    "not_achieved": "C0504D",
    "not_due": "A6A6A6",
    "missing": "ED7D31",
    "error": "8E44AD",
}
FLAG_FILL = {
    "overspend": "F8CBAD",
    "low_execution": "FFE699",
    "far_beyond_target": "DDEBF7",
    "cause_missing": "FFE699",
}
HEADER_FILL = "D9E1F2"
