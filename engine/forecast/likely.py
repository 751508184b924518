"""The suggested 完成目标可能性, column-wise, and the reason code behind it.

In "good" units (the value × sign: higher is better +1, lower is better −1), with the final
target F, the last actual A, the projection at the period's end P and the recent rate r:

    reason      when (first that holds)                                      suggested
    no_value    no snapshot has a numeric actual                              (none)
    met         A meets F, and stays so: no trend known, the period has       确定能
                ended, or P meets F too
    ended       the latest snapshot is at or after the period's end           完全不可能
    one_value   only one snapshot has a value: no trend                       (none)
    slipping    A meets F but P does not (a cap overrun at this pace, a       有可能
                count going down)
    reaches     P meets F                                                     确定能
    flat        r ≤ 0: no progress (or going the wrong way)                   完全不可能
    part        (P − A) ÷ (F − A) ≥ POSSIBLE_SHARE                            有可能
    short       otherwise: the trend covers less of the gap                   完全不可能

POSSIBLE_SHARE (0.5; settings.yaml forecast_possible_share sets another): at the recent speed at
least half of what is still missing gets done by the period's end, so a faster pace can close the rest."""
from __future__ import annotations

import numpy as np
import pandas as pd

from engine.text.vocabulary import LIKELIHOOD

POSSIBLE_SHARE = 0.5
CERTAIN, POSSIBLE, IMPOSSIBLE = LIKELIHOOD  # the value table's canonical words, in this order


def suggest(rows: pd.DataFrame, day: str, period_end: str, possible_share: float = POSSIBLE_SHARE) -> pd.DataFrame:
    """rows from trend.projections; adds share, reason, suggested and disagree columns."""
    s = rows["sign"].to_numpy(dtype=float)
    last, final = rows["last"].to_numpy(dtype=float), rows["final_target"].to_numpy(dtype=float)
    end, rate = rows["end_projected"].to_numpy(dtype=float), rows["rate"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (s * end - s * last) / (s * final - s * last)
    met, reaches = s * last >= s * final, s * end >= s * final
    ended, no_rate = np.full(len(rows), day >= period_end), np.isnan(rate)
    cases = [
        ("no_value", np.isnan(last), None),
        ("met", met & (no_rate | ended | reaches), CERTAIN),
        ("ended", ended, IMPOSSIBLE),
        ("one_value", no_rate, None),
        ("slipping", met, POSSIBLE),
        ("reaches", reaches, CERTAIN),
        ("flat", s * rate <= 0, IMPOSSIBLE),
        ("part", share >= possible_share, POSSIBLE),
    ]
    conditions = [c for _, c, _ in cases]
    reason = np.select(conditions, [r for r, _, _ in cases], default="short").astype(object)
    suggested = np.select(conditions, [np.array(v, dtype=object) for _, _, v in cases],
                          default=np.array(IMPOSSIBLE, dtype=object))
    out = rows.assign(share=np.where(np.isfinite(share), share, np.nan), reason=reason, suggested=suggested)
    forecastable = out["why_not"].isna()
    out.loc[~forecastable, ["reason", "suggested"]] = None
    staff = out["likelihood"]
    out["disagree"] = forecastable & staff.notna() & out["suggested"].notna() & (staff != out["suggested"])
    return out
