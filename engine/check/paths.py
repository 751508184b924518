"""What the PATHs given to `jixiao validate` name, and so which problems are listed: a rule folder
or file, a datasets folder, a snapshot folder or a file in one. Problems outside them are counted,
not listed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.check.context import problem
from engine.check.validate import Report, validate
from engine.core.dates import iso_date
from engine.core.paths import display
from engine.core.problems import Problem

CODES = ("validate.path_missing", "validate.bad_path", "validate.no_datasets")  # reported here


@dataclass
class PathScope:
    rules_dir: Path
    datasets_dir: Path | None
    dates: list | None                                   # None: every snapshot of datasets_dir
    shown: list = field(default_factory=list)            # paths whose problems are listed; empty: all
    snapshots: list = field(default_factory=list)        # named snapshots: their problems are listed too
    problems: list = field(default_factory=list)         # paths that are not anything jixiao reads


@dataclass
class Found:
    """What validate prints: the problems listed, and how many it found outside the paths."""
    listed: list
    report: Report | None      # None: nothing that was named could be read
    hidden: int = 0

    @property
    def errors(self) -> bool:
        return any(p.level == "error" for p in self.listed)


def validate_paths(paths, rules_dir: Path, datasets_dir: Path) -> Found:
    """Validate what the paths name (everything under --rules and --datasets when none is given)."""
    sc = scope_of(paths, rules_dir, datasets_dir)
    if paths and not sc.shown:
        return Found(sc.problems, None)
    report = validate(sc.rules_dir, sc.datasets_dir, sc.dates)
    if not paths and not Path(datasets_dir).is_dir():
        report.problems.append(problem("validate.no_datasets", display(Path(datasets_dir)), None, None, "",
                                       dir=display(Path(datasets_dir))))
    shown = sorted([p for p in report.problems if listed(p, sc)] + sc.problems, key=Problem.sort_key)
    return Found(shown, report, len(report.problems) - len(shown) + len(sc.problems))


def scope_of(paths, rules_dir: Path, datasets_dir: Path) -> PathScope:
    """What the paths name: a rule folder or file, a datasets folder, a snapshot folder or a file in one."""
    s = PathScope(Path(rules_dir), Path(datasets_dir), None)
    named_dates, named_datasets = [], None
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            s.problems.append(problem("validate.path_missing", display(p), None, None, "", "error", path=display(p)))
            continue
        folder = p if p.is_dir() else p.parent
        s.shown.append(p)
        if iso_date(folder.name):
            s.datasets_dir = folder.parent
            named_dates.append(folder.name)
        elif p.is_dir() and any(iso_date(c.name) for c in p.iterdir() if c.is_dir()):
            named_datasets = p
        elif (folder / "settings.yaml").exists() or any(folder.glob("*.yaml")):
            s.rules_dir = folder
        else:
            s.shown.pop()
            s.problems.append(problem("validate.bad_path", display(p), None, None, "", "error", path=display(p)))
    if named_datasets is not None:
        s.datasets_dir = named_datasets
        if named_dates:
            s.problems.append(problem("validate.bad_path", display(named_datasets), None, None, "", "error",
                                      path=display(named_datasets)))
    if named_dates:
        s.dates = sorted(set(named_dates))
        s.snapshots = s.dates
    return s


def listed(p: Problem, sc: PathScope) -> bool:
    """Whether a problem is in what the paths name (or of a snapshot they name)."""
    if not sc.shown:
        return True
    if set(p.params.get("_snapshots", ())) & set(sc.snapshots):
        return True
    try:
        where = Path(p.file).resolve()
    except OSError:
        return False
    return any(where == q.resolve() or q.resolve() in where.parents for q in sc.shown)
