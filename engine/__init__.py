"""jixiao: evaluate 双高 performance indicators from declarative YAML rules."""
import os

__version__ = "0.1.0"

# openpyxl writes its XML with lxml when lxml is installed (python-docx brings it) and with the
# standard library otherwise: the same workbook would then differ byte for byte between machines.
# Set before openpyxl is first imported, so every workbook jixiao writes is the same everywhere.
os.environ["OPENPYXL_LXML"] = "False"
