"""Existence of phrases from a list, each with the better move as suggestion.

English matches whole words, case-insensitively, with straight and curly apostrophes alike.
Korean has no spaces to lean on: a phrase matches with any spacing, with particles from the
rule's ``particles`` list between its words, and with any ending after its last word, so
"계약 진행 어떠신가요" also finds "계약 진행은 어떠신가요?".

All literal phrases of a rule compile into one pattern shaped as a trie (shared prefixes
written once), so a message is scanned once per rule and each position is rejected after a
character or two; the phrase behind a match is looked up afterwards.

A phrase may be a family (``[just] (checking|check) in``, see :mod:`msglint.checks.kinds.phrase_family`).
An entry may carry ``replace:`` — what the phrase becomes under the rule's ``fix:`` ("" deletes
it, with its sentence's mark when it was the whole sentence). An entry may say ``unless_followed_by: <regex>``: "Quick question:" is generic, "Quick question:
does your team use HubSpot?" is not. Text in quotation marks, or after "like"/"such as", is
quoted, not said, and is not judged (``skip_quoted: false`` to judge it anyway).
``unless_sentence_has: <regex>`` spares a sentence that carries specifics: "검토해 보셨을까요?" is
generic, "보안 점검표 12번 항목(SSO 연동)도 검토해 보셨을까요?" is not.
"""

from __future__ import annotations

import json
import re
from collections import namedtuple
from functools import lru_cache, partial
from typing import NamedTuple

from msglint.checks.kinds import Hit, check_patterns, compile_regex, flags
from msglint.checks.kinds.phrase_family import family_regex, is_family
from msglint.i18n import _
from msglint.support import machine_cache
from msglint.checks.kinds.prefilter import Narrowed
from msglint.checks.kinds.phrase_index import guarded

FIELDS = {"phrases": True, "word_boundaries": False, "particles": False, "ignore_case": False, "suggestion": False,
          "skip_quoted": False, "unless_sentence_has": False}
_HANGUL_BEFORE = r"(?<![가-힣])"
_SEP, _APOS = "\0sep", "\0apos"


def _entries(rule):
    raw = rule.options["phrases"]
    if not isinstance(raw, list) or not raw:
        raise ValueError(_("'phrases' must be a non-empty list"))
    if len(raw) > MAX_PHRASES:
        raise ValueError(_("{count} phrases in one rule: at most {limit}; split the rule", count=f"{len(raw):,}",
                           limit=f"{MAX_PHRASES:,}"))
    for item in raw:
        if isinstance(item, str):
            yield {"phrase": item}
        elif isinstance(item, dict) and ("phrase" in item or "pattern" in item):
            extra = set(item) - {"phrase", "pattern", "suggestion", "unless_followed_by", "replace"}
            if extra:
                raise ValueError(_("phrase entry '{item}': unknown key(s) {choices}", item=item, choices=", ".join(sorted(extra))))
            if "phrase" in item and not str(item["phrase"]).split():
                raise ValueError(_("an empty phrase"))
            if "unless_followed_by" in item:
                try:
                    # A team's pattern runs with a timeout, as every user-supplied pattern does.
                    item = {**item, "unless_followed_by": compile_regex(rule, str(item["unless_followed_by"]), re.IGNORECASE)}
                except re.error as exc:
                    raise ValueError(_("unless_followed_by '{by}': {exc}", by=item['unless_followed_by'], exc=exc)) from None
            yield item
        else:
            raise ValueError(_("phrase entry '{item}' must be text or {{phrase: ..., suggestion: ...}}", item=item))


def _tokens(phrase: str, ignore_case: bool) -> list[str]:
    out = []
    for word_index, word in enumerate(phrase.split()):
        if word_index:
            out.append(_SEP)
        for ch in word:
            out.append(_APOS if ch in "'’" else (ch.lower() if ignore_case else ch))
    return out


