"""msglint speaks Korean and English: findings, suggestions and errors in the reader's language.

Messages written in Python are ``_("English text with {fields}", field=value)``: a ``Text`` that
is put into words only when it is shown, in the language in force at that moment. The Korean
comes from a gettext catalog (``locale/ko/LC_MESSAGES/msglint.po``, read with Babel), so a
translator works in the usual tools. Rule files carry their own ``message: {ko: …, en: …}``.

Which language: ``--lang`` or the config's ``lang`` when given; otherwise a template's findings
follow the template's locale, and everything else follows ``LANG``.

Korean particles after a filled-in value depend on how the value ends ("“당신”은", "“고객님”을"),
so a Korean message writes the particle as a field of its own right after the value:
``“{match}”{은}`` picks 은 or 는 for ``match``.
"""

from __future__ import annotations

import contextvars
import os
import string
from functools import lru_cache
from pathlib import Path

from msglint import languages
from msglint.languages import josa

LANGUAGES = ("en", "ko")
DEFAULT = "en"

PARTICLES = josa.PAIRS  # a particle field names the with-final-consonant form

_explicit: str | None = None
_reading: contextvars.ContextVar = contextvars.ContextVar("msglint_reading", default=None)


def language_of(locale: str | None) -> str | None:
    """'ko-KR' -> 'ko'; a language msglint does not speak -> None."""
    if not locale:
        return None
    code = languages.primary(locale)
    return code if code in LANGUAGES else None


def configure(lang: str | None) -> None:
    """Fix the language for the whole run (--lang, or 'lang' in the config)."""
    global _explicit
    _explicit = language_of(lang) if lang else None


def explicit() -> str | None:
    return _explicit


def _environment() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = language_of(os.environ.get(name))
        if os.environ.get(name):
            return found or DEFAULT
    return DEFAULT


def current() -> str:
    return _explicit or _reading.get() or _environment()


class reading:
    """Findings about a message or template in ``locale`` are said in its language (unless the
    run fixed one); no locale leaves the language as it was. (A class, not a generator: every
    finding of a large run enters one.)"""

    __slots__ = ("locale", "token")

    def __init__(self, locale: str | None):
        self.locale = locale

    def __enter__(self):
        locale = self.locale
        self.token = _reading.set(language_of(locale) or (DEFAULT if locale else _reading.get()))

    def __exit__(self, *_exc):
        _reading.reset(self.token)


@lru_cache(maxsize=None)
def _catalog(language: str) -> dict:
    if language == DEFAULT:
        return {}
    from babel.messages.pofile import read_po

    path = Path(__file__).with_name("locale") / language / "LC_MESSAGES" / "msglint.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def translate(msgid: str, language: str | None = None) -> str:
    return _catalog(language or current()).get(msgid, msgid)


class Text:
    """A message that is put into words when shown: ``str(text)`` says it in the current language."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, params: dict):
        self.msgid = msgid
        self.params = params

    def say(self, language: str | None = None) -> str:
        language = language or current()
        if isinstance(self.msgid, dict):
            return fill(pick(self.msgid, language), self.params, language)
        return fill(translate(self.msgid, language), self.params, language)

    def __str__(self) -> str:
        return self.say()

    def __repr__(self) -> str:
        return f"_({self.msgid!r})"

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def __add__(self, other):
        return str(self) + str(other)

    def __radd__(self, other):
        return str(other) + str(self)


def _(msgid: str, **params) -> Text:
    return Text(msgid, params)


def N_(msgid: str) -> str:
    """Marks text for the catalog where it is translated later, e.g. ``_(what)``."""
    return msgid


def filled(value, **params) -> Text:
    """A rule file's text (one text or ``{ko: …, en: …}``) with fields to fill when shown."""
    return Text(value if isinstance(value, dict) else str(value), params)


def pick(value, language: str | None = None) -> str | None:
    """A rule file's text: either one text for every language or ``{ko: …, en: …}``."""
    if value is None:
        return None
    if isinstance(value, dict):
        language = language or current()
        return value.get(language) or value.get(DEFAULT) or next(iter(value.values()), "")
    return str(value)


@lru_cache(maxsize=1024)  # the same few messages are filled for every finding of a run
def _parsed(format_string: str) -> tuple:
    return tuple(string.Formatter().parse(format_string))


