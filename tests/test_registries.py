"""One place for channels and one for languages: registering a new one is all it takes for every
stage to know it (front matter, facts, checks, sequences, time zones, proposed times, voicemail
timing). Both tests register a toy that no module of msglint mentions."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import write_template

from msglint import api, channels, languages
from msglint.channels import Channel
from msglint.checks.engine import build_ruleset
from msglint.checks.text import check_text
from msglint.config import Config
from msglint.languages import Language
from msglint.render.jinja import CompiledText
from msglint.vocabulary import CHANNELS


def measure_fax(message, settings, facts):
    """A toy channel's arithmetic: pages of 40 lines."""
    facts["pages"] = message.body.count("\n") // 40 + 1


@pytest.fixture
def fax(monkeypatch):
    monkeypatch.setitem(channels.CHANNELS, "fax", Channel("fax", subject="none", sent_by="send",
                                                         measure=f"{__name__}:measure_fax"))


@pytest.fixture
def japanese(monkeypatch):
    monkeypatch.setitem(languages.LANGUAGES, "ja", Language(
        code="ja", zone="Asia/Tokyo", territory="JP",
        slot_formats=(("M月d日(E) H時", "M月d日(E) H時m分"), ("H時", "H時m分")),
        speech_rate={"unit": "syllables", "per_minute": 400}, spaced_words=False))


def test_a_registered_channel_is_measured_and_checked(fax):
    assert "fax" in CHANNELS  # the vocabulary every validator reads is the registry's live view
    ruleset = build_ruleset(Config())
    result = check_text("Hello Maria,\nthe contract is attached.\n", ruleset, channel="fax", locale="en")
    assert result.facts["pages"] == 1 and result.facts["words"] == 6
    assert "fax" in channels.sent_by("send") and channels.get("fax").written


def test_a_registered_channel_is_a_valid_template_folder_and_front_matter(fax, tmp_path):
    write_template(tmp_path, "en/fax/cover.txt.j2", """
        channel: fax
        stage: follow-up
        purpose: transactional
        description: A cover page.
        variables:
          name: {type: string, role: name, required: true}
        sample: {name: Maria}
        """, "Hello {{ name }}, the signed contract follows on the next page.\n")
    pack = api.Pack(tmp_path / "templates", config=Config())
    assert pack.ids() == ["fax/cover"]
    message = pack.render("fax/cover", "en", {"name": "Maria"}, check=False)
    assert message.facts["pages"] == 1
    assert not [f for f in pack.lint() if f.rule in ("front-matter", "template-file")]


def test_without_the_registration_the_channel_is_unknown():
    assert "fax" not in CHANNELS and channels.get("fax") is None


def test_a_registered_language_sets_zone_slots_and_speech(japanese):
    assert languages.default_zone("ja-JP") == "Asia/Tokyo"
    slot = dt.datetime(2026, 11, 24, 5, 30, tzinfo=dt.timezone.utc)
    assert CompiledText("{{ s|slot }}", "t").render({"s": slot}, "ja").text == "11月24日(火) 14時30分"
    slow = Language("ja", "Asia/Tokyo", "JP", (("", ""), ("", "")), {"unit": "words", "per_minute": 60})
    languages.LANGUAGES["ja"] = slow  # a word a second (the fixture puts the registry back)
    ruleset = build_ruleset(Config())
    result = check_text("おはよう ございます 田中さん", ruleset, channel="voicemail", locale="ja")
    assert result.facts["seconds"] == pytest.approx(3, abs=0.5)


def test_an_unknown_language_falls_back_and_names_no_zone():
    assert languages.get("xx") is None
    assert languages.default_zone("xx") == "UTC"
    assert languages.of("xx") is languages.FALLBACK


@pytest.mark.parametrize("locale, code", [("ko", "ko"), ("ko-KR", "ko"), ("ko_KR", "ko"), ("en_US.UTF-8", "en"),
                                          ("EN-us", "en"), (None, ""), ("", "")])
def test_one_reading_of_a_locale(locale, code):
    assert languages.primary(locale) == code

