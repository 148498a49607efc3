"""Korean honorific address: a person named without 님 (or a title with 님), with -씨, or with a
vocative -야/-아 reads as talking down to a customer.

In rendered text, Kiwi finds the proper noun (NNP) and what follows it. In a template, any
variable that holds a person's name (role ``name``) must be followed by 님 or a title with 님.
"""

from __future__ import annotations

import re
from collections import namedtuple

from msglint import i18n
from msglint.checks.kinds import Hit
from msglint.i18n import _
from msglint.korean.memo import TokenMemo
from msglint.korean.morph import message_sentences

FIELDS = {"honorifics": True, "casual_suffixes": True, "messages": True, "titles": False, "surnames": False,
          "greetings": False}

# "이수빈, 최윤아, 서민재" after "참석:" lists people; it does not call anyone.
_LABELS = {"참석", "참석자", "참조", "담당", "담당자", "수신", "발신", "작성", "작성자", "연락처", "문의"}
_LATIN_NAME = re.compile(r"^[A-Z][a-z]{1,15}$")
_AS_SUFFIX = ("NNB", "XSN", "NNG")  # 씨, 양, 군 read as what follows a name


class _Needing:
    """A pattern that cannot match unless the text holds one of ``needles`` (words it spells out):
    most messages hold none, and one substring test each is cheaper than a scan that starts at
    every line start and syllable."""

    def __init__(self, pattern, needles):
        self.pattern, self._needles = pattern, tuple(needles)

    def finditer(self, text):
        if not any(needle in text for needle in self._needles):
            return iter(())
        return self.pattern.finditer(text)


# What compile() prepares once per rule, read by name.
Compiled = namedtuple("Compiled", "honorifics suffixes messages titles spaced titled greeted memo")


def compile(rule):
    messages = rule.options["messages"]
    if not isinstance(messages, dict) or not {"bare", "suffix", "vocative"} <= set(messages):
        raise ValueError(_("'messages' needs 'bare', 'suffix' and 'vocative' texts"))
    titles = rule.options.get("titles") or []
    if not isinstance(titles, list):
        raise ValueError(_("'titles' must be a list of job titles (팀장, 과장, ...)"))
    suffixes = set(rule.options["casual_suffixes"])
    # "하은 씨": Kiwi may not see a name in 하은, but a word, a space and 씨 in address position does.
    spaced = _Needing(re.compile(r"(?<![가-힣])([가-힣]{1,3}) (" + "|".join(map(re.escape, suffixes)) + r")(?=[\s,.!?]|$)"),
                      [f" {s}" for s in suffixes])
    # Names Kiwi does not know come apart ("오승훈" as 오/NR 승/NNB 후/NNG ㄴ/JX): a surname, a few
    # syllables and then a title and a comma, or a greeting, at the start of a line is address too.
    surnames = rule.options.get("surnames") or []
    greetings = rule.options.get("greetings") or []
    if not isinstance(surnames, list) or not isinstance(greetings, list):
        raise ValueError(_("'surnames' and 'greetings' must be lists of words"))
    line_start = r"(?m)(?:^|(?<=[.!?] ))[ \t]*"
    # A name written with 님 (김민수님) is already honorific: the name never ends in 님.
    name = r"((?:" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True))) + r")[가-힣]{0,3}(?<!님))"
    titled = _Needing(re.compile(line_start + name + r" (" + "|".join(map(re.escape, titles)) + r")(?=[ \t]*,)"),
                      [f" {t}" for t in titles]) if surnames and titles else None
    greeted = _Needing(re.compile(line_start + name + r",[ \t]*(?=" + "|".join(map(re.escape, greetings)) + r")"),
                       greetings) if surnames and greetings else None
    # The last item remembers each analysis' calls: a batch's leads share their template's tokens.
    return Compiled(set(rule.options["honorifics"]), suffixes, messages, set(titles), spaced, titled, greeted, TokenMemo())


def _listed(tokens, i, j) -> bool:
    """A name in a list (참석: 이수빈, 최윤아) or after a label, not a name being called."""
    before = tokens[i - 1] if i > 0 else None
    if any(t.form in (":", "：") for t in tokens[:i]) or any(t.form in _LABELS for t in tokens[max(0, i - 3):i]):
        return True  # after "참석:" or "담당:" — a label's list
    if before is not None and before.form == "," and i >= 2 and tokens[i - 2].tag.startswith("NN"):
        return True  # the second item of "이수빈, 최윤아" or "수학, 영어, 국어"
    after_comma = tokens[j + 2] if j + 2 < len(tokens) else None
    return after_comma is not None and after_comma.tag == "NNP"


def _quoted(tokens) -> set:
    """The positions of the tokens between quotation marks."""
    inside, depth = set(), 0
    for i, token in enumerate(tokens):
        if token.tag == "SSO" and token.form in "'\"‘“「『":
            depth += 1
        elif token.tag == "SSC" and token.form in "'\"’”」』":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(i)
    return inside


