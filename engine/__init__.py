"""jixiao: evaluate 双高 performance indicators from declarative YAML rules."""
import os

__version__ = "0.1.0"

# openpyxl writes other bytes when lxml is installed (python-docx brings it): workbooks must not
# depend on what else is installed. Set before openpyxl is first imported.
os.environ["OPENPYXL_LXML"] = "False"
