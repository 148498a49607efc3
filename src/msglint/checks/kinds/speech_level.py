"""Korean speech level: a sentence to a prospect in 반말 (해체/해라체), or first/second person
words that only 반말 uses (나, 내가, 너, 당신). 해요체 and 하십시오체 pass.

Real morphology (Kiwi's final-ending tag EF), not the last character: "감사합니다" and
"미팅 안내" are not casual, "곧 이야기하자" is, and so is "연락 줘" without a full stop.
"""

from __future__ import annotations

from collections import namedtuple

from msglint import i18n
from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.korean.memo import TokenMemo
from msglint.korean.speech_level import judge
from msglint.korean.morph import message_sentences
from msglint.korean.speech_level import CASUAL, FAMILIAR, inverted, polite_rewrite

FIELDS = {"suggestions": True, "pronouns": False, "messages": True, "casual_words": False}


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "suggestions pronouns messages casual_words")


def compile(rule):
    suggestions, messages = rule.options["suggestions"], rule.options["messages"]
    if not isinstance(suggestions, dict) or "default" not in suggestions:
        raise ValueError(_("'suggestions' must map endings to advice and include 'default'"))
    if not isinstance(messages, dict) or not {"ending", "pronoun"} <= set(messages):
        raise ValueError(_("'messages' needs 'ending' and 'pronoun' texts"))
    pronouns = rule.options.get("pronouns") or {}
    if not isinstance(pronouns, dict):
        raise ValueError(_("'pronouns' must map a pronoun to its polite form"))
    casual_words = rule.options.get("casual_words") or {}
    if not isinstance(casual_words, dict):
        raise ValueError(_("'casual_words' must map a word to its polite form"))
    return Compiled(suggestions, pronouns, messages, casual_words)


# Kiwi writes an ending's first consonant as a final jamo ("ᆯ게", "ᆷ"); a reader expects ㄹ게, ㅁ.
_JAMO = str.maketrans({"ᆫ": "ㄴ", "ᆯ": "ㄹ", "ᆷ": "ㅁ", "ᆸ": "ㅂ", "ᆻ": "ㅆ", "ᆼ": "ㅇ"})


def _readable(ending: str) -> str:
    return ending.translate(_JAMO)


def _plan(sentence, ends_text: bool):
    """What the rule reads from the tokens alone: the verdict, the word a casual word would be (the
    sentence's only word, or the interjection that opens a longer one: "응, …"), the pronouns, and
    where a "name+야" vocative is. Worked out once per analysis (TokenMemo)."""
    tokens = sentence.tokens
    core = [t for t in tokens if not t.tag.startswith("S")]
    vocative = next(((prev.start, t.end) for prev, t in zip(tokens, tokens[1:])
                     if t.tag == "JKV" and prev.tag == "NNP" and prev.end == t.start), None)
    single = core[0] if len(core) == 1 or (core and core[0].tag == "IC") else None
    return judge(sentence, ends_text=ends_text), single, tuple(t for t in tokens if t.tag == "NP"), vocative


_PLANS = TokenMemo()


def check(rule, message, segment):
    suggestions, pronouns, messages, casual_words = rule.compiled
    text = segment.text
    before = None  # the verdict on the sentence just before, when it ended on a comma
    for sentence in message_sentences(message, text):
        ends_text = not text[sentence.end:].strip()
        verdict, single, nouns, vocative = _PLANS.get(sentence.tokens, (ends_text, sentence.noun_reading),
                                                       lambda: _plan(sentence, ends_text))
        if inverted(verdict, before):
            verdict = before  # "부럽네요, 좋아하는 일을 하실 수 있어서.": the same sentence turned round
        before = verdict if text[sentence.start:sentence.end].rstrip().endswith(",") else None
        if verdict.level == FAMILIAR and "familiar" in messages:
            # -ㅂ시다 is no 반말 ("이야기합시다" proposes, from above): a note of its own, never an
            # error, whatever severity a team gives the rule.
            yield Hit(start=segment.offset + sentence.start, end=segment.offset + sentence.end, part=segment.part,
                      values={"detail": messages["familiar"]}, severity="info",
                      suggestion=suggestions.get("familiar", suggestions["default"]), excerpt=sentence.text)
        if verdict.level == CASUAL:
            rewrite = polite_rewrite(sentence.text, verdict.ending, text[slice(*vocative)] if vocative else None)
            if rewrite and "rewrite" in suggestions:
                advice = i18n.filled(suggestions["rewrite"], rewrite=rewrite)
            else:
                advice = suggestions.get(verdict.ending, suggestions["default"])
            yield Hit(
                start=segment.offset + sentence.start, end=segment.offset + sentence.end, part=segment.part,
                values={"detail": i18n.filled(messages["ending"], ending=_readable(verdict.ending))},
                suggestion=advice, excerpt=sentence.text,
            )
        if single is not None and single.form in casual_words and verdict.level != CASUAL:
            # "안녕!" alone is 반말 ("안녕하세요" is not this word); so is "응," opening a polite
            # sentence. A casual sentence is reported once, for its ending.
            word = text[single.start:single.end]
            yield Hit(
                start=segment.offset + single.start, end=segment.offset + single.end, part=segment.part,
                values={"detail": i18n.filled(messages["pronoun"], word=word, polite=casual_words[single.form])},
                suggestion=f"“{word}” → “{casual_words[single.form]}”", excerpt=sentence.text,
            )
        for token in nouns:
            if token.form in pronouns:
                word = text[token.start:token.end]
                yield Hit(
                    start=segment.offset + token.start, end=segment.offset + token.end, part=segment.part,
                    values={"detail": i18n.filled(messages["pronoun"], word=word, polite=pronouns[token.form])},
                    suggestion=f"“{word}” → “{pronouns[token.form]}”", excerpt=sentence.text,
                )