def _trie_regex(phrases: list[list[str]], sep: str) -> str:
    trie: dict = {}
    for tokens in phrases:
        node = trie
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(token):
        return sep if token == _SEP else "['’]" if token == _APOS else re.escape(token)

    def walk(node) -> str:
        ends = "" in node
        branches = [emit(t) + walk(child) for t, child in sorted(node.items()) if t != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return walk(trie)


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


#: Phrases one rule may list (the shipped ones hold a few dozen): one alternation is built of them all.
MAX_PHRASES = 2_000

# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "regex literal patterns lookup sep ignore_case specifics narrowed")


def compile(rule):
    word_boundaries = rule.options.get("word_boundaries", True)
    ignore_case = bool(flags(rule))
    particles = rule.options.get("particles") or []
    if not isinstance(particles, list):
        raise ValueError(_("'particles' must be a list"))
    sep = r"\s+" if word_boundaries else r"\s*"
    if particles and not word_boundaries:
        sep = r"(?:" + "|".join(map(re.escape, sorted(particles, key=len, reverse=True))) + r")?\s*"
    entries = list(_entries(rule))
    family_sep = r"(?:\s*-\s*|\s+)" if word_boundaries else sep
    # The text of the rule's patterns depends on its phrases alone: worked out once per machine.
    blueprint = machine_cache.remembered(
        "phrases-1", json.dumps([[e.get("phrase"), e.get("pattern")] for e in entries]
                                + [sep, family_sep, word_boundaries, ignore_case, _WORD_END], ensure_ascii=False, default=str),
        lambda: _blueprint(entries, sep, family_sep, word_boundaries, ignore_case))
    literal = [e for e in entries if "phrase" in e and not is_family(str(e["phrase"]))]
    families = [{**e, "pattern": pattern}
                for e, pattern in zip([e for e in entries if "phrase" in e and is_family(str(e["phrase"]))], blueprint["families"])]
    patterns = families + [e for e in entries if "pattern" in e]
    lookup = {_normal(str(e["phrase"])): e for e in literal}
    shape = _Shape(sep, word_boundaries, blueprint["fold"], len(families), re.IGNORECASE if ignore_case else 0, _WORD_END)
    bits = re.IGNORECASE if ignore_case and word_boundaries else 0

    # One alternative per literal phrase (read for its words), then one per family or pattern;
    # the alternation of those a text can match is cut from them (see prefilter).
    check_patterns(rule, [e["pattern"] for e in patterns])
    narrowed = Narrowed(rule, blueprint["units"] + [e["pattern"] for e in patterns],
                        partial(_alternation, shape, blueprint["tokens"], [e["pattern"] for e in patterns]), bits)
    regex = narrowed.full
    specifics = rule.options.get("unless_sentence_has")
    try:
        specifics = compile_regex(rule, str(specifics)) if specifics is not None else None
    except re.error as exc:
        raise ValueError(_("unless_sentence_has '{specifics}': {exc}", specifics=specifics, exc=exc)) from None
    return Compiled(regex, literal, patterns, lookup, sep, ignore_case, specifics, narrowed)


# An English phrase ends where its last word does: not inside a longer word, nor before the "'t"
# of a contraction ("you won" is not in "you won't", nor "I can" in "I can't").
_WORD_END = r"(?!\w|['’]t\b)"


def _blueprint(entries, sep: str, family_sep: str, word_boundaries: bool, ignore_case: bool) -> dict:
    """The pattern text of a rule's phrases: each family's pattern, each literal phrase's tokens
    and its own pattern (read for its words), and whether the trie folds case."""
    literal = [str(e["phrase"]) for e in entries if "phrase" in e and not is_family(str(e["phrase"]))]
    # English phrases and families all start at a word start: one look-behind in front of them all
    # rejects the positions inside words at once, instead of each branch trying them.
    wrap = (lambda body: rf"(?:{body}){_WORD_END}") if word_boundaries else (
        lambda body: rf"{_HANGUL_BEFORE}(?:{body})[가-힣]*")
    tokens = [_tokens(phrase, ignore_case) for phrase in literal]
    return {
        "families": [wrap(family_regex(str(e["phrase"]), family_sep))
                     for e in entries if "phrase" in e and is_family(str(e["phrase"]))],
        "tokens": tokens,
        "units": [_trie_regex([t], sep) for t in tokens],
        "fold": ignore_case and any(re.search("[A-Za-z]", phrase) for phrase in literal),
    }


class _Shape(NamedTuple):
    sep: str
    word_boundaries: bool
    fold_letters: bool  # Korean phrases with Latin letters: fold case inside the trie
    families: int
    guard_flags: int
    # Part of the shape, and so of the name a cut alternation is kept under on this machine.
    word_end: str


def _alternation(shape: _Shape, tokens: list, patterns: list[str], keep) -> str:
    """The rule's alternation of the literal phrases and patterns ``keep`` says, in their order.

    All literal phrases compile into one branch shaped as a trie; each branch first checks, in one
    step, that the next character is one it can start with: at every word (every syllable, in
    Korean), fifty branches are rejected at their first character instead of inside."""
    kept_tokens = [t for t, kept in zip(tokens, keep) if kept]
    rest = keep[len(tokens):]
    parts = []
    if kept_tokens:
        trie = _trie_regex(kept_tokens, shape.sep)
        if shape.word_boundaries:
            parts.append(rf"(?P<literal>{trie}){shape.word_end}")
        else:
            # Start at a word start; run on to the end of the word so the excerpt shows
            # "어떠신가요", not a stem. Case folding is scoped to the phrases: folding the Hangul
            # ranges around them costs milliseconds at every start-up and matches nothing more.
            if shape.fold_letters:
                trie = f"(?i:{trie})"
            parts.append(rf"{_HANGUL_BEFORE}(?P<literal>{trie})[가-힣]*")
    parts += [f"(?P<p{index}>{pattern})" for index, (pattern, kept) in enumerate(zip(patterns, rest)) if kept]
    parts = [_guarded(part, shape.guard_flags) for part in parts]
    # Own patterns may start anywhere; phrases and families only at a word start (English).
    at_word_start = sum(rest[:shape.families]) + (1 if kept_tokens else 0) if shape.word_boundaries else 0
    return assembled(parts, at_word_start)


def narrowed(compiled):
    return compiled.narrowed


def assembled(parts: list[str], at_word_start: int) -> str:
    """The alternation of ``parts``: English phrases and families all start at a word start, so one
    look-behind in front of the first ``at_word_start`` rejects the positions inside words at once,
    instead of each branch trying them."""
    head, tail = parts[:at_word_start], parts[at_word_start:]
    return "|".join(([rf"(?<!\w)(?:{'|'.join(head)})"] if head else []) + tail)


def _guarded(part: str, bits: int) -> str:
    return guarded(part, bits)


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str, sep: str, ignore_case: bool):
    tokens = _tokens(phrase, ignore_case)
    body = "".join(sep if t == _SEP else "['’]" if t == _APOS else re.escape(t) for t in tokens)
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


