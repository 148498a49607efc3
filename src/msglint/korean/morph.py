"""Korean sentences and morphemes from Kiwi, loaded only when needed and cached on disk.

Kiwi takes about a second to load and analyses some tens of thousands of characters a second,
so it is imported lazily, on the first line that is not in the cache. Results are cached per
line, keyed by the line's text and the analyser and model versions, in a SQLite file that two
concurrent runs can share; a warm re-lint of an unchanged pack never loads the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from msglint.support.cache_dir import cache_dir, prepared, sign, signed_by_us
from msglint.languages.josa import final_consonant
from msglint.support import shortcut

# Part of every cache key (with Kiwi's version and options): bump it when what is stored per line changes.
ANALYSER_VERSION = "3"
# Kiwi's options. The multi-word dictionary (WikiData titles) costs 1.5 s of start-up and the
# typo dictionary 0.2 s; neither changes what the rules read: SmileStyle's 6,940 chat turns (the
# typo dictionary's home ground) and tests/corpus score the same without them
# (bench/speech_corpus.py, bench/accuracy.py). One thread: batches run in forked processes, and
# a fork carries no threads of the parent's pool.
KIWI_OPTIONS = {"load_multi_dict": False, "load_typo_dict": False, "num_workers": 1}
# How close (in Kiwi log-probability) a noun-final reading must be to the best one to win for an
# unpunctuated line: "혜택 안내" is a title, not 안 내어.
NOUN_READING_MARGIN = 2.0
_NOUNS = {"NNG", "NNP", "NNB", "NR", "NP", "SL", "SN"}
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class Token:
    form: str
    tag: str
    start: int  # offset in the analysed text
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    tokens: tuple
    noun_reading: bool = False  # unpunctuated, and nearly as likely read as a noun phrase (a title)




@lru_cache(maxsize=1)
def _versions() -> str:
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "none"

    options = ",".join(f"{k}={v}" for k, v in sorted(KIWI_OPTIONS.items()))
    return f"{ANALYSER_VERSION}:{version('kiwipiepy')}:{version('kiwipiepy_model')}:{options}"


class _Cache:
    """Analyses by line. A cache is only ever a shortcut: an unreadable or damaged file is a miss,
    and a damaged one is replaced by a fresh file, never a failed run."""

    def __init__(self, folder: Path | None):
        self._db = None
        self._file = None if folder is None else folder / "korean.sqlite3"
        if folder is None:
            return
        try:
            prepared(folder)
            self._db = self._open()
        except sqlite3.DatabaseError:
            self._db = self._rebuilt()
        except (OSError, sqlite3.Error):
            self._db = None  # a read-only checkout still lints, just without the cache

    def _open(self):
        db = sqlite3.connect(self._file, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        # A cache needs no fsync per line analysed: in WAL mode NORMAL still never corrupts the
        # file, and at worst loses the last entries to a power cut (they are analysed again).
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS lines (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("SELECT key, value FROM lines LIMIT 1").fetchall()
        return db

    def _rebuilt(self):
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self._file}{suffix}").unlink()
            except OSError:
                pass
        try:
            return self._open()
        except (OSError, sqlite3.Error):
            return None

    def get_many(self, keys: list[str]) -> dict:
        if self._db is None or not keys:
            return {}
        found = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = self._db.execute(
                    f"SELECT key, value FROM lines WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, value in rows:
                    # Each row is signed (support.cache_dir): a row planted in a project's cache
                    # (a pull request's) does not verify and the line is analysed again.
                    mac, _tab, body = str(value).partition("\t")
                    parsed = _parsed(body) if signed_by_us(f"{key}\0{body}".encode(), mac) else None
                    if parsed is not None:
                        found[key] = parsed
        except sqlite3.DatabaseError:
            self._db = self._rebuilt()
            return {}
        except sqlite3.Error:
            return {}
        return found

    def put_many(self, items: dict) -> None:
        if self._db is None or not items:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO lines VALUES (?, ?)",
                                     ((key, _signed(key, value)) for key, value in items.items()))
        except sqlite3.DatabaseError:
            self._db = self._rebuilt()
        except sqlite3.Error:
            pass


def _signed(key: str, value: str) -> str:
    return sign(f"{key}\0{value}".encode()) + "\t" + value


def _parsed(value) -> list | None:
    """An entry as :func:`_analyse_line` wrote it (sentences of five fields), or None."""
    try:
        data = json.loads(value)
    except (ValueError, TypeError):
        return None
    ok = isinstance(data, list) and all(
        isinstance(s, list) and len(s) == 5 and isinstance(s[0], str) and isinstance(s[1], int)
        and isinstance(s[2], int) and isinstance(s[3], list)
        and all(isinstance(t, list) and len(t) == 4 for t in s[3]) for s in data)
    return data if ok else None


_cache: _Cache | None = None
_memory: dict = {}


def _forget_cache_after_fork() -> None:
    # An SQLite connection must not cross a fork: a worker process opens its own.
    global _cache
    _cache = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_cache_after_fork)


def _get_cache() -> _Cache:
    global _cache
    if _cache is None:
        _cache = _Cache(cache_dir())
    return _cache


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi

    return Kiwi(**KIWI_OPTIONS)


def warm_up() -> None:
    """Load the analyser's model now: Kiwi reads it on its first analysis (most of a second),
    which a long-running process (the language server, lint --watch) should not spend on a keystroke."""
    kiwi().split_into_sents("안녕하세요. 잘 부탁드립니다.")


def _key(line: str) -> str:
    return hashlib.sha1(f"{_versions()}\0{line}".encode("utf-8")).hexdigest()


def _noun_reading(text: str, best_score: float | None = None) -> bool:
    readings = kiwi().analyze(text, top_n=3)
    if not readings:
        return False
    best = readings[0][1]
    return any(tokens and tokens[-1].tag in _NOUNS and best - score <= NOUN_READING_MARGIN
               for tokens, score in readings[1:])


#: Longest piece of a line analysed at once: a pasted wall of text is cut at sentence ends (or
#: spaces) into pieces of this size, so time and memory grow with its length, never faster.
MAX_PIECE = 1_000


def _pieces(line: str):
    start = 0
    while len(line) - start > MAX_PIECE:
        window = line[start:start + MAX_PIECE]
        cut = max(window.rfind(mark) for mark in (". ", "? ", "! ", "요 ", "다 "))
        cut = cut + 2 if cut > 0 else (window.rfind(" ") + 1 or MAX_PIECE)
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]


def _analyse_line(line: str) -> list:
    out = []
    for shift, piece in _pieces(line):
        for s in kiwi().split_into_sents(piece, return_tokens=True):
            tokens = [[t.form, t.tag, shift + t.start, shift + t.start + t.len] for t in s.tokens]
            ends_with_verb = bool(tokens) and tokens[-1][1] in ("EF", "EC")
            noun = ends_with_verb and not s.text.rstrip().endswith((".", "!", "?")) and _noun_reading(s.text)
            out.append([s.text, shift + s.start, shift + s.end, tokens, noun])
    return out


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _analysed(lines) -> dict:
    """line -> its analysis, from memory, the disk cache or Kiwi (in that order)."""
    keys = {line: _key(line) for line in lines}
    results = {line: _memory[k] for line, k in keys.items() if k in _memory}
    missing = [line for line in keys if line not in results]
    if missing:
        cached = _get_cache().get_many([keys[line] for line in missing])
        fresh = {}
        for line in missing:
            value = cached.get(keys[line])
            if value is None:
                value = _analyse_line(line)
                fresh[keys[line]] = json.dumps(value, ensure_ascii=False)
            results[line] = _memory[keys[line]] = value
        _get_cache().put_many(fresh)
    return results


# --- Analysing the template's text once, not once per lead ------------------------------------
# A line that carries a lead's name is new for every lead, so the analysis cache never hits on
# it. The name is only ever a name: the line is analysed with a stand-in name of the same kind
# (its last sound decides the particles after it), the analysis is cached under that masked
# line, and its offsets are mapped back to the real text. Leads whose names have the same lengths
# then share one tuple of tokens, and the Korean rules work out what they read from tokens once
# for them all (memo.TokenMemo). tests/test_shortcut.py proves the findings identical with and
# without all of it; MSGLINT_NO_SHORTCUT=1 turns it off.
_PLAIN_NAME = re.compile(r"[가-힣]{1,5}|[A-Za-z]{2,20}")


def standin(value: str) -> str | None:
    """A name that reads like ``value`` to Kiwi and to the particles after it, or None."""
    if not _PLAIN_NAME.fullmatch(value):
        return None
    has_final, rieul = final_consonant(value)
    if value.isascii():
        return "Daniel" if rieul else ("John" if has_final else "Sara")
    return "김한별" if rieul else ("김민준" if has_final else "김민수")


def sentences(text: str, names=()) -> tuple[Sentence, ...]:
    """Sentences of every line holding Hangul; a line break always ends a sentence. ``names``:
    (start, end) of the stretches of ``text`` that are the lead's name (read as a stand-in).

    Memoised: the speech-level and the address rules read the same text one after the other."""
    return _sentences(text, tuple(names) if shortcut.ON else ())


def message_sentences(message, text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``, a part of ``message``: the lead's name is masked when ``text``
    is the whole body its name spans were measured on."""
    return sentences(text, message.name_spans if text == message.body else ())