def _calls(tokens, first: bool, honorifics, suffixes, titles) -> tuple:
    """Where a sentence's tokens call a person without 님: (name start, name end, what follows
    (the token or None), kind, end of the finding), all from the tokens alone."""
    tokens = [t for t in tokens if t.tag != "SO" or t.form not in "-•·*"]
    quoted = _quoted(tokens)
    out = []
    for i, token in enumerate(tokens):
        latin = (token.tag == "SL" and i == 0 and first and _LATIN_NAME.match(token.form))
        if token.tag != "NNP" and not latin or i in quoted:
            continue  # a name in quotes is mentioned ("'홍길동 씨'라는 이름으로"), not called
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].tag == "NNP":
            j += 1
        # Kiwi sometimes cuts a name it does not know into a surname and one-syllable nouns
        # (박/NNP 서/NNG 준/NNG): pieces written together with it belong to the name.
        while (j + 1 < len(tokens) and tokens[j + 1].tag == "NNG" and len(tokens[j + 1].form) == 1
               and tokens[j + 1].start == tokens[j].end and j - i < 3):
            j += 1
        title = None
        if j + 1 < len(tokens) and tokens[j + 1].form in titles and tokens[j + 1].tag.startswith("NN"):
            title = tokens[j + 1]  # "이수빈 팀장," — a title, but no 님 after it
            j += 1
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        if title is not None and after is not None and after.form in honorifics | {"님"}:
            continue
        if after is not None and after.tag == "SP" and after.form == "," and _listed(tokens, i, j):
            continue
        if title is not None and after is not None and after.tag == "SP" and after.form == ",":
            kind = "title"
        elif after is not None and after.tag == "JKV":
            kind = "vocative"
        elif after is not None and after.form in suffixes and after.tag in _AS_SUFFIX:
            if j + 2 < len(tokens) and tokens[j + 2].tag == "VCP":
                continue  # "모두 김씨입니다": a surname spoken of, not a person called
            kind = "suffix"
        elif after is not None and after.tag == "SP" and after.form == "," and (
                i == 0 or not tokens[i - 1].tag.startswith("N")):
            kind = "bare"  # "김민수, ..." calls the person
        elif after is None and i == 0 and first:
            kind = "bare"  # a name alone opening the message; alone at the end it is a signature
        else:
            continue
        end = after.end if after is not None and kind not in ("bare", "title") else tokens[j].end
        out.append((token.start, tokens[j].end, after, kind, end))
    return tuple(out)


def check(rule, message, segment):
    honorifics, suffixes, messages, titles, spaced, titled, greeted, memo = rule.compiled
    text = segment.text
    found = []
    analysed = message_sentences(message, text)
    for number, sentence in enumerate(analysed):
        first = number == 0
        calls = memo.get(sentence.tokens, first,
                         lambda: _calls(sentence.tokens, first, honorifics, suffixes, titles))
        for start, name_end, after, kind, end in calls:
            name = text[start:name_end]
            if kind == "vocative":
                word = name + after.form
            elif kind == "suffix":
                word = f"{name} {after.form}" if after.start > name_end else name + after.form
            else:
                word = name
            found.append((start, end))
            yield Hit(
                start=segment.offset + start, end=segment.offset + end, part=segment.part,
                values={"detail": i18n.filled(messages.get(kind, messages["bare"]), name=name, word=word)},
                suggestion=f"“{name}님”" if kind == "title" else f"“{name} 님”", excerpt=sentence.text,
            )
    for pattern, kind in ((titled, "title"), (greeted, "bare")):
        for match in pattern.finditer(text) if pattern is not None else ():
            if any(start <= match.start(1) < end or match.start(1) <= start < match.end() for start, end in found):
                continue
            name = match.group(1) if kind == "bare" else f"{match.group(1)} {match.group(2)}"
            found.append((match.start(1), match.end()))
            yield Hit(start=segment.offset + match.start(1), end=segment.offset + match.end(), part=segment.part,
                      values={"detail": i18n.filled(messages[kind], name=name, word=name)},
                      suggestion=f"“{name}님”" if kind == "title" else f"“{name} 님”", excerpt=name)
    read_as = None  # where a word that can follow a name (씨, 양, 군) stands -> how Kiwi read it
    for match in spaced.finditer(text):
        if any(start <= match.start() < end for start, end in found):
            continue
        if read_as is None:
            read_as = {t.start: t.tag for sentence in analysed for t in sentence.tokens if t.form in suffixes}
        if read_as.get(match.start(2), "NNB") not in _AS_SUFFIX:
            continue  # Kiwi read the word otherwise: "양 다리에" is both legs, not Miss
        word = match.group(0)
        yield Hit(start=segment.offset + match.start(), end=segment.offset + match.end(), part=segment.part,
                  values={"detail": i18n.filled(messages["suffix"], name=match.group(1), word=word)},
                  suggestion=f"“{match.group(1)} 님”", excerpt=word)
