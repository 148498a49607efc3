"""Objects that pass through the pipeline come out as they went in: a loaded template is not
changed by linting it, a message not by checking it; options travel as arguments."""

from __future__ import annotations

from pathlib import Path

from conftest import write_template

from msglint import api
from msglint.config import Config


def test_linting_a_pack_again_and_again_changes_nothing_it_holds(tmp_path):
    """A long-running process (a CRM using the API) lints the same loaded pack many times: the same
    findings each time, and the loaded templates do not grow."""
    write_template(tmp_path, "en/sms/hello.txt.j2", """
        channel: sms
        stage: follow-up
        purpose: transactional
        variables:
          name: {type: string, role: name, required: true}
          slot: {type: datetime, required: true}
        sample: {name: Maria, slot: "2026-11-24T14:00:00+09:00"}
        """, '''{# msglint: disable=not-a-rule #}
        Hi {{ name }}, does {{ slot|time("h a") }} work? Reply STOP to opt out.
        ''')
    pack = api.Pack(tmp_path / "templates", config=Config())
    template = pack.template("sms/hello", "en")
    loaded = list(template.problems)
    first = [f.to_dict() for f in pack.lint()]
    assert {"suppression", "lossy-format"} <= {f["rule"] for f in first}
    for _ in range(9):
        assert [f.to_dict() for f in pack.lint()] == first
    assert template.problems == loaded


def test_checking_a_message_leaves_it_as_it_was():
    """A market that expects formal greetings checks a neutral message as formal, on a copy: the
    caller's message keeps its register (it was rewritten in place)."""
    from msglint.checks.engine import build_ruleset, check_message
    from msglint.message import Message

    ruleset = build_ruleset(Config(formal_locales={"en-GB"}))
    message = Message(body="Hi Anna, thank you for your inquiry.", channel="email", locale="en-GB",
                      subject="Your inquiry", stage="inbound-response", register="neutral").measure(ruleset.settings)
    fired = {f.rule for f in check_message(ruleset, message)}
    assert "greeting-formality" in fired  # checked as formal...
    assert message.register == "neutral"  # ...without changing the message


def test_the_korean_analysis_keeps_no_message_in_a_module_global():
    """Where the lead's name stands travels with the message (name_spans), not in a global that
    the next message could read."""
    from msglint.korean import morph

    assert not hasattr(morph, "_masks") and not hasattr(morph, "mask_names")
    assert morph.sentences("김민수 님, 안녕하세요.") == morph.sentences("김민수 님, 안녕하세요.", ())


def test_no_cache_is_an_argument_of_the_run_not_an_environment_variable(tmp_path, monkeypatch):
    """`lint --no-cache` switched caching off by writing MSGLINT_NO_CACHE into os.environ, where
    every later run in the process (and every program it started) inherited it."""
    from click.testing import CliRunner

    from msglint.cli import main
    from msglint.support import cache_dir

    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "templates" / "en" / "sms", tmp_path / "templates" / "en" / "sms")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MSGLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(cache_dir, "_turned_off", False)  # put back after the test
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "MSGLINT_NO_CACHE" not in __import__("os").environ
    assert cache_dir.is_off() and cache_dir.cache_dir() is None
    assert not (tmp_path / ".msglint_cache").exists()