class _Formatter(string.Formatter):
    def __init__(self, language: str):
        self.language = language

    def vformat(self, format_string, args, kwargs):
        out = []
        previous = ""
        for literal, name, spec, conversion in _parsed(format_string):
            out.append(literal)
            if name is None:
                continue
            if name in PARTICLES and name not in kwargs:
                out.append(particle(previous, name))
                continue
            value = kwargs[name] if name in kwargs else "{" + name + "}"
            if isinstance(value, (Text, dict)):
                value = say(value, self.language)
            try:
                text = format(value, spec) if spec else str(value)
            except (ValueError, TypeError):  # a width or ',' on a value of another type: print it plain
                text = str(value)
            out.append(text)
            previous = str(value)
        return "".join(out)


def particle(word: str, name: str) -> str:
    """The form of particle ``name`` that follows ``word`` (을 or 를 ...)."""
    return josa.attach(word, PARTICLES[name])[len(word):]


def fill(template: str, values: dict, language: str | None = None) -> str:
    """``template`` with its ``{fields}`` filled from ``values``; a field with no value stays as
    written, particle fields agree with the value before them."""
    return _Formatter(language or current()).vformat(template, (), values)


class Lazy:
    """A value whose words depend on the reader's language (a weekday's name), decided when shown."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make  # language -> str

    def __str__(self) -> str:
        return self.make(current())


def say(value, language: str | None = None) -> str | None:
    """Any text msglint shows, in one language: a ``Text``, a rule file's ``{ko, en}``, or plain."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Text):
        return value.say(language)
    if isinstance(value, dict):
        return pick(value, language)
    return str(value)


def said_for(locale, value) -> str | None:
    """``value`` in the language of a reader of ``locale`` (unless the run fixed one)."""
    with reading(locale):
        return say(value)


def is_text(value) -> bool:
    """A text a rule file may give: one text, or one per language ``{ko: …, en: …}``."""
    if isinstance(value, str):
        return True
    return (isinstance(value, dict) and bool(value) and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values()))


# What PyYAML and Jinja say of a broken file, in Korean: the messages a marketer meets most, each
# a pattern of the library's English and its Korean with the same fields. Anything else stays as
# the library wrote it.
_LIBRARY_KO = [
    (r"mapping values are not allowed (?:here|in this context)", "여기에는 '키: 값'을 쓸 수 없습니다 (앞 줄의 따옴표와 들여쓰기를 확인하세요)"),
    (r"could not find expected ':'", "':'가 있어야 할 자리에 없습니다"),
    (r"found character '\\t' that cannot start any token", "탭 문자는 쓸 수 없습니다: 들여쓰기는 공백으로 하세요"),
    (r"found undefined alias '?(?P<name>[^']*)'?", "정의되지 않은 별칭 '{name}'입니다"),
    (r"expected <block end>, but found .*", "들여쓰기가 맞지 않습니다: 같은 수준의 항목은 같은 칸에서 시작하세요"),
    (r"found unexpected end of stream", "닫는 따옴표나 괄호 없이 끝났습니다"),
    (r"while scanning a quoted scalar", "따옴표가 닫히지 않았습니다"),
    (r"unexpected '(?P<char>[^']*)'", "예상하지 못한 '{char}'입니다"),
    (r"Encountered unknown tag '(?P<tag>[^']*)'\..*", "알 수 없는 태그 '{tag}'입니다 (오타이거나 닫는 태그의 짝이 맞지 않습니다)"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (?P<tags>.*?)\..*",
     "템플릿이 닫는 태그 없이 끝났습니다: {tags} 중 하나가 있어야 합니다"),
    (r"unexpected end of template, expected '(?P<what>[^']*)'\.?", "템플릿이 '{what}' 없이 끝났습니다"),
    (r"expected token '(?P<what>[^']*)', got '(?P<got>[^']*)'", "'{what}'이(가) 와야 할 자리에 '{got}'이(가) 있습니다"),
    (r"Expecting value", "값이 있어야 할 자리입니다"),
    (r"Expecting property name enclosed in double quotes", "키는 큰따옴표로 감싸야 합니다"),
    (r"Expecting ',' delimiter", "항목 사이에 ','가 있어야 합니다"),
    (r"Extra data", "하나의 값 뒤에 다른 내용이 더 있습니다"),
    (r"Unterminated string starting at", "따옴표가 닫히지 않았습니다"),
]


def library(text: str) -> Lazy:
    """A library's message (PyYAML, Jinja) in the reader's language, decided when it is shown."""
    return Lazy(lambda language: _library_text(str(text), language))


def _library_text(text: str, language: str) -> str:
    if language == "ko":
        import re

        for pattern, korean in _LIBRARY_KO:
            match = re.fullmatch(pattern, text.strip(), re.S)
            if match:
                return korean.format(**{k: v.replace("' or '", "', '") for k, v in match.groupdict().items()})
    return text
