"""`msglint explain RULE` and `msglint rules RULE`: one rule as a marketer needs it."""

import json


def test_explain_says_what_why_where_examples_and_how_to_silence(repo_cli):
    # The one end-to-end run of `msglint explain`: `python -m msglint` in a process of its own.
    proc = repo_cli("explain", "ad-marker", process=True)
    assert proc.returncode == 0, proc.err
    out = proc.out
    assert out.startswith("ad-marker\n")
    assert "says: an advertising text must begin with “(광고)” and the sender's name" in out
    assert "why: 정보통신망법 제50조 제4항 제1호" in out
    assert "fires on: [광고] 리드웨이 연말 특가 안내" in out
    assert "{# msglint: disable=ad-marker #}" in out and "ignore: [ad-marker]" in out


def test_explain_in_korean_and_as_json(repo_cli):
    korean = repo_cli("explain", "first-touch", "--lang", "ko")
    assert "메시지: 문의 뒤 첫 연락이 {after} 뒤에 갑니다" in korean.out and "근거: 「리캐치 플레이북 - 인바운드」" in korean.out
    data = json.loads(repo_cli("rules", "sms-length", "--format", "json").out)
    assert data["id"] == "sms-length" and len(data["variants"]) >= 2
    assert {v["locales"][0] for v in data["variants"]} >= {"en", "ko"}
    assert all(v["source"] and v["message"] for v in data["variants"])


def test_explain_an_unknown_rule_names_the_closest(repo_cli):
    proc = repo_cli("explain", "sms-lenght")
    assert proc.returncode == 2 and "'sms-lenght' is not a rule id (did you mean 'sms-length'?)" in proc.err


def test_explain_speaks_plainly_in_korean():
    """No raw {detail}, no {{{{ {variable} }}}} escapes, no regular expressions or switches such as
    ignore_case: False in what a marketer reads."""
    import io
    from contextlib import redirect_stdout

    from msglint import i18n
    from msglint.checks.engine import build_ruleset
    from msglint.commands.explain import write
    from msglint.config import Config

    ruleset = build_ruleset(Config())
    i18n.configure("ko")
    try:
        for rule_id in ("ko-honorific-address", "ko-speech-level", "generic-phrase", "unfilled-placeholder"):
            out = io.StringIO()
            with redirect_stdout(out):
                write(ruleset, rule_id, "text")
            text = out.getvalue()
            assert "{detail}" not in text and "{{{{" not in text, rule_id
            assert "ignore_case" not in text and "word_boundaries" not in text and "(?:" not in text, rule_id
    finally:
        i18n.configure(None)
