#!/usr/bin/env python3
# Copied unchanged from shared/corpus/score.py (the project's official scorer) so that the quality gate runs on a clean clone.
"""Score a page parse against a gold annotation.

usage: score.py GOLD.json PARSE.json [--source PAGE.txt] [--json]
       score.py --dir DIR --cmd 'COMMAND {file}'   (every *.gold.json in DIR)

PARSE.json is what `parse --json` prints for the page (schema: ../DESIGN.md).
Metrics, each over the page's non-blank lines:
  coverage   share of lines that some output block claims (must be 1.0: nothing lost)
  lost_chars letters/digits of the source missing from the block that claims them (must be 0)
  role_acc   share of lines whose role matches the gold role
  struct_f1  F1 of roles on the lines that are not plain paragraphs in gold or parse (headlines, bylines,
             headings, captions, ...), so that body text cannot hide misses
  article_f1 B-cubed F1 of lines grouped into articles (page-level lines left out)
  unit_f1    F1 of blocks whose line set equals a gold unit (joins and splits of paragraphs)
  headline_acc share of gold articles whose headline lines are exactly one output article's headline
  headline_f1  the same as an F1: output headlines that are no gold headline count against it
  dup_lines  lines claimed by two spans (other than a byline taken out of a paragraph line): must be 0
"""
from collections import Counter
import json, subprocess, sys, unicodedata, glob, os, shlex

ROLE_KEYS = [("kicker", "kicker"), ("headline", "headline"), ("subheadline", "subheadline")]
LIST_KEYS = [("captions", "caption"), ("credits", "credit"), ("authorNotes", "authorNote"), ("bylines", "byline")]


def blocks_of(parse):
    """Yield (role, article_index or None, lines, text) for every block in a parse."""
    page = parse.get("page") or {}
    for r in page.get("rubrics") or []:
        yield "rubric", None, r.get("lines") or [], r.get("text", "")
    for b in parse.get("unassigned") or []:
        yield b.get("type", "other"), None, b.get("lines") or [], b.get("text", "")
    for i, a in enumerate(parse.get("articles") or []):
        for key, role in ROLE_KEYS:
            v = a.get(key)
            if v:
                yield role, i, v.get("lines") or [], v.get("text", "")
        r = a.get("rubric")
        if isinstance(r, dict) and r.get("lines"):
            yield "rubric", i, r["lines"], r.get("text", "")
        for b in a.get("body") or []:
            yield b.get("type", "paragraph"), i, b.get("lines") or [], b.get("text", "")
        for key, role in LIST_KEYS:
            for v in a.get(key) or []:
                text = v.get("text") or " ".join(v.get("names") or [])
                if role == "byline":
                    text = (v.get("role") or "") + text
                yield role, i, v.get("lines") or [], text


def letters(s):
    return [c for c in s if unicodedata.category(c)[0] in "LN"]


