import os
import sys
from pathlib import Path

os.environ["OPENPYXL_LXML"] = "False"  # as engine/__init__.py: workbooks written the same with or without lxml
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import engine  # noqa: E402,F401  (before any test imports openpyxl: engine/__init__.py fixes its XML writer)
