import os
import sys
import tempfile
from pathlib import Path

os.environ["OPENPYXL_LXML"] = "False"  # as engine/__init__.py: workbooks written the same with or without lxml
# the schema checks' cache of passes (engine/load/schema_check.py): this session's own, not the user's
os.environ.setdefault("JIXIAO_CACHE", tempfile.mkdtemp(prefix="jixiao-test-cache-"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import engine  # noqa: E402,F401  (before any test imports openpyxl: engine/__init__.py fixes its XML writer)
