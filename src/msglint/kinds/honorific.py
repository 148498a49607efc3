"""Korean honorific address: a person named without 님 (or a title with 님), with -씨, or with a
vocative -야/-아 reads as talking down to a customer.

In rendered text, Kiwi finds the proper noun (NNP) and what follows it. In a template, any
variable that holds a person's name (role ``name``) must be followed by 님 or a title with 님.
"""

from __future__ import annotations

import re

from msglint.kinds import Hit

LEVEL = "message"
FIELDS = {"honorifics": True, "casual_suffixes": True, "messages": True}


def compile(rule):
    messages = rule.options["messages"]
    if not isinstance(messages, dict) or not {"bare", "suffix", "vocative"} <= set(messages):
        raise ValueError("'messages' needs 'bare', 'suffix' and 'vocative' texts")
    return set(rule.options["honorifics"]), set(rule.options["casual_suffixes"]), messages


def check(rule, message, segment):
    from msglint.korean.morph import sentences

    honorifics, suffixes, messages = rule.compiled
    text = segment.text
    for number, sentence in enumerate(sentences(text)):
        tokens = [t for t in sentence.tokens if t.tag != "SO" or t.form not in "-•·*"]
        for i, token in enumerate(tokens):
            if token.tag != "NNP":
                continue
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].tag == "NNP":
                j += 1
            name = text[token.start:tokens[j].end]
            after = tokens[j + 1] if j + 1 < len(tokens) else None
            if after is not None and after.tag == "JKV":
                kind, word = "vocative", name + after.form
            elif after is not None and after.form in suffixes and after.tag in ("NNB", "XSN", "NNG"):
                kind, word = "suffix", f"{name} {after.form}" if after.start > tokens[j].end else name + after.form
            elif after is not None and after.tag == "SP" and after.form == "," and (
                    i == 0 or not tokens[i - 1].tag.startswith("N")):
                kind, word = "bare", name  # "김민수, ..." calls the person
            elif after is None and i == 0 and number == 0:
                kind, word = "bare", name  # a name alone opening the message; alone at the end it is a signature
            else:
                continue
            end = after.end if after is not None and kind != "bare" else tokens[j].end
            yield Hit(
                start=segment.offset + token.start, end=segment.offset + end, part=segment.part,
                values={"detail": messages[kind].format(name=name, word=word)},
                suggestion=f"“{name} 님”", excerpt=sentence.text,
            )
