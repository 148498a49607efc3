"""``render --format eml``: the email as a standard MIME message a mail client opens.

UTF-8 throughout, the subject encoded as RFC 2047 asks, and for an HTML template a
multipart/alternative with the plain text (what the rules read) beside the HTML (what was
rendered with every value escaped)."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from msglint.errors import MsglintError
from msglint.i18n import _


def to_eml(message, recipient: str | None = None) -> bytes:
    if message.channel != "email":
        raise MsglintError(_("--format eml writes emails; {template} is {channel}: use text or json",
                             template=message.template, channel=message.channel))
    mail = EmailMessage(policy=SMTP)
    mail["Subject"] = message.subject or ""
    if recipient:
        if any(ch in str(recipient) for ch in "\r\n"):
            raise MsglintError(_("the lead's email address holds a line break: fix the value"))
        mail["To"] = str(recipient)
    mail["X-Msglint-Template"] = f"{message.template} ({message.locale})"
    mail.set_content(message.body + "\n", charset="utf-8")
    if message.html is not None:
        mail.add_alternative(message.html, subtype="html", charset="utf-8")
    return mail.as_bytes()
