"""Step 6: turn a Summary into what a person or a program reads."""
from engine.render import csv_out, json_out, markdown, table, xlsx

RENDERERS = {"table": table.render, "json": json_out.render, "csv": csv_out.render, "markdown": markdown.render,
             "xlsx": xlsx.render}  # xlsx returns bytes: it needs --output
