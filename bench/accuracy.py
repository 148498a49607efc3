"""Precision and recall of msglint's rules on the labelled corpora in tests/corpus/.

    python bench/accuracy.py [--locale en|ko] [--only 'en/third-set*'] [--misses]

Each corpus file names the rules it `measures`; a case lists the rules that must fire on it, and
every other measured rule must stay quiet. A case counts for a rule as a true positive (labelled
and fired), a false positive (fired, not labelled) or a false negative (labelled, not fired).
tests/test_accuracy.py holds floors on these numbers.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
CONTEXT = ("channel", "locale", "purpose", "audience", "stage", "register", "subject")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list = field(default_factory=list)  # (kind, file, text)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def cases(locale: str | None = None, only: str | None = None):
    """(file, measured rules, case) for every case of every corpus file (or of those whose path
    under tests/corpus/ matches the glob ``only``: a held-out set measured on its own)."""
    for path in sorted(CORPUS.rglob("*.yaml")):
        if only and not fnmatch.fnmatch(path.relative_to(CORPUS).as_posix(), only):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = data.get("defaults") or {}
        for case in data["cases"]:
            full = {**defaults, **case}
            if locale and full.get("locale") != locale:
                continue
            yield path.relative_to(CORPUS), tuple(data["measures"]), full


def score(locale: str | None = None, ruleset=None, only: str | None = None) -> dict[str, Score]:
    from msglint.config import Config
    from msglint.checks.engine import build_ruleset
    from msglint.checks.text import check_text

    ruleset = ruleset or build_ruleset(Config())
    scores: dict[str, Score] = {}
    for file, measured, case in cases(locale, only):
        context = {k: case[k] for k in CONTEXT if k in case}
        result = check_text(case["text"], ruleset, **context)
        fired = {f.rule for f in result.findings}
        expected = set(case.get("fires") or ())
        for rule in measured:
            s = scores.setdefault(rule, Score())
            if rule in expected and rule in fired:
                s.tp += 1
            elif rule in fired:
                s.fp += 1
                s.misses.append(("false positive", str(file), case["text"], case.get("subject")))
            elif rule in expected:
                s.fn += 1
                s.misses.append(("missed", str(file), case["text"], case.get("subject")))
            else:
                s.tn += 1
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", choices=["en", "ko"], help="only this locale's corpora")
    parser.add_argument("--only", metavar="GLOB", help="only the corpus files matching GLOB, e.g. 'ko/held-out-3*'")
    parser.add_argument("--misses", action="store_true", help="list every false positive and miss")
    args = parser.parse_args(argv)
    scores = score(args.locale, only=args.only)
    total = sum(1 for _ in cases(args.locale, args.only))
    print(f"{total} labelled cases{f' ({args.locale})' if args.locale else ''}\n")
    print(f"{'rule':24} {'precision':>9} {'recall':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}")
    for rule, s in sorted(scores.items()):
        print(f"{rule:24} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4} {s.tn:4}")
    if args.misses:
        for rule, s in sorted(scores.items()):
            for kind, file, text, subject in s.misses:
                shown = " ".join(text.split())[:110]
                print(f"\n{rule}: {kind} ({file})" + (f"\n    subject: {subject}" if subject else "") + f"\n    {shown}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
