"""jixiao: evaluate 双高 performance indicators from declarative YAML rules."""
__version__ = "0.1.0"
