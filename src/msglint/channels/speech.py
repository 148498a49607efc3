"""How long a script takes to say: a voicemail, or the rep's side of a call script.

English is timed by words, Korean by syllables (each Hangul block is one); digits, Latin words
and other scripts inside a Korean script are timed as they are read. The rates come from the
rule data (``settings.speech_rate``) so a team can tune them to its reps.
"""

from __future__ import annotations

import re

from msglint import languages

_HANGUL = re.compile(r"[가-힣]")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def _english_syllables(word: str) -> int:
    # Read inside Korean speech, an English word keeps roughly its vowel groups ("CRM" is 3 letters said).
    if word.isupper() and len(word) <= 5:
        return len(word)
    return max(1, len(_VOWEL_GROUPS.findall(word)))


def syllables(text: str) -> int:
    count = len(_HANGUL.findall(text)) + len(_DIGIT.findall(text))
    count += sum(_english_syllables(w) for w in _LATIN_WORD.findall(text))
    return count


def seconds(text: str, language: str, rates: dict | None = None) -> float:
    rate = (rates or {}).get(language) or languages.of(language).speech_rate
    amount = syllables(text) if rate["unit"] == "syllables" else len(_WORD.findall(text))
    return round(amount / rate["per_minute"] * 60, 1)


def measure(message, settings: dict, facts: dict) -> None:
    """How many seconds the script takes to say, at the rule packs' (or the language's) rate."""
    facts["seconds"] = seconds(message.body, message.language, settings.get("speech_rate"))
