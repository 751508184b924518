"""Values with a meaning of their own."""
import pandas as pd

NOT_DONE = pd.Timestamp("2262-01-01")  # completion date of something not yet done: after every deadline