def _entry_for(match, compiled):
    _, literal, patterns, lookup, sep, ignore_case, *_rest = compiled
    if match.lastgroup != "literal":
        return patterns[int(match.lastgroup[1:])]
    text = match.group("literal")
    entry = lookup.get(_normal(text))
    if entry is not None:
        return entry
    # Particles inside a Korean match: find the phrase that spans it.
    candidates = [e for e in literal if _phrase_pattern(str(e["phrase"]), sep, ignore_case).fullmatch(text)]
    return max(candidates, key=lambda e: len(str(e["phrase"])), default=literal[0])


# Quoted text: “…”, "…", ‘…’, and '…' where the quote marks stand apart from words (not it's).
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|(?<!\w)'[^'\n]+'(?!\w)")
_MENTIONED = re.compile(r"(?i)(?:\blike|\bsuch as|\bcalled|\bsaying)\s+[\"“‘']?$")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)] if any(q in text for q in "\"“‘'") else []


def _quoted(match, text: str, spans) -> bool:
    start, end = match.span()
    if any(s <= start and end <= e for s, e in spans):
        return True
    return bool(_MENTIONED.search(text[max(0, start - 20):start]))


_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _sentence(text: str, start: int, end: int) -> str:
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[before:after.end() if after else len(text)]


def check(rule, message, segment):
    specifics, narrowed = rule.compiled.specifics, rule.compiled.narrowed
    regex = narrowed.regex(segment.text, segment.words)
    if regex is None:
        return  # the text holds none of the words any branch needs
    skip_quoted = rule.options.get("skip_quoted", True)
    spans = _quoted_spans(segment.text) if skip_quoted else []
    for match in regex.finditer(segment.text):
        entry = _entry_for(match, rule.compiled)
        if skip_quoted and _quoted(match, segment.text, spans):
            continue
        after = entry.get("unless_followed_by")
        if after is not None and after.match(segment.text, match.end()):
            continue
        if specifics is not None and specifics.search(_sentence(segment.text, *match.span())):
            continue
        yield Hit(
            start=segment.offset + match.start(),
            end=segment.offset + match.end(),
            part=segment.part,
            values={"match": match.group()},
            suggestion=entry.get("suggestion", rule.options.get("suggestion")),
            replacement=_replacement(entry.get("replace"), message.language),
        )


def _replacement(value, language):
    """An entry's ``replace:`` (for the rule's fix): one text, "" to delete, or one per language."""
    if isinstance(value, dict):
        return value.get(language)
    return None if value is None else str(value)
