"""The shipped pack: complete, renderable, lint-clean, parallel in both locales; and the bad
examples in tests/fixtures/bad fire what they should."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from msglint import channels
from msglint.template import pack
from msglint.config import Config
from msglint.render.lead_data import worst_case
from msglint.checks.engine import Ruleset
from msglint.commands.templates import markdown_catalogue, template_rows
from msglint.checks.rulebook import load_rules
from msglint.checks.text import check_text
from msglint.template.index import PackIndex
from msglint.render.lead import render_message
from msglint.template.sequence_file import parse_offset

EXPECTED_IDS = {
    "voicemail/first-attempt", "voicemail/follow-up-attempt", "sms/missed-call", "sms/inbound-first-response",
    "sms/meeting-reminder", "sms/consultation-thanks", "sms/value-nudge", "email/inbound-response",
    "email/meeting-proposal", "email/consultation-summary", "email/value-follow-up", "email/graceful-exit",
    "sms/offer", "email/offer", "voicemail/cold-intro", "email/cold-intro",
    # The rest of the sales process (issue #29): after hours, a polite no, the booked meeting, the
    # proposal and the close, the customer; and a voicemail with its email on every cold call.
    "sms/after-hours-reply", "email/polite-decline", "email/meeting-confirmation", "call-script/discovery",
    "sms/pre-meeting-tip", "email/proposal-follow-up", "email/closing-follow-up", "email/retention-check-in",
    "email/referral-ask", "voicemail/cold-second-attempt", "email/cold-value", "voicemail/cold-resource",
    "email/cold-resource", "voicemail/cold-meeting-times", "voicemail/cold-last-attempt",
    # The follow-up after a consultation written for a consumer (audience: b2c; sequence-audience).
    "sms/consultation-thanks-b2c", "voicemail/follow-up-attempt-b2c", "email/value-follow-up-b2c",
    "sms/value-nudge-b2c", "email/meeting-proposal-b2c", "email/graceful-exit-b2c",
    # A voicemail on every unanswered call of the inbound sequences, the meeting proposal and the
    # lighter ask they announce, and the scripts for the first inbound call and the cold opener.
    "voicemail/inbound-case-link", "voicemail/inbound-meeting-times", "voicemail/inbound-answer-by-email",
    "voicemail/inbound-last-attempt", "email/inbound-meeting-proposal", "email/inbound-answer-by-email",
    "call-script/inbound-first-call", "call-script/cold-opener",
    # The summary sent right after a call that connected (if: answered): the discovery call before a
    # booked meeting, the call on a proposal.
    "email/discovery-call-summary", "email/proposal-call-summary",
}
TEMPLATES = [pack.load(path, root) for path, root in pack.discover([REPO / "templates"])]
# Messages of a channel that exists in some languages only (KakaoTalk's, in Korean): not expected
# in every locale.
ONE_LANGUAGE = {t.id for t in TEMPLATES if channels.get(t.meta.channel).locales}
BAD = REPO / "tests" / "fixtures" / "bad"


def test_every_id_exists_in_both_locales():
    by_locale = {}
    for t in TEMPLATES:
        by_locale.setdefault(t.locale, set()).add(t.id)
    assert by_locale == {"ko": EXPECTED_IDS | ONE_LANGUAGE, "en": EXPECTED_IDS}


def test_same_variables_in_both_locales():
    variables = {(t.id, t.locale): set(t.meta.variables) for t in TEMPLATES}
    for template_id in EXPECTED_IDS:
        assert variables[(template_id, "ko")] == variables[(template_id, "en")], template_id


@pytest.mark.parametrize("template", TEMPLATES, ids=[f"{t.locale}:{t.id}" for t in TEMPLATES])
def test_renders_with_sample_and_worst_case(template):
    assert template.renderable, template.problems
    sample = render_message(template, {})
    assert sample.body and "{{" not in sample.body
    worst = render_message(template, worst_case(template.meta.variables, template.meta.sample))
    assert len(worst.body) >= len(sample.body)
    for name, var in template.meta.variables.items():
        assert var.description, f"{template.id}: variable {name} has no description"
    assert template.meta.description


@pytest.mark.parametrize("template", TEMPLATES, ids=[f"{t.locale}:{t.id}" for t in TEMPLATES])
def test_stage_personalization(template):
    used = template.used_variables()
    assert "name" in used
    if template.meta.stage in ("follow-up", "nurture", "inbound-response", "meeting-proposal", "graceful-exit"):
        assert "topic" in used


def test_advertising_is_declared():
    purposes = {t.id: t.meta.purpose for t in TEMPLATES}
    assert {i for i, p in purposes.items() if p == "advertising"} == {"sms/offer", "email/offer"}


def test_pack_is_lint_clean_at_error_severity(repo_cli):
    code, data = repo_cli.json("lint")
    assert code == 0
    assert data["summary"]["errors"] == 0
    assert len(data["messages"]) == 2 * len(EXPECTED_IDS) + len(ONE_LANGUAGE)


def test_templates_command_lists_everything(repo_cli):
    code = repo_cli("templates").returncode
    assert code == 0
    rows = json.loads(repo_cli("templates", "--format", "json").out)["templates"]
    assert {r["id"] for r in rows} == EXPECTED_IDS | ONE_LANGUAGE
    assert all(r["locales"] == (["ko"] if r["id"] in ONE_LANGUAGE else ["en", "ko"]) and r["description"] for r in rows)


def test_readme_catalogue_is_current():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- catalogue:start -->\n")[1].split("<!-- catalogue:end -->")[0]
    assert block == markdown_catalogue(template_rows([REPO / "templates"])), \
        "README catalogue is stale: paste the output of `msglint templates --format markdown`"


CASES = yaml.safe_load((BAD / "messages.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ruleset():
    packs = load_rules()
    return Ruleset(packs.rules, Config(), packs.settings)


@pytest.mark.parametrize("case", CASES, ids=[c.get("file") or c["text"][:30] for c in CASES])
def test_bad_examples_fire(case, ruleset):
    text = (BAD / case["file"]).read_text(encoding="utf-8") if "file" in case else case["text"]
    result = check_text(text, ruleset, channel=case["channel"], locale=case["locale"],
                        subject=case.get("subject"), purpose=case.get("purpose", "transactional"),
                        stage=case.get("stage"), register=case.get("register", "neutral"))
    fired = {f.rule for f in result.findings}
    assert set(case["fires"]) <= fired, fired


def test_seed_files_through_the_cli(repo_cli):
    proc = repo_cli("check", BAD / "generic-contract-check.ko.txt", "--channel", "sms", "--locale", "ko", "--format", "json")
    (finding,) = json.loads(proc.out)["findings"]
    assert finding["rule"] == "generic-phrase" and finding["line"] == 1 and finding["column"] == 8


# Where the shipped sequences leave a voicemail, the email it points to goes out minutes *later*:
# a voicemail that says the email was already sent tells the lead something untrue. A voicemail
# that announces a text instead ("잠시 뒤 문자로 링크를 보내 드리겠습니다") is followed by that text.
SENT_ALREADY = ("방금 메일로 보내 드렸", "메일로 보내 드렸으니", "just emailed", "I've emailed", "I have emailed")
ANNOUNCES_A_TEXT = ("문자로", "text you")


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.meta.channel == "voicemail"],
                         ids=lambda t: f"{t.locale}/{t.id}")
def test_a_voicemail_does_not_claim_an_email_that_comes_after_it(template):
    body = render_message(template, {}).body
    announced = "sms/" if any(word in body for word in ANNOUNCES_A_TEXT) else "email/"
    for sequence in (REPO / "sequences").glob("*.yaml"):
        steps = yaml.safe_load(sequence.read_text(encoding="utf-8"))["steps"]
        for here, step in enumerate(steps):
            if step.get("voicemail") != template.id:
                continue
            # The email (or text) it announces ("잠시 뒤 메일로 보내 드리겠습니다") follows within the hour.
            waited = datetime.timedelta(0)
            for later in steps[here + 1:]:
                waited += parse_offset(str(later.get("after", "0m"))).high
                if str(later.get("send", "")).startswith(announced):
                    break
            else:
                raise AssertionError(f"{sequence.name}: no {announced} message after {template.id}")
            assert waited <= datetime.timedelta(hours=1), (sequence.name, waited)
    assert not any(claim in body for claim in SENT_ALREADY), body


def test_korean_copy_attaches_claims_to_what_they_fit():
    # "같은 방식이 CRM 도입에도 맞을지" fits a method to a topic; it fits a team. A company is not
    # "한결상사 같은 팀", and a meeting place says whose office it is.
    by_id = {t.id: t for t in TEMPLATES if t.locale == "ko"}
    nudge = render_message(by_id["sms/value-nudge"], {}).body
    assert "CRM 도입에도" not in nudge and "김민수 님 팀에도" in nudge
    assert "같은 팀" not in render_message(by_id["email/cold-intro"], {}).body
    assert "리드웨이 본사" in render_message(by_id["sms/meeting-reminder"], {}).body
    first = render_message(by_id["sms/inbound-first-response"], {}).body
    assert first.startswith("김민수 님, 리드웨이 박지은입니다.")
