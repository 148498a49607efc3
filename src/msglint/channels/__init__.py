"""One place for the channels a message goes out on, and each channel's arithmetic: what a carrier,
a phone line or an inbox will make of a text.

Each channel is a row of :data:`CHANNELS`: its name, whether it has a subject line, which step of
a sequence sends it, and the function that measures a message of it (SMS segments and Korean
carrier bytes, spoken seconds, an email's paragraphs). A new channel is one module with its
``measure`` function plus a row here (``register``) and its data: rules that name it in
``channels:``, skeletons under ``skeletons/<language>/<channel>.txt.j2``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Channel:
    """What every stage needs to know about a channel."""

    name: str
    # "required" (an email), "allowed" (a Korean LMS may carry a title) or "none" (a voicemail).
    subject: str
    # The sequence step that sends it: "send" (a text or an email), "voicemail" (left after a call)
    # or "call" (read on the call itself: a call script).
    sent_by: str
    # "module:function" that adds the channel's facts to a message's: imported when a message of
    # the channel is first measured, so an email check never loads the tables behind SMS segments.
    measure: str | None = None
    # The languages it exists in (None: every one): KakaoTalk's business messages are Korean.
    locales: tuple | None = None
    # The purposes it may carry (None: any): an 알림톡 is informational only, by Kakao's rules.
    purposes: tuple | None = None
    # Whether a template declares buttons in front matter (KakaoTalk's link buttons).
    buttons: bool = False
    _measure: list = field(default_factory=list, repr=False, compare=False)

    @property
    def written(self) -> bool:
        """Read rather than heard: a text or an email, the follow-up a voicemail points to."""
        return self.sent_by == "send"

    def facts(self, message, settings: dict, facts: dict) -> None:
        """Add this channel's facts about ``message`` to ``facts``."""
        if self.measure is None:
            return
        if not self._measure:
            module, _, function = self.measure.partition(":")
            self._measure.append(getattr(importlib.import_module(module), function))
        self._measure[0](message, settings, facts)


CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    """Add (or replace) a channel; every stage reads it from here from then on."""
    CHANNELS[channel.name] = channel
    return channel


register(Channel("sms", subject="allowed", sent_by="send", measure="msglint.channels.sms:measure"))
register(Channel("voicemail", subject="none", sent_by="voicemail", measure="msglint.channels.speech:measure"))
register(Channel("email", subject="required", sent_by="send", measure="msglint.channels.email:measure"))
# What the rep reads when a call connects (a discovery call): spoken, so timed like a voicemail;
# a call step names it (`call: ...` with `script: call-script/discovery`).
register(Channel("call-script", subject="none", sent_by="call", measure="msglint.channels.speech:measure"))

# KakaoTalk business messages (Korean only): 알림톡, an informational message from a template Kakao
# reviewed, and 친구톡 / 브랜드 메시지, advertising to the channel's friends. Both carry buttons
# and fall back to SMS/LMS when KakaoTalk cannot deliver (channels/kakao.py).
register(Channel("alimtalk", subject="none", sent_by="send", measure="msglint.channels.kakao:measure",
                 locales=("ko",), purposes=("transactional",), buttons=True))
register(Channel("friendtalk", subject="none", sent_by="send", measure="msglint.channels.kakao:measure",
                 locales=("ko",), buttons=True))

#: The channels' names, a live view: a channel registered later is in it too.
NAMES = CHANNELS.keys()


def get(name) -> Channel | None:
    return CHANNELS.get(name)


def sent_by(action: str) -> tuple[str, ...]:
    """The channels a sequence step's action sends: "send" -> ("sms", "email")."""
    return tuple(name for name, channel in CHANNELS.items() if channel.sent_by == action)
