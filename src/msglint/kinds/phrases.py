"""Existence of phrases from a list, each with the better move as suggestion.

English matches whole words, case-insensitively, with straight and curly apostrophes alike.
Korean has no spaces to lean on: a phrase matches with any spacing, with particles from the
rule's ``particles`` list between its words, and with any ending after its last word, so
"계약 진행 어떠신가요" also finds "계약 진행은 어떠신가요?". All phrases of a rule compile
into one pattern, so a message is scanned once per rule, not once per phrase.
"""

from __future__ import annotations

import re

from msglint.kinds import Hit, flags

LEVEL = "message"
FIELDS = {"phrases": True, "word_boundaries": False, "particles": False, "ignore_case": False, "suggestion": False}
_HANGUL_BEFORE = r"(?<![가-힣])"


def _entries(rule):
    raw = rule.options["phrases"]
    if not isinstance(raw, list) or not raw:
        raise ValueError("'phrases' must be a non-empty list")
    for item in raw:
        if isinstance(item, str):
            yield {"phrase": item}
        elif isinstance(item, dict) and ("phrase" in item or "pattern" in item):
            extra = set(item) - {"phrase", "pattern", "suggestion"}
            if extra:
                raise ValueError(f"phrase entry {item!r}: unknown key(s) {', '.join(sorted(extra))}")
            yield item
        else:
            raise ValueError(f"phrase entry {item!r} must be text or {{phrase: ..., suggestion: ...}}")


def _phrase_regex(phrase: str, word_boundaries: bool, between: str) -> str:
    words = phrase.split()
    if not words:
        raise ValueError("an empty phrase")
    escaped = [re.escape(w).replace("'", "['’]") for w in words]
    if word_boundaries:
        start = r"\b" if re.match(r"\w", words[0]) else ""
        end = r"\b" if re.search(r"\w$", words[-1]) else ""
        return start + r"\s+".join(escaped) + end
    body = between.join(escaped)
    # Hangul has no case: case-folding a Hangul pattern only slows it down.
    return f"(?i:{body})" if re.search("[A-Za-z]", phrase) else body


def compile(rule):
    word_boundaries = rule.options.get("word_boundaries", True)
    particles = rule.options.get("particles") or []
    if not isinstance(particles, list):
        raise ValueError("'particles' must be a list")
    between = r"\s*"
    if particles:
        between = r"(?:" + "|".join(map(re.escape, sorted(particles, key=len, reverse=True))) + r")?\s*"
    entries, parts = [], []
    for index, entry in enumerate(_entries(rule)):
        if "pattern" in entry:
            regex = entry["pattern"]
            re.compile(regex)
        else:
            regex = _phrase_regex(str(entry["phrase"]), word_boundaries, between)
        parts.append(f"(?P<p{index}>{regex})")
        entries.append(entry)
    combined = "|".join(parts)
    if word_boundaries:
        return re.compile(combined, flags(rule)), entries
    # Start at a word start; run on to the end of the word so the excerpt shows "어떠신가요",
    # not a stem. Hoisted out of the alternation: one character class instead of one per phrase.
    return re.compile(f"{_HANGUL_BEFORE}(?:{combined})[가-힣]*"), entries


def check(rule, message, segment):
    pattern, entries = rule.compiled
    for match in pattern.finditer(segment.text):
        entry = entries[int(match.lastgroup[1:])]
        yield Hit(
            start=segment.offset + match.start(),
            end=segment.offset + match.end(),
            part=segment.part,
            values={"match": match.group()},
            suggestion=entry.get("suggestion", rule.options.get("suggestion")),
        )
