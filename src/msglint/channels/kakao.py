"""KakaoTalk business messages (알림톡, 친구톡): what Kakao counts, and what the SMS fallback carries.

Kakao counts characters, not bytes, Korean and Latin alike, and the count includes the values the
variables take and the buttons' names (NHN Cloud, 알림톡 콘솔 가이드: "변수 및 URL, 띄어쓰기, 버튼명
모두 포함하여 1,000자"). When KakaoTalk cannot deliver (the lead has no KakaoTalk, or blocked the
channel) the provider resends the body as a text: an SMS up to 90 bytes, else an LMS, in CP949.
"""

from __future__ import annotations

from msglint.channels.korean_carrier import byte_length, message_type


def measure(message, settings: dict, facts: dict) -> None:
    names = [button.name for button in message.buttons]
    facts["kakao_chars"] = len(message.body) + sum(len(name) for name in names)
    facts["buttons"] = len(names)
    facts["button_chars"] = max((len(name) for name in names), default=0)
    facts["fallback_bytes"] = byte_length(message.body)
    facts["fallback"] = message_type(facts["fallback_bytes"])
