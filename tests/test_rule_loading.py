"""Rule files are validated whole the first time their content is seen; after that a rule is
compiled when a message first needs it, so a short check does not pay for every rule."""

import os
import subprocess
import sys
import textwrap

from msglint.config import Config
from msglint.checks.engine import build_ruleset
from msglint.checks.rulebook import LAZY
from msglint.checks.text import check_text

BAD = textwrap.dedent("""\
    rules:
      - id: team-korean-only
        kind: pattern
        severity: warning
        locales: [ko]
        message: "nope"
        source: house style
        patterns: ['(unclosed']
    """)


def test_a_bad_pattern_for_another_locale_still_stops_the_run_every_time(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    for _ in range(2):  # no "validated" marker is left behind by a file that failed
        proc = cli("check", "--channel", "sms", "--locale", "en", "-", input="Hi Priya, the CRM pricing is attached.\n")
        assert proc.returncode == 2
        assert "team-korean-only" in proc.err and "unclosed" not in proc.out


def test_a_file_seen_before_compiles_only_what_a_message_needs(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_CACHE_DIR", str(tmp_path / "cache"))
    build_ruleset(Config())  # first sight: everything compiled and checked
    ruleset = build_ruleset(Config())
    korean = [r for r in ruleset.rules if r.locales == ("ko",)]
    assert korean and all(r._compiled is LAZY for r in korean)
    result = check_text("Hi Priya, the CRM pricing is attached.", ruleset, channel="sms", locale="en")
    assert result.findings == []
    assert all(r._compiled is LAZY for r in korean), "a check of English text compiles no Korean rule"


def test_a_file_validated_on_this_machine_is_not_validated_again_in_another_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("MSGLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    build_ruleset(Config())
    assert not (tmp_path / ".msglint_cache").exists()
    elsewhere = tmp_path / "another-project"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert all(r._compiled is LAZY for r in build_ruleset(Config()).rules if r.locales == ("ko",))
    assert not (elsewhere / ".msglint_cache").exists()


def test_without_a_cache_every_rule_is_validated(tmp_path, monkeypatch):
    monkeypatch.setenv("MSGLINT_NO_CACHE", "1")
    ruleset = build_ruleset(Config())
    assert all(r._compiled is not LAZY for r in ruleset.rules)


GOOD = BAD.replace("'(unclosed'", "'closed'")


def test_an_edited_file_is_checked_again_whole(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    message = dict(input="Hi Priya, the CRM pricing is attached.\n")
    assert cli("check", "--channel", "sms", "--locale", "en", "-", **message).returncode == 0  # now marked
    (tmp_path / "team.yaml").write_text(GOOD.replace("patterns:", "patternz:"), encoding="utf-8")
    proc = cli("check", "--channel", "sms", "--locale", "en", "-", **message)
    assert proc.returncode == 2
    assert "team-korean-only" in proc.err and "patternz" in proc.err


def test_the_registry_names_each_kinds_module_and_level():
    from msglint.checks.kinds import get_kind, kind_names, level_of

    entry = {"message": "check", "template": "check_template", "pack": "check_pack", "sequence": "check_sequence"}
    for name in kind_names():
        module = get_kind(name)
        assert isinstance(module.FIELDS, dict) and callable(module.compile), name
        assert callable(getattr(module, entry[level_of(name)])), f"{name} is not a {level_of(name)} kind"


def _modules_after_two_checks(tmp_path, shown: str) -> tuple[set, set]:
    """Check one short message in a fresh process, twice (the second with the machine cache warm),
    and return what ``shown`` (an expression over ``sys.modules``) printed each time."""
    script = ("import sys\nfrom msglint.config import Config\nfrom msglint.checks.engine import build_ruleset\n"
              "from msglint.checks.text import check_text\n"
              "check_text('Hi Priya, the CRM pricing is attached.', build_ruleset(Config()), channel='sms', locale='en')\n"
              f"print(' '.join({shown}))\n")
    env = {**os.environ, "MSGLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    return set(runs[0].stdout.split()), set(runs[1].stdout.split())


def test_a_check_of_marked_files_imports_only_the_kinds_its_message_uses(tmp_path):
    first, second = _modules_after_two_checks(
        tmp_path, "sorted(m for m in sys.modules if m.startswith('msglint.checks.kinds.'))")
    assert "msglint.checks.kinds.call_spacing" in first  # first sight: every rule checked, every kind imported
    assert "msglint.checks.kinds.call_spacing" not in second and "msglint.checks.kinds.parity" not in second
    assert "msglint.checks.kinds.phrases" in second


def test_a_check_of_a_message_loads_neither_yaml_nor_the_template_machinery(tmp_path):
    # A pasted message's check starts in a fraction of a second because it parses no YAML (the rules
    # come from the machine cache) and compiles no template: a rule kind that imports them at the top
    # (a duration parser from the sequence files, say) puts 100 ms on every check.
    _first, second = _modules_after_two_checks(
        tmp_path, "m for m in ('yaml', 'jinja2', 'msglint.template.sequence_file', 'msglint.template.pack') "
                  "if m in sys.modules")
    assert second == set()
