"""click's own words (Usage:, Options, [required] …), as --help shows them in Chinese
(engine/cli/click_zh.py hands click's gettext lookups to this table)."""

WORDS = {  # click's English -> Chinese; a word not here stays as click writes it
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
}
TEXTS = {english: (chinese, english) for english, chinese in WORDS.items()}
