"""ko-speech-level on a public parallel 존댓말/반말 corpus that msglint's rules were never tuned to.

    python bench/speech_corpus.py PATH/TO/smilestyle_dataset.tsv [--limit N] [--misses] [--show RULE]

SmileStyle (Smilegate AI, https://github.com/smilegate-ai/korean_smile_style_dataset) writes each
chat turn in several styles; its ``formal`` column is 존댓말 and its ``informal`` column the same
turn in 반말. A formal turn on which the rule fires is a false positive; an informal turn on which
it stays quiet is a false negative. The corpus is CC BY-NC 4.0, so it is read from where you keep
it and never copied into this repository.

The formal turns are polite, ordinary Korean nobody wrote for msglint, so every other Korean rule
is counted on them too: how often each fires on 3,470 polite sentences (``--show RULE`` prints
them, to judge whether each is what the rule claims — "철수씨," calls a person, a customer must
not be called so; "로또에 당첨된다면" is not a prize notice).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tsv")
    parser.add_argument("--limit", type=int, default=0, help="only the first N rows")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--show", metavar="RULE", help="print the formal turns RULE fired on")
    args = parser.parse_args()

    from msglint.config import Config
    from msglint.checks.engine import build_ruleset
    from msglint.checks.text import check_text

    ruleset = build_ruleset(Config())
    tp = fp = fn = tn = 0
    misses = []
    others: collections.Counter = collections.Counter()  # rule -> formal turns it fired on
    shown = []
    start = time.perf_counter()
    with open(args.tsv, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        for number, row in enumerate(rows, start=1):
            if args.limit and number > args.limit:
                break
            for column, casual in (("formal", False), ("informal", True)):
                text = (row.get(column) or "").strip()
                if not text:
                    continue
                result = check_text(text, ruleset, channel="sms", locale="ko")
                fired = any(f.rule == "ko-speech-level" for f in result.findings)
                if not casual:
                    for rule in {f.rule for f in result.findings} - {"ko-speech-level"}:
                        others[rule] += 1
                        if rule == args.show:
                            shown.append(text)
                if casual and fired:
                    tp += 1
                elif casual:
                    fn += 1
                    misses.append(("missed", text))
                elif fired:
                    fp += 1
                    misses.append(("wrongly fired", text))
                else:
                    tn += 1
    seconds = time.perf_counter() - start
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"ko-speech-level on {tp + fp + fn + tn} turns ({tp + fn} 반말, {fp + tn} 존댓말) in {seconds:.1f} s")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    if args.misses:
        for kind, text in misses:
            print(f"  {kind}: {text}")
    print(f"\nother rules on the {fp + tn} 존댓말 turns:")
    for rule, count in others.most_common():
        print(f"  {rule:24} {count:5}  {count / max(1, fp + tn):6.1%}")
    for text in shown:
        print(f"  [{args.show}] {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
