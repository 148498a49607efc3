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


def _phrase_regex(phrase: str, word_boundaries: bool, particles: list[str]) -> str:
    words = phrase.split()
    if not words:
        raise ValueError("an empty phrase")
    escaped = [re.escape(w).replace("'", "['’]") for w in words]
    if word_boundaries:
        body = r"\s+".join(escaped)
        start = r"\b" if re.match(r"\w", words[0]) else ""
        end = r"\b" if re.search(r"\w$", words[-1]) else ""
        return start + body + end
    between = r"\s*"
    if particles:
        between = r"(?:" + "|".join(map(re.escape, sorted(particles, key=len, reverse=True))) + r")?\s*"
    # Run on to the end of the word so the excerpt shows "어떠신가요", not a stem.
    tail = r"[가-힣]*" if re.search(r"[가-힣]$", words[-1]) else ""
    return _HANGUL_BEFORE + between.join(escaped) + tail


def compile(rule):
    word_boundaries = rule.options.get("word_boundaries", True)
    particles = rule.options.get("particles") or []
    if not isinstance(particles, list):
        raise ValueError("'particles' must be a list")
    entries, parts = [], []
    for index, entry in enumerate(_entries(rule)):
        if "pattern" in entry:
            regex = entry["pattern"]
            re.compile(regex)
        else:
            regex = _phrase_regex(str(entry["phrase"]), word_boundaries, particles)
        parts.append(f"(?P<p{index}>{regex})")
        entries.append(entry)
    return re.compile("|".join(parts), flags(rule)), entries


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