def bcubed(gold_of, pred_of):
    items = [l for l in gold_of if gold_of[l] is not None]
    if not items:
        return 1.0
    p = r = 0.0
    for l in items:
        same_g = {m for m in items if gold_of[m] == gold_of[l]}
        same_p = {m for m in items if pred_of.get(m, ("x", m)) == pred_of.get(l, ("x", l))}
        both = len(same_g & same_p)
        p += both / len(same_p)
        r += both / len(same_g)
    p /= len(items); r /= len(items)
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold, parse, source_lines):
    units = gold["units"]
    nonblank = [l for u in units for l in u["lines"]]
    gold_role = {l: (u["role"] if isinstance(u["role"], list) else [u["role"]]) for u in units for l in u["lines"]}
    gold_art = {l: u["article"] for u in units for l in u["lines"]}
    pred_role, pred_art, pred_blocks, text_on = {}, {}, [], {}
    roles_on = {}
    for role, art, lines, text in blocks_of(parse):
        lines = [int(x) for x in lines]
        if not lines:
            continue
        key = frozenset(lines)
        if key not in pred_blocks:
            pred_blocks.append(key)
        for l in lines:
            pred_role.setdefault(l, role)
            pred_art.setdefault(l, art)
            roles_on.setdefault(l, []).append((role, art))
            text_on[l] = text_on.get(l, "") + text
    # a line claimed twice: allowed for a byline taken out of a line that another span of the same
    # article also holds (a dateline byline inside a paragraph), and for a rubric that both the page and
    # the articles under it name; anything else is double counting
    dup = 0
    for l, claims in roles_on.items():
        if all(r == "rubric" for r, _ in claims):
            continue
        others = [c for c in claims if c[0] != "byline"]
        if len(others) > 1 or len({a for _, a in claims}) > 1:
            dup += 1
    # every letter/digit of a line must survive in the text of the spans that claim it
    lost = 0
    for l in nonblank:
        if l <= len(source_lines):
            want = Counter(letters(source_lines[l - 1]))
            lost += sum((want - Counter(letters(text_on.get(l, "")))).values())
    covered = [l for l in nonblank if l in pred_role]
    role_ok = [l for l in nonblank if pred_role.get(l) in gold_role[l]]
    # structure: lines that are not plain paragraph text in the gold or in the parse (headlines,
    # bylines, headings, captions, ...); F1 of getting their role right, so body text cannot hide misses
    struct_gold = [l for l in nonblank if "paragraph" not in gold_role[l]]
    struct_pred = [l for l in nonblank if pred_role.get(l, "paragraph") != "paragraph"]
    s_tp = sum(1 for l in struct_pred if pred_role[l] in gold_role[l])
    s_p = s_tp / len(struct_pred) if struct_pred else 1.0
    s_r = sum(1 for l in struct_gold if pred_role.get(l) in gold_role[l]) / len(struct_gold) if struct_gold else 1.0
    struct_f1 = 2 * s_p * s_r / (s_p + s_r) if s_p + s_r else 0.0
    # units: a gold unit with joinNext='either' may also match merged with its successor
    gold_sets, optional = [], []
    for i, u in enumerate(units):
        gold_sets.append(frozenset(u["lines"]))
        if u.get("joinNext") == "either" and i + 1 < len(units):
            optional.append((frozenset(u["lines"]), frozenset(units[i + 1]["lines"])))
    pred_set = set(pred_blocks)
    matched = sum(1 for g in gold_sets if g in pred_set)
    extra_ok = 0
    for a, b in optional:
        if (a | b) in pred_set:
            matched += 2; extra_ok += 1
    unit_p = (matched - extra_ok) / max(1, len(pred_set))
    unit_r = matched / max(1, len(gold_sets))
    unit_f1 = 2 * unit_p * unit_r / (unit_p + unit_r) if unit_p + unit_r else 0.0
    pred_art_key = {l: ("a", pred_art[l]) if pred_art.get(l) is not None else ("p", l) for l in pred_art}
    heads = [frozenset(u["lines"]) for u in units if u["role"] == "headline"]
    heads_ok = {frozenset(u["lines"]) for u in units if u["role"] == "headline" or (isinstance(u["role"], list) and "headline" in u["role"])}
    pred_heads = [frozenset(int(x) for x in (a.get("headline") or {}).get("lines") or []) for a in parse.get("articles") or []]
    head_ok = sum(1 for h in heads if h in pred_heads)
    head_p = sum(1 for h in pred_heads if h in heads_ok) / len(pred_heads) if pred_heads else (1.0 if not heads else 0.0)
    head_r = head_ok / len(heads) if heads else 1.0
    head_f1 = 2 * head_p * head_r / (head_p + head_r) if head_p + head_r else 0.0
    return {
        "lines": len(nonblank),
        "coverage": round(len(covered) / max(1, len(nonblank)), 4),
        "lost_chars": lost,
        "role_acc": round(len(role_ok) / max(1, len(nonblank)), 4),
        "struct_f1": round(struct_f1, 4),
        "article_f1": round(bcubed(gold_art, pred_art_key), 4),
        "unit_f1": round(unit_f1, 4),
        "headline_acc": round(head_ok / max(1, len(heads)), 4),
        "headline_f1": round(head_f1, 4),
        "dup_lines": dup,
        "articles_gold": len(heads),
        "articles_pred": len(parse.get("articles") or []),
        "role_errors": [(l, gold_role[l], pred_role.get(l)) for l in nonblank if l not in role_ok][:20],
    }


def main(argv):
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    if argv and argv[0] == "--dir":
        d, cmd = argv[1], argv[3]
        rows = []
        for g in sorted(glob.glob(os.path.join(d, "*.gold.json"))):
            gold = json.load(open(g, encoding="utf-8"))
            src = os.path.join(os.path.dirname(g), gold["source"])
            out = subprocess.run(cmd.replace("{file}", shlex.quote(os.path.abspath(src))), shell=True, capture_output=True, text=True)
            try:
                parse = json.loads(out.stdout)
            except ValueError:
                parse = {}
                print(f"{gold['source']}: no JSON from command (exit {out.returncode}): {out.stderr[-300:]}", file=sys.stderr)
            lines = open(src, encoding="utf-8", errors="replace").read().split("\n")
            s = score(gold, parse, lines)
            s["source"] = gold["source"]
            rows.append(s)
        keys = ["coverage", "role_acc", "struct_f1", "article_f1", "unit_f1", "headline_acc", "headline_f1"]
        n = max(1, len(rows))
        mean = {k: round(sum(s[k] for s in rows) / n, 4) for k in keys}
        lost = sum(s["lost_chars"] for s in rows)
        dup = sum(s["dup_lines"] for s in rows)
        if as_json:
            print(json.dumps({"pages": rows, "mean": dict(mean, lost_chars=lost, dup_lines=dup)}, ensure_ascii=False, indent=1))
            return 0
        for s in rows:
            print(s["source"], " ".join(f"{k}={s[k]}" for k in keys), f"lost_chars={s['lost_chars']}", f"dup_lines={s['dup_lines']}", f"articles={s['articles_pred']}/{s['articles_gold']}")
        print("MEAN pages=%d %s lost_chars=%d dup_lines=%d" % (len(rows), " ".join(f"{k}={v}" for k, v in mean.items()), lost, dup))
        return 0
    gold = json.load(open(argv[0], encoding="utf-8"))
    parse = json.load(open(argv[1], encoding="utf-8"))
    src = argv[argv.index("--source") + 1] if "--source" in argv else os.path.join(os.path.dirname(argv[0]), gold["source"])
    lines = open(src, encoding="utf-8", errors="replace").read().split("\n")
    s = score(gold, parse, lines)
    print(json.dumps(s, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
