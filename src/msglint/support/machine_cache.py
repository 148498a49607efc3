"""What msglint works out from text alone, kept once per machine rather than redone every run.

A one-message ``msglint check`` spent most of its time on work that depends on nothing but the
text of the shipped files: reading the rule files' YAML, and compiling their patterns (the English
phrase families alone are thousands of characters of alternation). What ``re`` builds from a
pattern (its parse, turned into the engine's code) depends only on the pattern, its flags and the
Python that built it, so it is kept on disk and handed straight to the engine on the next run;
parsed rule files are kept under their full text, and a pattern msglint builds itself (a rule's
alternation cut to some of its alternatives) under the name of what it was built from.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/msglint``, or ``MSGLINT_CACHE_DIR``),
never in a project: a repository cannot plant entries for its CI to load. Entries are plain JSON
(no pickle), named by a hash of pattern and flags, in a folder per msglint, Python and engine
version; the engine validates the code it is given, and any entry that does not load, or loads as
another pattern, is replaced by a fresh compile. ``MSGLINT_NO_CACHE`` turns it off.
"""

from __future__ import annotations

import json
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from msglint.support import cache_dir, internals
from msglint import __version__


_seen: dict = {}  # (source, flags) -> pattern, in this process (re keeps its own cache likewise)


# Part of the folder's name: what an entry holds changes with it.
FORMAT = "2"


def digest(data: bytes) -> str:
    """A name for ``data`` (SHA-1, hex) that needs no OpenSSL loaded."""
    return internals.sha1(data).hexdigest()


def key_digest(key: str) -> str:
    """The name ``remembered`` gives the entry of ``key``."""
    return digest(key.encode("utf-8", "surrogatepass"))


def compile(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from this machine's cache when it holds it."""
    return _pattern((source, flags), "", f"{flags}\0{source}", None, lambda: source, flags)


def compile_named(name: str, key: str, source_of, flags: int = 0) -> re.Pattern:
    """``re.compile(source_of(), flags)`` for a pattern known by ``key`` rather than by its text
    (a rule's alternation cut to some alternatives, named by the rule and those kept): one entry
    holds both its text and its engine code, so neither is worked out, nor read, twice."""
    return _pattern((name, key, flags), f"{name}-", f"{flags}\0{key}", key, source_of, flags)


def _pattern(seen_as, prefix: str, named_by: str, key: str | None, source_of, flags: int) -> re.Pattern:
    pattern = _seen.get(seen_as)
    if pattern is None:
        if len(_seen) >= 1024:
            _seen.clear()
        pattern = _seen[seen_as] = _kept(prefix, named_by, key, source_of, flags)
    return pattern


def _kept(prefix: str, named_by: str, key: str | None, source_of, flags: int) -> re.Pattern:
    """The pattern from its entry (one named by its own text has no ``key``; one named by a key
    keeps its text), or compiled and kept."""
    where = folder()
    if where is None:
        return re.compile(source_of(), flags)
    path = where / f"{prefix}{digest(named_by.encode('utf-8', 'surrogatepass'))}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry.get("key") == key:
            pattern = _loaded(entry, source_of() if key is None else entry["source"], flags)
            if pattern is not None:
                return pattern
    except (OSError, ValueError, TypeError, KeyError, RuntimeError, OverflowError):
        pass
    source = source_of()
    try:
        pattern, entry = _compiled(source, flags)
    except (AttributeError, TypeError):  # re's internals moved: compile as usual, cache nothing
        return re.compile(source, flags)
    _store(path, entry if key is None else {"key": key, **entry})
    return pattern


def remembered(name: str, key: str, compute, named: str | None = None):
    """``compute()``, a value worked out from the text ``key`` alone (the characters a pattern can
    start with, a rule file's parsed YAML), kept on disk like the compiled patterns; it comes back
    with lists for tuples. A value JSON would not give back (a date, a number as a mapping key)
    is returned, not kept. ``named``: ``key_digest(key)``, when the caller has it already."""
    where = folder()
    if where is None:
        return compute()
    path = where / f"{name}-{named or key_digest(key)}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["key"] == key:
            return entry["value"]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    value = compute()
    try:
        kept = json.loads(json.dumps(value, ensure_ascii=False)) == _as_json(value)
    except (TypeError, ValueError, RecursionError):
        kept = False
    if kept:
        _store(path, {"key": key, "value": value})
    return value


def _as_json(value):
    """``value`` with its tuples as lists, as JSON gives them back (callers read either alike)."""
    if isinstance(value, (list, tuple)):
        return [_as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    return value


def folder() -> Path | None:
    """This machine's cache folder for this msglint and Python, or None when there is none."""
    env = os.environ
    return _folder_for(cache_dir.is_off(), env.get("MSGLINT_CACHE_DIR"), env.get("XDG_CACHE_HOME"),
                       env.get("HOME"))


@lru_cache(maxsize=8)  # asked for every pattern: worked out once per run (per environment)
def _folder_for(off, base, xdg, home) -> Path | None:
    if off or internals.engine_code is None:  # without re's internals: compile every run
        return None
    if base:
        root = Path(base)
    else:
        try:
            root = Path(xdg or Path.home() / ".cache") / "msglint"
        except RuntimeError:  # no home folder to speak of: compile every run
            return None
        if not root.is_absolute():
            return None  # "~" that could not be expanded: never a folder named "~" here

    # A new msglint reads its own files afresh (its YAML loader may be stricter); a new Python or
    # re engine builds its own code.
    version = f"{__version__}-{sys.implementation.cache_tag}-{internals.MAGIC}-{FORMAT}"
    return root / "re" / version


def _compiled(source: str, flags: int) -> tuple[re.Pattern, dict]:
    """What ``re.compile`` does, keeping the engine code it builds."""
    entry = internals.compiled_code(source, flags)
    return internals.pattern_from_code(source, entry), entry


def _loaded(entry: dict, source: str, flags: int) -> re.Pattern | None:
    if entry.get("source") != source or entry.get("requested") != flags:
        return None  # another pattern under the same name: never trust a hash alone
    pattern = internals.pattern_from_code(source, entry)  # the engine rejects code that is not well formed
    return pattern if pattern.pattern == source and pattern.groups == entry["groups"] else None


def _store(path: Path, entry: dict) -> None:
    """Write the entry whole or not at all; a read-only or full disk only costs the next run time."""
    data = json.dumps(entry, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(data, encoding="utf-8", errors="surrogatepass")
        os.replace(temp, path)
    except OSError:
        pass
