"""What PyYAML and Jinja say of a broken template reaches a Korean reader in Korean (the common
messages), and an English reader as the library wrote it."""

from __future__ import annotations

import pytest

from msglint import i18n


@pytest.mark.parametrize("english, korean", [
    ("mapping values are not allowed here", "들여쓰기"),
    ("mapping values are not allowed in this context", "키: 값"),
    ("could not find expected ':'", "':'"),
    ("Encountered unknown tag 'endfo'.", "'endfo'"),
    ("Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. "
     "The innermost block that needs to be closed is 'if'.", "'elif', 'else', 'endif'"),
    ("expected token 'end of print statement', got 'x'", "'x'"),
    ("unexpected '}'", "'}'"),
])
def test_a_library_message_is_said_in_korean(english, korean):
    said = i18n.library(english)
    assert korean in i18n._library_text(english, "ko") and i18n._library_text(english, "en") == english
    i18n.configure("ko")
    try:
        assert str(said) != english
    finally:
        i18n.configure(None)


def test_a_message_it_does_not_know_stays_as_written():
    assert i18n._library_text("some new complaint", "ko") == "some new complaint"


def test_a_broken_template_in_korean(cli, pack):
    (pack / "templates" / "ko" / "sms" / "hello.txt.j2").write_text(
        "---\nchannel: sms\nstage: follow-up\npurpose: transactional\nvariables:\n  name: {required: true}\n"
        "  topic: {required: true}\nsample: {name: 김민수, topic: CRM}\n---\n{% if name %}{{ name }} 님, {{ topic }}\n",
        encoding="utf-8")
    proc = cli("lint", "--no-cache", "templates/ko", "--lang", "ko", cwd=pack)
    assert "닫는 태그 없이 끝났습니다" in proc.out and "Jinja was looking" not in proc.out
