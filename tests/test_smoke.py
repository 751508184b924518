import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_default_evaluates():
    proc = subprocess.run([sys.executable, "cli.py", "evaluate", "--snapshot", "2021-12-31"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "异常清单" in proc.stdout
    assert "Traceback" not in proc.stderr
