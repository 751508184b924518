"""Read a report, run every check, and keep one finding per figure (the first check's)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.audit import readers
from engine.audit.finding import Checked, Finding
from engine.audit.registry import checks


@dataclass
class AuditContext:
    doc: object                 # the Document
    results: object = None      # engine/audit/results.Results, with --rules and a snapshot


@dataclass
class Audit:
    file: str
    findings: list = field(default_factory=list)   # [Finding] in the order of the report
    checked: list = field(default_factory=list)    # [Checked]: right under a convention worth saying
    tables: int = 0
    paragraphs: int = 0
    evaluated: bool = False


def audit(path: Path, results=None) -> Audit:
    doc = readers.read(Path(path))
    ctx = AuditContext(doc, results)
    found = [item for c in checks() if results is not None or not c.needs_results for item in c.run(ctx)]
    findings, seen = [], set()
    for item in (f for f in found if isinstance(f, Finding)):
        key = (item.place.line, item.place.table, item.place.row, item.place.column, item.stated)
        if key not in seen:
            seen.add(key)
            findings.append(item)
    checked, seen = [], set()
    for item in (f for f in found if isinstance(f, Checked)):
        key = (item.place.line, item.place.table, item.place.row, item.stated)
        if key not in seen:
            seen.add(key)
            checked.append(item)
    order = lambda f: (f.place.line or 0, f.place.table, f.place.row, f.place.column)  # noqa: E731
    return Audit(str(path), sorted(findings, key=order), sorted(checked, key=order), len(doc.tables),
                 len(doc.paragraphs), results is not None)
