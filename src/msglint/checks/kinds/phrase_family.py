"""A phrase family: one line of rule data for every way people write the same generic line.

    [I] [just] (wanted|want|am writing|was hoping) to (follow up|check in|circle back|touch base)
    hope (this|my) (email|message|note) finds you well

``[words]`` may be left out, ``(a|b c)`` is one of its choices; choices and optional parts nest.
Words are matched whole (English) or with the rule's particles between them (Korean), a hyphen
matches a space ("follow-up" = "follow up"), and ' matches ’. A marketer writes the family once
instead of twenty phrases, and the variants nobody listed are caught too.
"""

from __future__ import annotations

import re

from msglint.i18n import _

SPECIAL = set("[]()|")


def is_family(phrase: str) -> bool:
    return any(ch in SPECIAL for ch in phrase)


def _tokens(text: str):
    for match in re.finditer(r"[\[\]()|]|[^\s\[\]()|]+", text):
        yield match.group()


class _Parser:
    def __init__(self, text: str, sep: str):
        self.tokens = list(_tokens(text))
        self.pos = 0
        self.sep = sep
        self.text = text

    def fail(self, why: str):
        raise ValueError(_("phrase family '{text}': {why}", text=self.text, why=why))

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def alternatives(self, closer: str | None) -> str:
        choices = [self.sequence()]
        while self.peek() == "|":
            self.take()
            choices.append(self.sequence())
        if closer is not None:
            if self.take() != closer:
                self.fail(_("'{bracket}' is not closed", bracket={"]": "[", ")": "("}[closer]))
        elif self.peek() is not None:
            self.fail(_("unexpected '{char}'", char=self.peek()))
        if any(not c for c in choices):
            self.fail(_("an empty choice"))
        return choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"

    def sequence(self) -> str:
        items: list[tuple[str, bool]] = []  # (regex, optional)
        while self.peek() not in (None, "|", ")", "]"):
            token = self.take()
            if token == "[":
                items.append((self.alternatives("]"), True))
            elif token == "(":
                items.append((self.alternatives(")"), False))
            else:
                items.append((_word(token), False))
        if items and all(optional for _, optional in items):
            self.fail(_("a part made only of optional words"))
        last_required = max((i for i, (_, optional) in enumerate(items) if not optional), default=-1)
        out = ""
        for i, (body, optional) in enumerate(items):
            if optional and i < last_required:
                out += f"(?:{body}{self.sep})?"  # "[just] checking": the space goes with it
            elif optional:
                out += f"(?:{self.sep}{body})?"  # "checking in [again]"
            else:
                out += body + (self.sep if i < last_required else "")
        return out


def _word(token: str) -> str:
    parts = []
    for ch in token:
        if ch in "'’":
            parts.append("['’]")
        elif ch == "-":
            parts.append(r"(?:-|\s+)")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def family_regex(phrase: str, sep: str) -> str:
    """The regular expression for a phrase family (without word boundaries around it)."""
    return _Parser(phrase, sep).alternatives(None)
