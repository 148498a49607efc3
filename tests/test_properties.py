"""Property tests: whatever text, template or front matter comes in, msglint answers with
findings or a clear error, never a crash (which the command line would turn into exit 3)."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from msglint.config import Config
from msglint.checks.engine import build_ruleset
from msglint.errors import MsglintError

RULESET = build_ruleset(Config())

# Any code point: private-use (the renderer's anchors live there), lone surrogates, controls.
# (Hypothesis leaves surrogates out of characters() whatever the categories, so they are added.)
ODD = st.sampled_from(["\ud800", "\udfff", "\ue000", "\ue001", "\ue002", "\ufffd", "\x1b", "\u200b", "\U0001F389"])
ANY_TEXT = st.text(st.one_of(st.characters(codec=None, categories=None, exclude_categories=()), ODD), max_size=120)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, channel=st.sampled_from(["sms", "voicemail", "email"]), locale=st.sampled_from(["en", "ko"]),
       purpose=st.sampled_from(["transactional", "advertising"]))
def test_check_takes_any_text(text, channel, locale, purpose):
    from msglint.checks.text import check_text

    result = check_text(text, RULESET, channel=channel, locale=locale, purpose=purpose,
                        subject=text[:20] if channel == "email" else None)
    assert all(f.severity in ("error", "warning", "info") for f in result.findings)


JINJA_PIECES = st.sampled_from([
    "{{ name }}", "{{ topic }}", "{{ name|upper }}", "{{ ", " }}", "{% if name %}", "{% endif %}", "{% for x in slots %}",
    "{% endfor %}", "{% else %}", "{#", "#}", "{% raw %}", "{% endraw %}", "{{ x }}", "{{ name|josa('을/를') }}",
    "{{ slots|map('datetime', 'M월 d일')|join_list }}", "{% set a = name ~ topic %}{{ a }}", "\n", " ", "님, ",
    "Hi ", "(광고) ", "Reply STOP", "\ue000", "\ue0001\ue001", "{{ '%5d' % 3 }}", "{{ 9 ** 99 }}", "{{ range(3)|list }}",
    "{% include 'x' %}", "{{ name.__class__ }}", "}}", "{%", "%}", "{{ lipsum(2) }}",
    # What the third hardening round found: half a character, sizes asked for before they are built.
    '{{ "\\ud800" }}', '{{ "a".ljust(3000000000) }}', '{{ [1]|batch(300000000, "x")|first }}',
    '{{ range(30000)|join("x"*100000) }}', '{{ ("\\n"*300)|indent("x"*100000, true, true) }}',
])
FRONT_LINES = st.sampled_from([
    "channel: sms", "channel: email", "channel: voicemail", "channel: fax", "stage: follow-up", "stage: nuture",
    "purpose: transactional", "purpose: advertising", "audience: b2c", "register: formal",
    "subject: 'Hi {{ name }}'", "subject: [1, 2]", "variables:", "  name: {required: true, role: name}",
    "  topic: {required: true, examples: [CRM, 'Slack 연동']}", "  slots: {type: datetime-list}",
    "  name: {max_length: -1}", "sample: {name: Priya, topic: CRM, slots: [2026-11-24T14:00:00+09:00]}",
    "sample: 3", "timezone: Asia/Seol", "a: &a [1, 2]", "b: [*a, *a]", "variables: [", "---", ": :", "\t- x",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=st.lists(FRONT_LINES, max_size=10), body=st.lists(JINJA_PIECES, max_size=14),
       locale=st.sampled_from(["en", "ko"]), folder=st.sampled_from(["sms", "email", "voicemail", "notes"]))
def test_lint_takes_any_template(front, body, locale, folder):
    from msglint.run.lint import lint_paths

    with tempfile.TemporaryDirectory() as root:
        path = Path(root, "templates", locale, folder, "x.txt.j2")
        path.parent.mkdir(parents=True)
        path.write_text("---\n" + "\n".join(front) + "\n---\n" + "".join(body) + "\n", encoding="utf-8")
        try:
            report = lint_paths([root], lambda: RULESET, config=Config())
        except MsglintError:
            return  # a usage error: one clear line and exit 2
        (result,) = report.results
        assert result.path.endswith("x.txt.j2")
        assert report.exit_code in (0, 1)


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\ue000" * 5 + "12\ue001"])
def test_the_api_check_takes_broken_unicode(text):
    from msglint import check

    for channel in ("sms", "email"):
        for locale in ("en", "ko"):
            check(text, channel=channel, locale=locale)
