"""Speech level of a Korean sentence from its final ending (Kiwi tag EF).

하십시오체 (-습니다, -ㅂ니까, -십시오, -답니다, -랍니다) is formal, 해요체 (-어요, -세요, -죠) polite;
해체 and 해라체 (-어, -야, -자, -ㄹ게, -다, -지, -네) are casual. -ㅂ시다 is no 반말 but a suggestion
that talks down to a customer: its own level, "familiar". A connective ending left before a full
stop or question mark ("보셨나?", "없어서.", "개최해.") ends the sentence and is judged as an
ending; a noun with 야 before one is the copula ("연어야."), not a vocative. A sentence without a verb ending (a title, "미팅 안내", a sign-off "박지은 드림",
a bullet "- 비용: 월 5만 원") has no speech level and is never casual.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAL, POLITE, CASUAL, FAMILIAR = "formal", "polite", "casual", "familiar"
# -니다 and -니까 cover -습니다, -ㅂ니다, -답니다, -랍니다 and their questions.
_FORMAL_ENDS = ("니다", "니까", "십시오", "ᆸ시오", "으십시오", "나이다")
_FAMILIAR_ENDS = ("ᆸ시다", "읍시다")
_NOUN_FORM_ENDS = ("ᆷ", "음", "기")
_FINAL_PUNCT = (".", "?", "!", "？", "！")
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
    if form.endswith(_FAMILIAR_ENDS):
        return FAMILIAR
    if form.endswith(_FORMAL_ENDS):
        return FORMAL
    return CASUAL


# Connectives that end a casual sentence when the message stops on them ("있어", "했거든", "좋은데");
# -고, -며, -여 and "담아" in a sign-off ("감사의 마음을 담아") do not.
_SIGN_OFF_STEMS = ("담",)  # "감사의 마음을 담아" closes a letter
_CASUAL_FINAL_EC = ("어", "아", "여", "지", "거든", "는데", "은데", "ㄴ데", "네", "나", "니", "냐", "래", "게")
# A clause that trails after a polite sentence and a comma is that sentence turned round, not 반말:
# "부럽네요, 좋아하는 일을 하실 수 있어서." / "불편하죠, 고치기도 애매하고."
TAIL_ENDINGS = ("는데", "은데", "ᆫ데", "ㄴ데", "던데", "어서", "아서", "여서", "고", "지만", "니까", "으니까",
                "면서", "으면서", "더니")


def inverted(judgement: "Judgement", before: "Judgement | None") -> bool:
    """Whether a casual ``judgement`` is only the trailing clause of ``before``, a polite or formal
    sentence that ended on a comma."""
    return (judgement.level == CASUAL and judgement.ending in TAIL_ENDINGS and before is not None
            and before.level in (POLITE, FORMAL))


def judge(sentence, ends_text: bool = False) -> Judgement:
    """The speech level of ``sentence``; ``ends_text``: nothing follows it in the message, so a
    connective left at its end ("…두고 있어") is where the writer stopped, not a line running on."""
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
        ends_sentence = (bool(tokens) and tokens[-1].tag == "SF" and tokens[-1].form in _FINAL_PUNCT) or (
            ends_text and bool(core) and core[-1].tag == "EC" and core[-1].form in _CASUAL_FINAL_EC
            and not (len(core) >= 2 and core[-2].form in _SIGN_OFF_STEMS))
        if ends_sentence and core and core[-1].tag == "EC":
            # "보셨나?", "없어서." — unless it trails a polite clause: "불편하죠, 고치기도 애매하고."
            return _turned_round(tokens, Judgement(CASUAL, core[-1].form, core[-1].start, honorific))
        if (ends_sentence and len(core) >= 2 and core[-1].tag == "JKV" and core[-1].form in ("야", "이야")
                and core[-2].tag in ("NNG", "NNB", "NP", "NR", "SN")):
            return Judgement(CASUAL, "야", core[-1].start, honorific)  # "연어야." is the copula
        return Judgement(None, None, None, honorific)
    ending = tokens[last]
    if ending.form in _NOUN_FORM_ENDS:
        # 명사형 종결, the telegraphic style of notices and sign-offs ("사은품 드림", "접수 완료함"):
        # Kiwi may read its -ㅁ/-음 as a final ending, but it has no speech level.
        return Judgement(None, None, None, honorific)
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    followed_by_yo = after is not None and after.tag == "JX" and after.form == "요"
    level = _level_of(ending.form, followed_by_yo)
    if level == CASUAL and sentence.noun_reading:
        return Judgement(None, None, None, honorific)  # a title such as "혜택 안내"
    return _turned_round(tokens, Judgement(level, ending.form, ending.start, honorific))


def _turned_round(tokens, judgement: Judgement) -> Judgement:
    """``judgement``, or the level of a polite ending before a comma when what is judged is only
    the clause trailing after it (see ``inverted``)."""
    if judgement.level != CASUAL or judgement.ending not in TAIL_ENDINGS:
        return judgement
    for token, after in zip(tokens, tokens[1:]):
        if after.start >= judgement.ending_start:
            break
        if after.form == "," and token.tag in ("EF", "EC", "JX"):
            before = Judgement(_level_of(token.form, False), token.form, token.start, judgement.honorific)
            if inverted(judgement, before):
                return before
    return judgement


# A request to a customer takes -(으)세요 or -어 주세요, not a bare 요: "연락 줘요", "잊지 마요" and
# "확인해요" read as orders. (ending as written -> polite request)
_REQUESTS = (("줘", "주세요"), ("주라", "주세요"), ("지 마", "지 마세요"), ("지 말아", "지 마세요"))
_REQUEST_VERBS = ("해", "봐", "와", "가", "써", "읽어", "알려", "보내", "넣어", "골라", "찍어", "눌러", "들어")
_FIRST_PERSON = ("내가", "제가", "나는", "저는", "난 ", "전 ", "우리가", "저희가")


def _polite_request(core: str, sentence_text: str) -> str | None:
    for written, polite in _REQUESTS:
        if core.endswith(written):
            return core[: len(core) - len(written)] + polite
    if any(p in sentence_text for p in _FIRST_PERSON) or core.endswith(("었어", "았어", "였어", "했어", "됐어")):
        return None  # "제가 확인해" or "보냈어": a statement, not a request
    for verb in _REQUEST_VERBS:
        if core.endswith(verb):
            return f"{core} 주세요"  # "확인해" -> "확인해 주세요"
    return None


def polite_rewrite(sentence_text: str, ending: str, vocative: str | None = None) -> str | None:
    """A polite version where the change is mechanical: 없어 → 없어요, 보낼게 → 보낼게요, 하자 → 하시죠,
    연락 줘 → 연락 주세요, 잊지 마 → 잊지 마세요; a vocative "민수야," becomes "민수 님,"."""
    core = sentence_text.rstrip()
    punct = ""
    while core and core[-1] in ".!?~…":
        punct = core[-1] + punct
        core = core[:-1]
    if not core:
        return None
    if vocative and core.startswith(vocative):
        name = vocative[:-1]  # "민수야" -> "민수"
        core = f"{name} 님" + core[len(vocative):]
    if ending in ("어", "아", "여") and "?" not in punct:  # a question asks, it does not request
        request = _polite_request(core, sentence_text)
        if request is not None:
            return f"{request}{'.' if punct in ('', '!', '~') else punct}"
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
