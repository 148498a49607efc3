"""Speech level of a Korean sentence from its final ending (Kiwi tag EF).

하십시오체 (-습니다, -ㅂ니까, -십시오) is formal, 해요체 (-어요, -세요, -죠) polite; 해체 and 해라체
(-어, -야, -자, -ㄹ게, -다, -지, -네) are casual, and so is -ㅂ시다, a suggestion that talks down
to a customer. A sentence without a verb ending (a title, "미팅 안내", a sign-off "박지은 드림",
a bullet "- 비용: 월 5만 원") has no speech level and is never casual.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAL, POLITE, CASUAL = "formal", "polite", "casual"
_FORMAL_ENDS = ("ᆸ니다", "습니다", "ᆸ니까", "습니까", "십시오", "ᆸ시오", "으십시오", "나이다")
_QUOTE_OPEN, _QUOTE_CLOSE = "SSO", "SSC"


@dataclass(frozen=True)
class Judgement:
    level: str | None  # formal, polite, casual, or None when the sentence has no verb ending
    ending: str | None  # the ending's form as Kiwi writes it ("자", "ᆯ게", "습니다")
    ending_start: int | None = None
    honorific: bool = False  # the predicate carries -시- (EP)


def _level_of(form: str, followed_by_yo: bool) -> str:
    if followed_by_yo or form.endswith("요") or form.endswith("죠"):
        return POLITE
    if form.endswith(_FORMAL_ENDS):
        return FORMAL
    return CASUAL


def judge(sentence) -> Judgement:
    tokens = sentence.tokens
    depth = 0
    last = None  # index of the last ending outside quotes
    for i, t in enumerate(tokens):
        if t.tag == _QUOTE_OPEN:
            depth += 1
        elif t.tag == _QUOTE_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and t.tag == "EF":
            last = i
    honorific = any(t.tag == "EP" and t.form in ("시", "으시") for t in tokens)
    if last is None:
        # Kiwi tags a line-final casual ending as EF ("연락 줘"); a connective left at the end
        # ("감사의 마음을 담아", a line running on) is not a sentence ending, so not judged.
        core = [t for t in tokens if not t.tag.startswith("S") and not t.tag.startswith("W_")]
        if core and core[-1].tag == "JX" and core[-1].form == "요":
            return Judgement(POLITE, "요", core[-1].start, honorific)
        return Judgement(None, None, None, honorific)
    ending = tokens[last]
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    followed_by_yo = after is not None and after.tag == "JX" and after.form == "요"
    level = _level_of(ending.form, followed_by_yo)
    if level == CASUAL and sentence.noun_reading:
        return Judgement(None, None, None, honorific)  # a title such as "혜택 안내"
    return Judgement(level, ending.form, ending.start, honorific)


def polite_rewrite(sentence_text: str, ending: str) -> str | None:
    """A polite version where the change is mechanical: 없어 → 없어요, 보낼게 → 보낼게요, 하자 → 하시죠."""
    core = sentence_text.rstrip()
    punct = ""
    while core and core[-1] in ".!?~…":
        punct = core[-1] + punct
        core = core[:-1]
    if not core:
        return None
    if ending in ("어", "아", "여", "지", "네", "ᆯ게", "을게", "군", "는데", "ᆫ데", "거든", "ᆯ래", "을래"):
        return f"{core}요{punct}"
    last = core[-1]
    if ending == "자" and last == "자" and len(core) >= 2 and (ord(core[-2]) - 0xAC00) % 28 == 0:
        return f"{core[:-1]}시죠{punct}"
    if ending == "야" and last == "야":
        before = core[-2] if len(core) >= 2 else ""
        has_final = bool(before) and 0 <= ord(before) - 0xAC00 < 11172 and (ord(before) - 0xAC00) % 28 != 0
        if core.endswith("이야"):
            return f"{core[:-2]}이에요{punct}"
        return f"{core[:-1]}{'이에요' if has_final else '예요'}{punct}"
    return None
