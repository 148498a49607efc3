"""Korean carriers bill SMS by bytes in CP949 (KS X 1001 + extensions): Hangul 2, ASCII 1.

Up to 90 bytes is an SMS; up to 2,000 bytes an LMS (with a subject of up to 40 bytes). A
character CP949 cannot carry (emoji, many symbols) is rejected or mangled by Korean SMS APIs;
we count it as 2 bytes, the most a CP949 character takes, and the charset rule reports it.
"""

from __future__ import annotations

SMS_MAX_BYTES = 90
LMS_MAX_BYTES = 2000
LMS_SUBJECT_MAX_BYTES = 40


def encodable(ch: str) -> bool:
    try:
        ch.encode("cp949")
        return True
    except UnicodeEncodeError:
        return False


def byte_length(text: str) -> int:
    try:
        return len(text.encode("cp949"))
    except UnicodeEncodeError:
        return sum(len(ch.encode("cp949")) if encodable(ch) else 2 for ch in text)


def message_type(nbytes: int) -> str:
    if nbytes <= SMS_MAX_BYTES:
        return "SMS"
    if nbytes <= LMS_MAX_BYTES:
        return "LMS"
    return "MMS"
