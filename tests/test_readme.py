"""The examples in README.md work as written."""

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def block(language: str, containing: str) -> str:
    for body in re.findall(rf"```{language}\n(.*?)```", README, re.S):
        if containing in body:
            return body
    raise AssertionError(f"no ```{language} block with {containing!r} in README.md")


def test_template_example_is_lint_clean(cli, tmp_path):
    ko = tmp_path / "templates" / "ko" / "sms" / "example.txt.j2"
    ko.parent.mkdir(parents=True)
    ko.write_text(block("jinja", "channel: sms"), encoding="utf-8")
    code, data = cli.json("lint", "templates/ko")
    assert code == 0, data
    (message,) = data["messages"]
    assert [f for f in message["findings"] if f["severity"] == "error"] == []


def test_rule_example_runs_its_own_examples(cli, tmp_path):
    (tmp_path / "team.yaml").write_text(block("yaml", "no-discount-talk"), encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n")
    proc = cli("rules", "--test")
    assert proc.returncode == 0, proc.out
    proc = cli("check", "-", "--channel", "sms", "--locale", "en", input="We have a special discount for you.")
    assert proc.returncode == 1 and "no-discount-talk" in proc.out


def test_config_example_is_accepted(cli, pack):
    config = block("yaml", "formal-locales").replace("rules: [team-rules/]", "rules: []")
    (pack / ".msglint.yaml").write_text(config, encoding="utf-8")
    proc = cli("lint")
    assert proc.returncode in (0, 1), proc.err


def test_korean_guide_examples(cli, tmp_path):
    guide = (REPO / "docs" / "ko.md").read_text(encoding="utf-8")
    jinja = next(b for b in re.findall(r"```jinja\n(.*?)```", guide, re.S) if "channel: sms" in b)
    rule = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "no-discount-first" in b)
    template = tmp_path / "templates" / "ko" / "sms" / "example.txt.j2"
    template.parent.mkdir(parents=True)
    template.write_text(jinja, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n")
    code, data = cli.json("lint", "templates/ko")
    assert code == 0, data
    assert cli("rules", "--test").returncode == 0
