"""jixiao: evaluate 双高 performance indicators from declarative YAML rules."""
import os

# Workbooks byte for byte the same whether or not lxml is installed: openpyxl writes through lxml when
# it can, and python-docx (jixiao audit reads .docx with it) brings lxml. Set before openpyxl is imported.
os.environ.setdefault("OPENPYXL_LXML", "False")

__version__ = "0.1.0"
