"""A Korean ask that says nothing: every content word is one any follow-up could use.

Generic follow-ups are open-ended ("제안서 잘 받아 보셨나요?", "관심 있으시면 연락 주세요",
"오랜만에 안부 여쭙니다"): no list of phrases catches them all. What they share is that nothing in
them is about this lead — no number, no date, no product, no named item. So the rule reads each
sentence with Kiwi and fires when it is an ask (a question, a request, a closing wish) about
follow-up business (an ``anchors`` word: 검토, 회신, 연락, 자료 …) and every content word is in
``vague``: the words that fit any lead. One specific word ("보안 점검표", "1월", "SSO") makes the
sentence about someone, and it passes.
"""

from __future__ import annotations

from collections import namedtuple

from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.korean.memo import TokenMemo
from msglint.korean.morph import message_sentences

FIELDS = {"vague": True, "anchors": True, "asks": True, "suggestion": False}

# Parts of speech that carry content (Kiwi's tags; "VA-I" and "VV-R" are irregular forms).
_CONTENT = ("NNG", "NNP", "NR", "SN", "SL", "SH", "VV", "VA", "VX", "XR", "NNB")
_NAMED = ("님", "씨", "고객님")  # "최지훈 님": the lead's name is the address, not a specific
# A verb closed by one of these gives a reason, not a request: "연락 주셔서 감사해요" thanks the
# customer for what they did; "연락 주시면 감사하겠습니다" asks. Grammar, not vocabulary.
_REASON = ("어서", "아서", "서")
# A noun after a future adnominal names an intention ("마저 볼 생각이지요?" — you mean to finish
# it?), not the business a follow-up asks about ("어떻게 생각하세요?").
_FUTURE = ("ᆯ", "ㄹ", "을")


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "vague anchors asks")


def compile(rule):
    lists = {key: rule.options[key] for key in ("vague", "anchors", "asks")}
    for key, words in lists.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(_("'{key}' must be a list of words", key=key))
    return Compiled(set(lists["vague"]) | set(lists["anchors"]), set(lists["anchors"]), set(lists["asks"]))


def _stem_tag(token) -> str:
    return token.tag.split("-")[0]


def _plan(tokens) -> tuple | None:
    """From the tokens alone: the content words, every token's form (to look for an ask word in,
    less a verb that gives a reason), the offset the finding starts at (past the address), and the
    content words that may anchor a follow-up (not an intention); None for a sentence of no content."""
    content = []
    anchoring = set()  # content words that can make the sentence a follow-up ask
    for i, token in enumerate(tokens):
        tag = _stem_tag(token)
        if tag not in _CONTENT or token.form in _NAMED:
            continue
        if tag == "NNP" and any(t.form in _NAMED for t in tokens[i + 1:i + 3]):
            continue  # the name of the person addressed
        if tag == "NNP" and i + 1 < len(tokens) and _stem_tag(tokens[i + 1]) == "NNP":
            continue  # first half of a name Kiwi split (최/NNP 지훈/NNP 님)
        content.append(token.form)
        if not (i and tokens[i - 1].tag == "ETM" and tokens[i - 1].form in _FUTURE):
            anchoring.add(token.form)
    if not content:
        return None
    start = next((t.start for t in tokens if t.tag != "SP" and not (
        _stem_tag(t) == "NNP" or t.form in _NAMED or t.form == ",")), tokens[0].start)
    return (frozenset(content), frozenset(t.form for i, t in enumerate(tokens) if not _gives_reason(tokens, i)), start,
            frozenset(anchoring))


def _gives_reason(tokens, i) -> bool:
    """Whether token ``i`` is a verb whose ending (past any honorific 시) gives a reason."""
    if _stem_tag(tokens[i]) not in ("VV", "VX"):
        return False
    following = next((t for t in tokens[i + 1:] if t.tag != "EP"), None)
    return following is not None and following.tag == "EC" and following.form in _REASON


_PLANS = TokenMemo()


def check(rule, message, segment):
    vague, anchors, asks = rule.compiled
    text = segment.text
    for sentence in message_sentences(message, text):
        plan = _PLANS.get(sentence.tokens, None, lambda: _plan(sentence.tokens))
        if plan is None:
            continue
        content, forms, start, anchoring = plan
        if not content <= vague or not anchoring & anchors:
            continue
        if not (sentence.text.rstrip().endswith("?") or forms & asks):
            continue
        yield Hit(start=segment.offset + start, end=segment.offset + sentence.end, part=segment.part,
                  excerpt=text[start:sentence.end])
