"""A result the report does not know the shape of is shown as tables (engine/report/generic.py), also
when its rows are held as columns (summarise/records.Rows, as the scores' rows are)."""
import numpy as np

from engine.report.document import Table
from engine.report.generic import generic_blocks
from engine.summarise.records import Coded, Rows


def test_rows_held_as_columns_are_a_table_of_their_rows():
    rows = Rows({"unit": Coded(np.array([0, 1, 0]), ["a", "b"]), "weight": np.array([1.0, 2.5, 3.0])})
    [table] = generic_blocks(rows, "zh")
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows] == [["a", "1"], ["b", "2.5"], ["a", "3"]]
