"""An explain trace (engine/authoring/explain.py) as text for people, or as JSON."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from engine import directions
from engine.summarise.summary import plain
from engine.text import t, words
from engine.text.fields import rule_field
from engine.text.labels import SUBTYPES, label


def w(key, lang, **params) -> str:
    return t(f"explain.{key}", lang, **params)


def as_json(trace: dict, lang: str = "zh") -> str:
    return json.dumps(trace, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value):
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return plain(float(value))
    if isinstance(value, pd.Timestamp):
        return plain(value)
    return str(value)


def as_text(tr: dict, lang: str = "zh") -> str:
    sep, colon = " · ", w("colon", lang)
    out = [f"{tr['id']} {tr['name']}"]
    kind = [tr["level_label"], tr["task"], tr["type_label"]]
    if tr["subtype"]:
        kind.append(label(SUBTYPES, tr["subtype"], lang))
    out.append("  " + sep.join(k for k in kind if k) + sep + f"{w('measure', lang)} {tr['measure']}")
    out.append("")
    extra = ""
    if directions.get(tr["direction"]).cumulative:
        extra = w("extra_sep", lang) + (w("annual", lang) if tr["annual"] else w("cumulative", lang))
    where = f"{tr['rule']['file']}:{tr['rule']['line']}"
    out.append(f"{w('rule', lang)}{colon}" + w("rule_line", lang, where=where, field=rule_field("direction", lang),
                                                direction=tr["direction"],
                                                symbol=label(words("directions"), tr["direction"], lang), extra=extra))
    out.append(f"{w('targets', lang)}{colon}".rstrip())
    for tg in tr["targets"]:
        mark = "→ " if tg["applies"] else "  "
        line = w("line", lang, line=tg["line"]) if tg["line"] else ""
        tail = []
        if tg["applies"]:
            tail.append(w("applies", lang))
        if tg["final"]:
            tail.append(w("final_mark", lang, final=w("final", lang)))
        out.append(f"  {mark}{tg['date']}  {tg['text']:<10} {line}  {' '.join(tail)}".rstrip())
    out.append("  " + tr["applicable"]["text"])
    for u in tr["units"]:
        out.append("")
        unit_name = w("unit_named", lang, unit=u["unit"], name=u["unit_name"]) if u["unit_name"] != u["unit"] \
            else u["unit"]
        out.append(f"{w('snapshot', lang)} {tr['snapshot']}{sep}{w('unit', lang)} {unit_name}")
        out += _unit_text(u, lang)
    return "\n".join(out) + "\n"


def _unit_text(u: dict, lang: str) -> list[str]:
    colon = w("colon", lang)
    a = u["actual"]
    out = [f"{w('actual', lang)}{colon}{a['text']}", "  " + a["source"]["text"]]
    for call in a["source"].get("calls", []):
        out.append("  " + call["text"])
    for name in a["source"].get("names", []):
        out.append("  " + name["text"])
    if a["source"].get("error"):
        out.append("  " + a["source"]["error"])
    if u["pass"] is not None:
        out.append(f"{w('pass', lang)}{colon}{u['pass']['text']}")
        out.append(f"{w('overshoot', lang)}{colon}{u['overshoot']['text']}")
    s = u["status"]
    out.append(f"{w('status', lang)}{colon}" + w("status_line", lang, label=s["label"], reason=s["reason"]))
    if u.get("progress"):  # between two staged targets only
        out.append(f"{u['progress']['label']}{colon}{u['progress']['text']}")
        out.append("  " + u["progress"]["verdict"])
    if u["flags"]:
        out.append(f"{w('flags', lang)}{colon}")
        out += [f"  {f['label']}{colon}{f.get('text', '')}" for f in u["flags"]]
    else:
        out.append(f"{w('flags', lang)}{colon}{w('none', lang)}")
    c = u["cause"]
    if c is not None:
        out.append(f"{w('cause', lang)}{colon}{c['text']}")
        if c["snapshot"]:
            if c["source"] != "snapshot":
                out.append("  " + c["snapshot"]["text"])
            out += ["  " + line for line in c["snapshot"]["lines"]]
        for rc in c["rule_causes"]:
            out.append("  " + rc["text"])
    if u["cause_note"]:
        out.append(f"{w('note_text', lang)}{colon}{u['cause_note']}")
    return out

