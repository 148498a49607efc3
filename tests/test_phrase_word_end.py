"""An English phrase ends where its last word ends: not before the "'t" of a contraction. Found
on real texts (bench/sms_spam.py): "Lol you won't feel bad" was called a prize notice."""

import json

import pytest

RULES = """\
rules:
  - id: no-can-do
    kind: phrases
    severity: warning
    locales: [en]
    message: "“{match}”"
    source: test
    phrases:
      - {phrase: I can}
      - {phrase: "(we|you) (do|did)"}
    examples:
      fire: ["I can send it today."]
      pass: ["I can't send it today."]
"""


def _fired(cli, text, *extra):
    proc = cli("check", "--channel", "sms", "--locale", "en", "--format", "json", *extra, input=text)
    return {(f["rule"], f["excerpt"]) for f in json.loads(proc.out)["findings"]}


@pytest.mark.parametrize("text", ["Lol you won't feel bad.", "You won’t believe the queue at the booth."])
def test_a_contraction_is_not_the_shorter_word(cli, text):
    assert not {rule for rule, _ in _fired(cli, text)} & {"spam-trigger"}


def test_the_word_itself_still_matches(cli):
    assert ("spam-trigger", "You won") in _fired(cli, "You won a cruise!")


def test_a_teams_phrases_end_the_same_way(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    assert ("no-can-do", "I can") in _fired(cli, "I can send it today.")
    assert ("no-can-do", "you do") in _fired(cli, "Thanks, you do great work.")
    assert not {r for r, _ in _fired(cli, "I can't send it, and you don't need it.")} & {"no-can-do"}


@pytest.mark.parametrize("locale, text, quoted", [
    ("en", "Sorry. We can't do that.", "We can't do that"),
    ("ko", "네. 그건 불가능합니다.", "그건 불가능합니다"),
])
def test_a_refusal_after_another_sentence_is_quoted_without_the_space_before_it(cli, locale, text, quoted):
    proc = cli("check", "--channel", "sms", "--locale", locale, "--format", "json", input=text)
    (finding,) = [f for f in json.loads(proc.out)["findings"] if f["rule"] == "refusal-phrase"]
    assert finding["excerpt"] == quoted
