"""Values with a meaning of their own."""
import pandas as pd

NOT_DONE = pd.Timestamp("2262-01-01")  # completion date of something not yet done: after every deadline


def is_number(value) -> bool:
    """A number as rules write it (true and false are not numbers)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
