"""Precision and recall of msglint's rules on the labelled corpora in tests/corpus/, or on real
messages nobody here wrote (``--real DIR``: ../shared/corpora/real/, format in its README).

    python bench/accuracy.py [--locale en|ko] [--only 'en/third-set*'] [--misses]
    python bench/accuracy.py --real ../shared/corpora/real [--locale ko] [--misses]

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


# In the real corpus these rule ids are judged as the label they refine (its README; the law's
# "sender identity" is a name, sender-name, and a contact, sender-identity).
ALIASES = {"generic-subject": "generic-phrase", "vague-ask": "generic-phrase", "sender-name": "sender-identity"}


@dataclass
class Real:
    """Per rule, on real messages: fired at warning or error vs the hand label, and the errors."""

    scores: dict = field(default_factory=dict)  # rule -> Score
    false_errors: list = field(default_factory=list)  # (message id, rule, excerpt)
    enron: list = field(default_factory=list)  # (id, rules that fired) on ordinary business email
    enron_total: int = 0


def real_messages(folder: Path, locale: str | None = None):
    for path in sorted(folder.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not locale or case.get("locale") == locale:
                yield case


def score_real(folder: Path, locale: str | None = None, ruleset=None) -> Real:
    from msglint.checks.engine import build_ruleset
    from msglint.checks.text import check_text
    from msglint.config import Config

    ruleset = ruleset or build_ruleset(Config())
    out = Real()
    for case in real_messages(folder, locale):
        context = {k: case[k] for k in CONTEXT if k in case}
        findings = check_text(case["text"], ruleset, **context).findings
        fired = {ALIASES.get(f.rule, f.rule) for f in findings if f.severity in ("error", "warning")}
        labels = case.get("labels") or {}
        for f in findings:
            rule = ALIASES.get(f.rule, f.rule)
            clean = labels.get(rule) is False or (case.get("set") == "enron")
            if f.severity == "error" and clean:
                out.false_errors.append((case["id"], f.rule, f.excerpt or " ".join(case["text"].split())[:80]))
        if case.get("set") == "enron":
            out.enron_total += 1
            content = fired & {"generic-phrase", "spam-trigger"}
            if content:
                out.enron.append((case["id"], sorted(content)))
        for rule, expected in labels.items():
            s = out.scores.setdefault(rule, Score())
            excerpt = " ".join(case["text"].split())[:110]
            if expected and rule in fired:
                s.tp += 1
            elif rule in fired:
                s.fp += 1
                s.misses.append(("false alarm", case["id"], excerpt, case.get("subject")))
            elif expected:
                s.fn += 1
                s.misses.append(("missed", case["id"], excerpt, case.get("subject")))
            else:
                s.tn += 1
    return out


def print_real(real: Real, misses: bool) -> None:
    print(f"{'rule':24} {'precision':>9} {'recall':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}")
    for rule, s in sorted(real.scores.items()):
        print(f"{rule:24} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4} {s.tn:4}")
    print(f"\nfalse errors (an error finding on a message labelled clean for its rule): {len(real.false_errors)}")
    for message_id, rule, excerpt in real.false_errors:
        print(f"    {message_id} {rule}: {excerpt}")
    if real.enron_total:
        share = len(real.enron) / real.enron_total
        print(f"\nordinary business email (enron): content warnings on {len(real.enron)} of {real.enron_total} "
              f"({share:.1%})")
        for message_id, rules in real.enron:
            print(f"    {message_id} {', '.join(rules)}")
    if misses:
        for rule, s in sorted(real.scores.items()):
            for kind, message_id, text, subject in s.misses:
                print(f"\n{rule}: {kind} ({message_id})" + (f"\n    subject: {subject}" if subject else "") + f"\n    {text}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", choices=["en", "ko"], help="only this locale's corpora")
    parser.add_argument("--only", metavar="GLOB", help="only the corpus files matching GLOB, e.g. 'ko/held-out-3*'")
    parser.add_argument("--misses", action="store_true", help="list every false positive and miss")
    parser.add_argument("--real", metavar="DIR", type=Path, help="measure on real labelled messages (YAML lists) in DIR")
    args = parser.parse_args(argv)
    if args.real:
        real = score_real(args.real, args.locale)
        print(f"{sum(1 for _ in real_messages(args.real, args.locale))} real messages in {args.real}\n")
        print_real(real, args.misses)
        return 0
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
