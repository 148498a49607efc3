"""``msglint check``: the message rules on text a rep wrote, no template involved.

Kept apart from the template machinery so checking a message never imports Jinja or Babel.
"""

from __future__ import annotations

import re

from msglint import channels
from msglint.checks.engine import Ruleset, check_message, keep
from msglint.message import Location, Message, TextMap
from msglint.results import Result


def check_text(text: str, ruleset: Ruleset, *, channel, locale, subject=None, purpose="transactional",
               audience="b2b", stage=None, register="neutral", send_at=None, path=None, proposed=(),
               meetings=()) -> Result:
    text, subject = _unicode(text), _unicode(subject)
    # The text is measured as given: one final line break is the file's (editors and `echo` add
    # it) and not part of the message; any other blank line or space is the sender's and counts.
    body = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    lead = ""
    header = ""
    if subject is None and (known := channels.get(channel)) is not None and known.subject == "required":
        subject, body, header = split_subject(body)
    line_offset = (lead + header).count("\n")
    message = Message(
        body=body, channel=channel, locale=locale, subject=subject, purpose=purpose, audience=audience,
        stage=stage, register=register, send_at=send_at, path=path, proposed=tuple(proposed), meetings=tuple(meetings),
        body_map=TextMap(body, line_offset),
        subject_map=TextMap(subject, 0) if subject else None,
    ).measure(ruleset.settings)
    if header:  # the subject was a "Subject:" line at the top of the file
        message.subject_map = _ShiftedMap(message.subject_map, len("Subject: "))
    findings = check_message(ruleset, message, with_location=path is not None)
    return Result(findings=keep(ruleset, findings, path), facts=message.facts, path=path, locale=locale,
                  channel=channel, message=message)


def _unicode(text):
    """Text as a phone or a mail server can carry it: a lone UTF-16 surrogate (text cut in half by
    some export, or built in Python) becomes U+FFFD, which the charset rules then report."""
    if text is None or text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text)


def split_subject(text: str):
    """A pasted email may start with a "Subject: ..." line; return subject, body, header text."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        body = rest.lstrip("\n")
        return first[len("subject:"):].strip(), body, text[: len(text) - len(body)]
    return None, text, ""


class _ShiftedMap:
    def __init__(self, inner, columns):
        self.inner, self.columns = inner, columns

    def locate(self, offset):
        loc = self.inner.locate(offset)
        return Location(loc.line, loc.column + self.columns)
