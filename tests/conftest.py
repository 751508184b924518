import sys
from pathlib import Path

import engine  # noqa: F401  (first: it tells openpyxl not to use lxml, so workbooks match the golden ones)

sys.path.insert(0, str(Path(__file__).resolve().parent))
