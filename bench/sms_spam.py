"""English SMS rules on real texts they were never tuned to: the UCI SMS Spam Collection.

    python bench/sms_spam.py PATH/TO/SMSSpamCollection [--limit N] [--show RULE]

The collection (Almeida and Gómez Hidalgo, 2011; CC BY 4.0; mirrored on GitHub, e.g.
hamzaaacodes/sms-spam-collection) holds 5,574 real English texts, each labelled ``ham`` (a
person's own message) or ``spam``. It is read from where you keep it, never copied here.

What it measures:

- ``spam-trigger``'s wording (its phrase list) against the label: firing on spam is a hit, on ham
  a false alarm. Spam that uses none of the listed wording is a miss, so recall says how much real
  spam the wording alone catches; precision says how often a person's own text is called spammy.
  Its capitals variant ("5 words in capitals read as shouting") is counted apart, as
  ``spam-trigger (capitals)``: shouting is what it claims, and people shout at friends too.
- every other English SMS rule (advertising rules left out: the texts are not ours to label as
  advertising) by how often it fires on ham; ``--show RULE`` prints what it fired on, to judge.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import time


def read(path: str, limit: int = 0):
    """(label, text) of each row; a header row ("Label  SMS") is skipped."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if limit and number > limit:
                break
            if len(row) < 2 or row[0] not in ("ham", "spam"):
                continue
            yield row[0], "\t".join(row[1:]).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tsv")
    parser.add_argument("--limit", type=int, default=0, help="only the first N rows")
    parser.add_argument("--show", metavar="RULE", help="print the texts RULE fired on, with what it matched")
    args = parser.parse_args()

    from msglint import i18n
    from msglint.config import Config
    from msglint.checks.engine import build_ruleset
    from msglint.checks.text import check_text

    i18n.configure("en")  # the capitals variant is told apart by its English message
    ruleset = build_ruleset(Config())
    labels: collections.Counter = collections.Counter()
    fired: dict = collections.defaultdict(collections.Counter)  # rule -> label -> messages
    shown = []
    start = time.perf_counter()
    for label, text in read(args.tsv, args.limit):
        labels[label] += 1
        result = check_text(text, ruleset, channel="sms", locale="en")
        rules = {}
        for finding in result.findings:
            rule = finding.rule
            if rule == "spam-trigger" and "in capitals" in finding.message:
                rule = "spam-trigger (capitals)"
            rules.setdefault(rule, finding.excerpt)
        for rule, excerpt in rules.items():
            fired[rule][label] += 1
            if rule == args.show:
                shown.append((label, excerpt, text))
    seconds = time.perf_counter() - start
    print(f"{sum(labels.values())} texts ({labels['ham']} ham, {labels['spam']} spam) in {seconds:.1f} s\n")
    spam = fired.get("spam-trigger", collections.Counter())
    tp, fp = spam["spam"], spam["ham"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / labels["spam"] if labels["spam"] else 1.0
    print(f"spam-trigger (wording): precision {precision:.3f}, recall {recall:.3f} (on {tp} spam, {fp} ham)\n")
    print(f"{'rule':24} {'on ham':>7} {'of ham':>7} {'on spam':>8}")
    for rule, counts in sorted(fired.items(), key=lambda item: -item[1]["ham"]):
        share = counts["ham"] / labels["ham"] if labels["ham"] else 0.0
        print(f"{rule:24} {counts['ham']:7} {share:7.1%} {counts['spam']:8}")
    for label, excerpt, text in shown:
        print(f"\n[{label}] “{excerpt}”\n    {' '.join(text.split())[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
