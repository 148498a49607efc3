"""The characters a pattern can start with, to reject a branch of a long alternation at once.

One alternation of fifty phrase families makes Python's ``re`` walk into fifty branches at each
word of a message. Each branch, though, can only start with a few characters ("(I|we) (just)
wanted" starts with i, w, j), so each is prefixed with a lookahead on those: ``(?=[ijwIJW])``.
A lookahead consumes nothing and only fails where the branch would fail at its first character,
so the alternation matches exactly what it matched before, faster.
"""

from __future__ import annotations

import re

from msglint.support import internals
from msglint.support.internals import REPEATS as _REPEATS
from msglint.support.internals import ZERO_WIDTH as _ZERO_WIDTH
from msglint.support import machine_cache

_EMPTY = ""  # in a first-character set: the pattern can match without consuming a character


def first_chars(pattern: str, flags: int = 0) -> frozenset | None:
    """Every character a match of ``pattern`` can start with, or None when that is not a small,
    known set (a wildcard, a negated class, a match that can be empty)."""
    chars, fold = _scan(pattern, flags)
    if chars is not None and (fold or flags & re.IGNORECASE):
        chars = chars | {ch.lower() for ch in chars} | {ch.upper() for ch in chars if len(ch.upper()) == 1}
    return chars


def _scan(pattern: str, flags: int) -> tuple[frozenset | None, bool]:
    """The first characters as written, and whether a case-folding group ``(?i:…)`` is among
    them (its guard must then fold case too, by re's own rules: ſ is an s, K a k)."""
    chars, fold = machine_cache.remembered("first-1", f"{flags}\0{pattern}", lambda: _scanned(pattern, flags))
    return (None if chars is None else frozenset(chars)), fold


def _scanned(pattern: str, flags: int) -> tuple[list | None, bool]:
    fold = [False]
    try:
        items = internals.parse(pattern, flags)
        if items is None:  # re's parser is not there: no guard, the branch is tried as it is
            return None, False
        found = _first(items, fold)
    except (re.error, RecursionError, TypeError, ValueError):
        return None, False
    if found is None or _EMPTY in found:
        return None, False
    return sorted(found), fold[0]


def _first(items, fold) -> set | None:
    out: set = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is internals.ops.LITERAL:
            out.add(chr(av))
            return out
        if op is internals.ops.IN:
            chars = _charset(av)
            return None if chars is None else out | chars
        if op is internals.ops.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                fold[0] = True  # a group that folds case inside: its equivalents are re's to know
            inner = _first(list(av[-1]), fold)
        elif op is internals.ops.BRANCH:
            inner = set()
            for branch in av[1]:
                part = _first(list(branch), fold)
                if part is None:
                    return None
                inner |= part
        elif op in _REPEATS:
            inner = _first(list(av[2]), fold)
            if inner is not None and av[0] == 0:
                inner = inner | {_EMPTY}
        else:
            return None
        if inner is None:
            return None
        out |= inner - {_EMPTY}
        if _EMPTY not in inner:
            return out
    out.add(_EMPTY)
    return out


def _charset(items) -> set | None:
    chars: set = set()
    for op, av in items:
        if op is internals.ops.LITERAL:
            chars.add(chr(av))
        elif op is internals.ops.RANGE and av[1] - av[0] < 256:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind the lookahead on its first characters, or as it is when they are unknown."""
    chars, fold = _scan(pattern, flags)
    return pattern if chars is None else lookahead(chars, fold) + pattern


def guarded_alternation(patterns: list[str], flags: int = 0) -> str:
    """``p1|p2|…`` with each alternative guarded, and the whole behind one lookahead on all their
    first characters when every one is known: most positions of a message then fail one test."""
    scans = [_scan(p, flags) for p in patterns]
    parts = [p if chars is None else lookahead(chars, fold) + p for p, (chars, fold) in zip(patterns, scans)]
    if len(parts) > 1 and all(chars is not None for chars, _ in scans):
        union = lookahead(frozenset().union(*(chars for chars, _ in scans)), any(fold for _, fold in scans))
        return union + "(?:" + "|".join(parts) + ")"
    return "|".join(parts)


def lookahead(chars, fold: bool = False) -> str:
    """``(?=[…])``: a one-step test that the next character is one of ``chars`` (in any case,
    by re's own rules, when ``fold``)."""
    test = "(?=[" + "".join(_class_char(ch) for ch in sorted(chars)) + "])"
    return f"(?i:{test})" if fold else test


def _class_char(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch
