"""An 알림톡 is sent only in the exact words Kakao approved: a changed text needs a new review.

Kakao matches every send against the registered template and refuses one that differs (NHN Cloud
error -3010 "등록한 템플릿 본문과 일치하지 않는 경우"), and an approved template cannot be edited in
place. The template records what was approved as ``review: {code, digest}``; the digest covers
the body as written (variables as variables, so a lead's values never change it) and the
buttons. A template whose text no longer matches its digest fires here, in the pull request
that changed it, before a send fails.
"""

from __future__ import annotations

import hashlib

from msglint.checks.kinds import Hit
from msglint.i18n import _

FIELDS = {"channels_reviewed": True}


def compile(rule):
    reviewed = rule.options["channels_reviewed"]
    if not isinstance(reviewed, list) or not all(isinstance(c, str) for c in reviewed):
        raise ValueError(_("'channels_reviewed' must list channel names, e.g. [alimtalk]"))
    return frozenset(reviewed)


def digest(template) -> str:
    """What Kakao saw: the body's text (line ends and trailing space aside) and the buttons."""
    body = "\n".join(line.rstrip() for line in template.doc.body.strip("\n").splitlines())
    buttons = "\n".join(f"{b.type}|{b.name}|{b.url or ''}" for b in template.meta.buttons)
    return hashlib.sha256(f"{body}\n--\n{buttons}".encode("utf-8")).hexdigest()[:16]


def check_template(rule, template):
    if template.meta is None or template.doc is None or template.meta.channel not in rule.compiled:
        return
    now = digest(template)
    review = template.meta.review
    if review is None:
        line, column = template.doc.where("channel")
        yield Hit(line=line, column=column, severity="info",
                  values={"problem": _("not yet approved by Kakao: register it, then record "
                                       "review: {{code: …, digest: \"{digest}\"}}", digest=now)})
    elif review.get("digest") != now:
        line, column = template.doc.where("review", "digest")
        yield Hit(line=line, column=column,
                  values={"problem": _("changed since Kakao approved it (template {code}): Kakao refuses a send "
                                       "that differs from the approved text; submit the new text for review, "
                                       "then record digest: \"{digest}\"", code=review.get("code") or "?",
                                       digest=now)})
