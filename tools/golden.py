"""Golden outputs: what the commands print and write for the shipped college and examples/demo,
pinned byte for byte so that a refactoring can prove it changed nothing.

    python tools/golden.py            # compare with tests/golden/ (exit 1 on a difference)
    python tools/golden.py --update   # write them anew (only when a change is meant)
    python tools/golden.py --fresh    # each case in a new process, as users run it (slower)

tests/test_golden.py runs the same comparison. Each case is a command line run in-process from
the repository root; its stdout, stderr and exit code are kept, and any file it writes."""
from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DEMO = ["--rules", "examples/demo/rules", "--datasets", "examples/demo/datasets"]
DAY = ["--snapshot", "2021-12-31"]
BROKEN = ["--rules", "tests/workspaces/broken/rules", "--datasets", "tests/workspaces/broken/datasets"]
RULE_ERRORS = ["--rules", "tests/workspaces/rule-errors/rules", "--datasets", "tests/workspaces/rule-errors/datasets"]
RULE_ERROR_IDS = ["S_LEDGER", "S_PASS", "S_DONE", "S_GRADE", "S_LOW"]
SHIPPED_EXPLAIN = ["S708", "G901", "S206", "S405", "S707", "S105", "S210"]
DEMO_IDS = ["G_NATIONAL", "G_PROVINCIAL", "G_CASES", "G_PATENTS", "G_FOREIGN_STAFF_TRAINING", "G_BUDGET_EXEC",
            "S_1X_PILOT", "S_SKILL_CERT", "S_TRAIN_BASE", "S_DUAL_TEACHER", "S_PART_TIME", "S_TEACHER_FUNDS",
            "S_INTL_STUDENTS", "S_INTL_STANDARD", "S_INTL_PROJECTS", "S_DIGITAL_CAMPUS", "S_PRACTICE_PLATFORM",
            "S_BUDGET_EXEC", "S_COST", "S_SERVICE_INCOME", "S_GRADE", "S_GRAD_SATISFACTION",
            "S_EMPLOYER_SATISFACTION", "S_STUDENT_SATISFACTION"]


