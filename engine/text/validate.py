"""Words of `jixiao validate` (engine/check/)."""

TEXTS = {
    "way_higher": ("越高越好", "higher is better"),
    "way_lower": ("越低越好", "lower is better"),
}