@lru_cache(maxsize=2048)
def _sentences(text: str, masks: tuple) -> tuple[Sentence, ...]:
    layout = []
    for offset, line in _lines(text):
        if _HANGUL.search(line):
            spans = [(s - offset, e - offset) for s, e in masks if offset <= s < e <= offset + len(line)]
            layout.append((offset, *_masked(line, spans)))
    return tuple(Sentence(text[start:end], start, end, tokens, noun)
                 for start, end, tokens, noun in _placed(tuple(layout)))


@lru_cache(maxsize=256)
def _placed(layout: tuple) -> tuple:
    """(start, end, tokens, noun reading) of each sentence, in the real text's offsets.

    ``layout`` holds each Hangul line's offset, its masked text and where its names moved: every
    lead whose names have the same lengths shares it, so the tokens are built once for them all,
    and only each sentence's text is the lead's own."""
    results = _analysed({masked for _, masked, _ in layout})
    out = []
    for offset, masked, moved in layout:
        back = _back(moved)
        for _text, start, end, tokens, noun in results[masked]:
            out.append((offset + back(start, False), offset + back(end, True),
                        tuple(Token(f, tag, offset + back(s, False), offset + back(e, True)) for f, tag, s, e in tokens),
                        noun))
    return tuple(out)


def _masked(line: str, spans) -> tuple[str, tuple]:
    """The line with each name replaced by its stand-in, and where each name moved:
    (masked start, masked end, real start, real end)."""
    pieces, moved, pos, shift = [], [], 0, 0
    for start, end in sorted(spans):
        stand = standin(line[start:end])
        if stand is None or start < pos:
            continue
        pieces += [line[pos:start], stand]
        moved.append((start + shift, start + shift + len(stand), start, end))
        shift += len(stand) - (end - start)
        pos = end
    if not moved:
        return line, ()
    pieces.append(line[pos:])
    return "".join(pieces), tuple(moved)


def _back(moved: tuple):
    """The map from an offset in the masked line to the real one."""
    if not moved:
        return lambda p, is_end: p

    def back(p: int, is_end: bool) -> int:
        delta = 0
        for m_start, m_end, r_start, r_end in moved:
            if p <= m_start:
                return p + delta  # before the stand-in (at its start: the name's start)
            if p < m_end:  # inside it: a token of the stand-in covers the whole name
                return r_end if is_end else r_start
            delta = r_end - m_end
        return p + delta

    return back
