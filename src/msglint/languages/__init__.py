"""One place for the languages msglint knows: what each stage needs to know about a language.

A message's ``locale`` (``ko``, ``ko-KR``, ``en_US.UTF-8``) names a language by its first subtag;
:func:`primary` is the one place that reads it. Each known language is a row of :data:`LANGUAGES`:
its recipients' usual time zone and country, how a proposed time is written, how fast a
voicemail is read aloud, whether its words are spaced, whether particles follow a word, and what
a new template of it says about itself. A new language is a row here (``register``) plus its
data: skeletons under ``skeletons/<code>/``, rule texts, speech rates in the rule packs.

Imports nothing of msglint, so every layer may read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """What msglint's stages need to know about one language."""

    code: str  # the primary subtag: "ko", "en"
    zone: str  # a recipient's time zone when neither the lead, the template nor the command line names one
    territory: str  # the country when a locale names none (currency, public holidays)
    # How a time offered to a lead is written (Babel patterns): with the date / time only, each as
    # (on the hour, with minutes), so a 14:30 slot is never offered as "2 PM".
    slot_formats: tuple[tuple[str, str], tuple[str, str]]
    # How fast a voicemail script is read aloud when the rule packs name no rate (channels/speech).
    speech_rate: dict = field(default_factory=dict)
    spaced_words: bool = True  # words are separated by spaces (Korean yes, Japanese no)
    particles: bool = False  # particles follow a word and agree with its last sound (languages/josa)
    new_description: str = "New {channel} message: say when it is sent and to whom."


LANGUAGES: dict[str, Language] = {}


def register(language: Language) -> Language:
    """Add (or replace) a language; every stage reads it from here from then on."""
    LANGUAGES[language.code] = language
    return language


register(Language(
    code="en", zone="America/New_York", territory="US",
    slot_formats=(("EEE, MMM d, h a", "EEE, MMM d, h:mm a"), ("EEE h a", "EEE h:mm a")),
    speech_rate={"unit": "words", "per_minute": 150},
))
register(Language(
    code="ko", zone="Asia/Seoul", territory="KR",
    slot_formats=(("M월 d일(E) aaaa h시", "M월 d일(E) aaaa h시 m분"), ("aaaa h시", "aaaa h시 m분")),
    speech_rate={"unit": "syllables", "per_minute": 330},
    particles=True,
    new_description="새 {channel} 메시지. 언제, 누구에게 보내는지 쓰세요.",
))

#: The language whose conventions apply when a locale names one msglint does not know.
FALLBACK = LANGUAGES["en"]


def primary(locale) -> str:
    """The language a locale names, lower-case: 'ko-KR' -> 'ko', 'en_US.UTF-8' -> 'en', None -> ''."""
    return str(locale or "").replace("-", "_").split("_")[0].split(".")[0].lower()


def get(locale) -> Language | None:
    """The known language of ``locale``, or None."""
    return LANGUAGES.get(primary(locale))


def of(locale) -> Language:
    """The known language of ``locale``, else the fallback's conventions."""
    return LANGUAGES.get(primary(locale), FALLBACK)


def default_zone(locale) -> str:
    """The usual time zone of a recipient who reads ``locale`` (UTC for a language msglint does not know)."""
    known = get(locale)
    return known.zone if known else "UTC"