def _cases() -> dict[str, list[str]]:
    """name -> arguments; {out} stands for a file in a fresh folder."""
    cases = {}
    for where, extra in (("shipped", []), ("demo", DEMO)):
        for fmt in ("table", "json", "csv", "markdown"):
            cases[f"{where}-evaluate-{fmt}"] = ["evaluate", *DAY, *extra, "--format", fmt]
        cases[f"{where}-evaluate-xlsx"] = ["evaluate", *DAY, *extra, "--output", "{out}.xlsx"]
        cases[f"{where}-evaluate-table-en"] = ["evaluate", *DAY, *extra, "--lang", "en"]
        cases[f"{where}-evaluate-json-en"] = ["evaluate", *DAY, *extra, "--format", "json", "--lang", "en"]
        cases[f"{where}-evaluate-exceptions"] = ["evaluate", *DAY, *extra, "--exceptions-only"]
        cases[f"{where}-report-md"] = ["report", *DAY, *extra, "--format", "markdown"]
        cases[f"{where}-report-html"] = ["report", *DAY, *extra, "--output", "{out}.html"]
        cases[f"{where}-report-en-md"] = ["report", *DAY, *extra, "--lang", "en"]
        cases[f"{where}-validate"] = ["validate", *extra]
        cases[f"{where}-validate-json"] = ["validate", *extra, "--format", "json"]
        cases[f"{where}-validate-en"] = ["validate", *extra, "--lang", "en"]
    for date in ("2019-12-31", "2020-12-31"):
        cases[f"shipped-evaluate-json-{date}"] = ["evaluate", "--snapshot", date, "--format", "json"]
        cases[f"shipped-evaluate-table-{date}"] = ["evaluate", "--snapshot", date]
    against = ["--against", "2020-12-31"]
    cases["shipped-report-against-html"] = ["report", *DAY, *against, "--output", "{out}.html"]
    cases["shipped-report-against-md"] = ["report", *DAY, *against]
    for fmt in ("table", "json", "markdown"):
        cases[f"shipped-compare-{fmt}"] = ["compare", *DAY, *against, "--format", fmt]
    cases["shipped-compare-table-en"] = ["compare", *DAY, *against, "--lang", "en"]
    for fmt in ("table", "json", "markdown"):
        cases[f"shipped-forecast-{fmt}"] = ["forecast", *DAY, "--format", fmt]
    cases["shipped-forecast-markdown-en"] = ["forecast", *DAY, "--format", "markdown", "--lang", "en"]
    for ind in SHIPPED_EXPLAIN:
        cases[f"shipped-explain-{ind}"] = ["explain", ind, *DAY]
        cases[f"shipped-explain-{ind}-json"] = ["explain", ind, *DAY, "--format", "json"]
        cases[f"shipped-explain-{ind}-en"] = ["explain", ind, *DAY, "--lang", "en"]
    for ind in DEMO_IDS:
        cases[f"demo-explain-{ind}"] = ["explain", ind, *DAY, *DEMO]
        cases[f"demo-explain-{ind}-json"] = ["explain", ind, *DAY, *DEMO, "--format", "json"]
    cases["demo-explain-en"] = ["explain", "S_DIGITAL_CAMPUS", *DAY, *DEMO, "--lang", "en"]
    for ind in DEMO_IDS:
        cases[f"demo-explain-{ind}-en"] = ["explain", ind, *DAY, *DEMO, "--lang", "en"]
    cases["shipped-report-en-html"] = ["report", *DAY, "--lang", "en", "--output", "{out}.html"]
    cases["shipped-report-against-en-md"] = ["report", *DAY, *against, "--lang", "en"]
    # small workspaces of tests/workspaces/: every kind of problem validate reports, rule errors
    for lang in ("zh", "en"):
        tail = [] if lang == "zh" else ["en"]
        cases["-".join(["broken-validate", *tail])] = ["validate", *BROKEN, "--lang", lang]
        cases["-".join(["rule-errors-evaluate", *tail])] = ["evaluate", *DAY, *RULE_ERRORS, "--lang", lang]
        cases["-".join(["rule-errors-report", *tail])] = ["report", *DAY, *RULE_ERRORS, "--lang", lang]
        for ind in RULE_ERROR_IDS:
            cases["-".join(["rule-errors-explain", ind, *tail])] = ["explain", ind, *DAY, *RULE_ERRORS, "--lang", lang]
    cases["broken-validate-parsable"] = ["validate", *BROKEN, "--format", "parsable"]
    cases["broken-validate-json"] = ["validate", *BROKEN, "--format", "json"]
    cases["shipped-test"] = ["test"]
    cases["shipped-test-en"] = ["test", "--lang", "en"]
    return cases


CASES = _cases()


def run_case(args: list[str], fresh: bool = False) -> dict[str, bytes]:
    """The case's outputs: stdout, stderr, exit code, and each file it wrote (by suffix).
    In-process by default (fast); fresh: in a new process, as a user runs it."""
    folder = Path(tempfile.mkdtemp(prefix="golden-"))
    try:
        argv = [a.replace("{out}", str(folder / "out")) for a in args]
        if fresh:
            done = subprocess.run([sys.executable, "cli.py", *argv], cwd=ROOT, capture_output=True)
            found = {"stdout": done.stdout, "stderr": done.stderr, "exit": f"{done.returncode}\n".encode()}
        else:
            found = _in_process(argv)
        for path in sorted(folder.iterdir()):
            found["file" + path.suffix] = path.read_bytes()
        return found
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _in_process(argv: list[str]) -> dict[str, bytes]:
    from engine.cli.app import main
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return {"stdout": out.getvalue().encode(), "stderr": err.getvalue().encode(), "exit": f"{code}\n".encode()}


def stored(name: str) -> dict[str, bytes]:
    folder = GOLDEN / name
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def differences(name: str, fresh: bool = False) -> list[str]:
    got, want = run_case(CASES[name], fresh), stored(name)
    return [part for part in sorted(set(got) | set(want)) if got.get(part) != want.get(part)]


def main(argv: list[str]) -> int:
    import os
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    update, fresh = "--update" in argv, "--fresh" in argv
    names = [a for a in argv if not a.startswith("--")] or list(CASES)
    failed = 0
    for name in names:
        if update:
            folder = GOLDEN / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for part, data in run_case(CASES[name], fresh).items():
                (folder / part).write_bytes(data)
            print(f"wrote {name}")
        else:
            diff = differences(name, fresh)
            print(f"{'DIFF' if diff else 'same'} {name} {' '.join(diff)}")
            failed += bool(diff)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
