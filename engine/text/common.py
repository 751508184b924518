"""Words shared by every area: how lists, quotes and omissions are written in each language."""

TEXTS = {  # key: (zh, en)
    "list_sep": ("、", ", "),
    "more": ("…", "..."),  # after a list or a text cut short
    "none_listed": ("（无）", "(none)"),  # an empty list
    "quoted": ("“{text}”", '"{text}"'),
    "bracketed": ("（{text}）", " ({text})"),
}
