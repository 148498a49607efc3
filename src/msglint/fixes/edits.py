"""From findings to edits of the text a person wrote.

A fix edits what the template's author typed and nothing else: the finding's span in the
rendered message is mapped back through the source map, and the edit is made only when the
template holds exactly that text there, outside every ``{{ }}``, ``{% %}`` and ``{# #}``, below
the front matter, and not printed by a variable. Anything else is left alone, with the reason.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from msglint.i18n import _
from msglint.render.sourcemap import tag_spans

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
_SENTENCE_MARK = re.compile(r"[ \t]*[.!?,;:…]?[ \t]*")
_JOINER = re.compile(r"(?:(?:but|and|so)[ \t]+)?")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    rule: str
    safety: str
    action: str  # replace | delete | insert
    line: int | None = None
    was: str = ""  # the text it replaces

    @property
    def key(self) -> tuple:
        """The same fix of the same words, wherever they moved to after other edits."""
        return self.rule, self.action, self.was, self.text


@dataclass
class Skipped:
    rule: str
    line: int | None
    reason: object  # a lazy text, said in the reader's language
    held: bool = False  # an unsafe fix left for --unsafe


def apply(text: str, edits) -> str:
    """``text`` with the edits made; of two overlapping edits the first one wins."""
    out, pos = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue
        out.append(text[pos:edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _widen_delete(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A deleted phrase takes its sentence's mark and the space after it when it began the
    sentence ("I hope you are well. Our …" -> "Our …"; "Sorry to bother you, but is …" -> "Is …"),
    else the space before it. Returns the range and the text that replaces it."""
    before = text[:start].rstrip(" \t")
    if before and before[-1] not in ".!?\n…":
        return len(before), end, ""
    end = _SENTENCE_MARK.match(text, end).end()
    end = _JOINER.match(text, end).end()
    if (not before or before[-1] == "\n") and text[end:end + 1] == "\n":
        return len(before), end + 1, ""  # the sentence was the whole line: the line goes too
    following = text[end:end + 1]
    if following.islower():
        return start, end + 1, following.upper()  # the next sentence now starts here
    return start, end, ""


def _choose(findings, unsafe: bool):
    """The findings whose fix may run now, and the unsafe ones held back."""
    chosen, held = [], []
    for f in findings:
        if not f.fix:
            continue
        (chosen if unsafe or f.fix["safety"] == "safe" else held).append(f)
    return chosen, held


def _insertion(fix: dict, values: dict | None) -> str | None:
    text = fix["text"]
    if values is None:
        return text
    names = _VARIABLE.findall(text)
    if any(name not in values for name in names):
        return None
    return _VARIABLE.sub(lambda m: str(values[m.group(1)]), text)


def plan_text(body: str, findings, unsafe: bool, values: dict | None = None):
    """Edits of a pasted message: every offset is the author's own text."""
    chosen, held = _choose(findings, unsafe)
    edits, skipped = [], [Skipped(f.rule, f.line, _("unsafe fix: run with --unsafe"), True) for f in held]
    for f in chosen:
        fix = f.fix
        if fix["action"] == "insert":
            text = _insertion(fix, values or {})
            if text is None:
                names = ", ".join(_VARIABLE.findall(fix["text"]))
                skipped.append(Skipped(f.rule, f.line, _("the line it adds needs the template's variables ({names}); "
                                                         "fix the template instead", names=names)))
                continue
            at = 0 if fix["at"] == "start" else len(body)
            edits.append(Edit(at, at, text + "\n" if fix["at"] == "start" else "\n" + text, f.rule, fix["safety"],
                              "insert", f.line))
            continue
        part, start, end = f.span or (None, None, None)
        if part != "body" or start is None:
            skipped.append(Skipped(f.rule, f.line, _("the fix is for the subject; edit it by hand")))
            continue
        text = fix["text"]
        if fix["action"] == "delete":
            start, end, text = _widen_delete(body, start, end)
        edits.append(Edit(start, end, text, f.rule, fix["safety"], fix["action"], f.line, body[start:end]))
    return edits, skipped


class TemplateSource:
    """A template file's text, with the places a fix may write and the offset of each line."""

    def __init__(self, text: str, body_line: int):
        self.text = text
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.body_start = self._starts[body_line - 1] if body_line - 1 < len(self._starts) else len(text)
        self._tags = [(s + self.body_start, e + self.body_start) for s, e in tag_spans(text[self.body_start:])]
        self._tag_starts = [s for s, _e in self._tags]

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self._starts):
            return None
        return self._starts[line - 1] + column - 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def in_tag(self, start: int, end: int) -> bool:
        # Tags do not overlap: only the last one that starts before ``end`` can reach ``start``.
        i = bisect.bisect_left(self._tag_starts, end) - 1
        return i >= 0 and self._tags[i][1] > start

    def insertion(self, at: str, text: str) -> tuple[int, str]:
        """Where a new first or last line of the message goes, and the text to put there."""
        if at == "start":
            return self.body_start, text + "\n"
        end = len(self.text)
        if self.text.endswith("\n"):
            return end, text + "\n"
        return end, "\n" + text


def plan_template(source: TemplateSource, message, findings, unsafe: bool, html: bool = False):
    """Edits of a template's source for the findings on its rendered ``message``."""
    chosen, held = _choose(findings, unsafe)
    edits, skipped = [], [Skipped(f.rule, f.line, _("unsafe fix: run with --unsafe"), True) for f in held]
    for f in chosen:
        fix = f.fix
        if fix["action"] == "insert" and html:
            # The file's last line is markup (</html>), not the message's: only a person knows where it goes.
            skipped.append(Skipped(f.rule, f.line, _("an HTML email: add “{text}” inside its body by hand",
                                                     text=fix["text"])))
            continue
        if fix["action"] == "insert":
            at, text = source.insertion(fix["at"], fix["text"])
            edits.append(Edit(at, at, text, f.rule, fix["safety"], "insert", source.line_of(at)))
            continue
        reason = None
        part, start, end = f.span or (None, None, None)
        if part == "subject":
            reason = _("the subject is front matter, which fixes leave alone; edit it by hand")
        elif start is None or message is None:
            reason = _("found with one of a variable's examples: fix it where that value is written")
        else:
            reason, edit = _source_edit(source, message, f, start, end)
            if edit is not None:
                edits.append(edit)
                continue
        skipped.append(Skipped(f.rule, f.line, reason))
    return edits, skipped


def _source_edit(source: TemplateSource, message, f, start: int, end: int):
    matched = message.body[start:end]
    location = message.body_map.locate(start) if message.body_map is not None else None
    if location is None:
        return _("not found in the template's text"), None
    if location.from_variable:
        return _("the text comes from {{{{ {expr} }}}}: fix the data or the variable's examples",
                 expr=location.expr), None
    at = source.offset(location.line, location.column)
    text = f.fix["text"]
    if f.fix["action"] == "delete":
        start_in_body, end_in_body, text = _widen_delete(message.body, start, end)
        at = None if at is None else at - (start - start_in_body)
        matched = message.body[start_in_body:end_in_body]
    if at is None or at < source.body_start or source.text[at:at + len(matched)] != matched:
        return _("the template does not hold this text as written (a tag, filter or variable makes it)"), None
    if source.in_tag(at, at + len(matched)):
        return _("the text is inside a {{{{ }}}} or {{% %}} tag"), None
    return None, Edit(at, at + len(matched), text, f.rule, f.fix["safety"], f.fix["action"], location.line, matched)
