"""Korean particles (josa) after any word: 을/를, 이/가, 은/는, 과/와, 으로/로, 이에요/예요.

Korean particles change with the last sound of the word before them ("CRM 도입을", "견적서를"), and
that word often comes from a variable or a finding's quoted text. Used by the ``josa`` template
filter, by findings written in Korean (``i18n``) and by the Korean analysis (a stand-in name
that reads like the lead's). Pure: it imports nothing of msglint, so every layer may use it.
"""

from __future__ import annotations

#: A particle names its with-final-consonant form; its pair is the other.
PAIRS = {
    "은": "은/는", "는": "은/는", "이": "이/가", "가": "이/가", "을": "을/를", "를": "을/를",
    "과": "과/와", "와": "과/와", "으로": "으로/로", "로": "으로/로", "이라는": "이라는/라는",
    "라는": "이라는/라는", "이나": "이나/나", "나": "이나/나", "이에요": "이에요/예요", "예요": "이에요/예요",
    "이라고": "이라고/라고", "라고": "이라고/라고", "이란": "이란/란", "란": "이란/란",
}

# Forms are written "with-final/without-final".
# Digits as read aloud: 영 일 이 삼 사 오 육 칠 팔 구 (and 십, 백, 천, 만 end in a consonant too).
_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
# Symbols after a number, as read: 퍼센트, 도, 플러스 end in a vowel.
_SYMBOL_HAS_FINAL = {"%": False, "％": False, "°": False, "℃": False, "+": False, "#": False}
# An acronym is read letter by letter; 엘, 엠, 엔, 알 end in a consonant (CRM을, API를, HR을).
_ACRONYM_FINAL = {"L": (True, True), "M": (True, False), "N": (True, False), "R": (True, True)}


def _latin_final(word: str) -> tuple[bool, bool]:
    """How a Latin word ends when read in Korean: HubSpot(팟)을, Slack(랙)을, Google(구글)을,
    Zoom(줌)을, Jira(지라)를, Salesforce(포스)를, Microsoft(소프트)를, Docker(도커)를."""
    letters = "".join(ch for ch in word if ch.isascii() and ch.isalpha())
    if not letters:
        return False, False
    if letters.isupper() and len(letters) <= 5:
        return _ACRONYM_FINAL.get(letters[-1], (False, False))
    w = letters.lower()
    vowels = "aeiouy"
    if w.endswith("ng"):
        return True, False
    if w.endswith("e") and len(w) > 2 and w[-2] not in vowels:  # a silent e: the consonant before decides
        return {"l": (True, True), "m": (True, False), "n": (True, False)}.get(w[-2], (False, False))
    last, before = w[-1], w[-2] if len(w) > 1 else ""
    if last in "mn":
        return True, False
    if last == "l":
        return True, True
    if last == "k" or (last in "ptc" and before in vowels) or w.endswith("ck"):
        return True, False  # 팟, 랙, 북, 토픽 — but -st, -ft, -pt are 스트, 프트: no final
    return False, False


def final_consonant(word: str) -> tuple[bool, bool]:
    """(has a final consonant, that consonant is ㄹ) for the last readable character."""
    text = word.strip()
    for index in range(len(text) - 1, -1, -1):
        ch = text[index]
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            final = code % 28
            return final != 0, final == 8
        if ch in _SYMBOL_HAS_FINAL:
            return _SYMBOL_HAS_FINAL[ch], False
        if ch.isdigit():
            return _DIGIT_HAS_FINAL.get(ch, False), ch in "178"
        if ch.isascii() and ch.isalpha():
            start = index
            while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
                start -= 1
            return _latin_final(text[start:index + 1])
    return False, False


def split_forms(forms) -> tuple[str, str] | None:
    """"을/를" -> ("을", "를"); None when one of the two forms is missing."""
    with_final, slash, without_final = str(forms).partition("/")
    if not slash or not with_final or not without_final:
        return None
    return with_final, without_final


def attach(word, forms: str) -> str:
    """``word`` followed by the form of the particle ``forms`` ("을/를") that agrees with its last
    sound: "CRM 도입을", "견적서를", "서울로", "서울시청으로". Raises ValueError for a malformed ``forms``."""
    pair = split_forms(forms)
    if pair is None:
        raise ValueError(forms)
    with_final, without_final = pair
    has_final, is_rieul = final_consonant(str(word))
    if with_final == "으로" and is_rieul:
        return f"{word}{without_final}"
    return f"{word}{with_final if has_final else without_final}"
