"""Sandboxed rendering, Babel filters, and the map from rendered text back to the source."""

import datetime as dt

import pytest
from jinja2 import Environment

from msglint.render.lead_data import coerce
from msglint.render.filters import josa
from msglint.template.metadata import Variable
from msglint.render.jinja import CompiledText, RenderError
from msglint.render.sourcemap import instrument, SourceMap

SEOUL = dt.timezone(dt.timedelta(hours=9))


def render(source, locale="en", **data):
    return CompiledText(source, "t").render(data, locale).text


def test_missing_variable_is_an_error_naming_it():
    with pytest.raises(RenderError) as caught:
        render("Hi {{ name }}, {{ topic }}", name="Kim")
    assert caught.value.kind == "undefined" and caught.value.variable == "topic"
    assert caught.value.line == 1


def test_sandbox_blocks_python_internals():
    with pytest.raises(RenderError) as caught:
        render("{{ ''.__class__.__mro__ }}")
    assert caught.value.kind == "unsafe"


def test_sandbox_is_immutable():
    with pytest.raises(RenderError):
        render("{{ items.append(1) }}", items=[])


def test_list_joining_per_locale():
    days = ["월요일", "화요일", "수요일"]
    assert render('{{ d|join_list("or") }}', "ko", d=days) == "월요일, 화요일 또는 수요일"
    assert render('{{ d|join_list("or") }}', "en", d=["Mon", "Tue", "Wed"]) == "Mon, Tue, or Wed"
    assert render("{{ d|join_list }}", "en", d=["A", "B"]) == "A and B"


def test_datetime_in_recipient_zone():
    slot = dt.datetime(2026, 11, 24, 14, 0, tzinfo=SEOUL)
    assert render('{{ s|datetime("M월 d일 EEEE aaaa h시") }}', "ko", s=slot) == "11월 24일 화요일 오후 2시"
    # The same instant for a recipient in New York.
    assert render('{{ s|datetime("EEE h:mm a") }}', "en", s=slot, timezone="America/New_York") == "Tue 12:00 AM"
    assert render("{{ s|date('long') }}", "en", s=slot, timezone="Asia/Seoul") == "November 24, 2026"


def test_numbers_and_currency():
    assert render("{{ n|number }}", "ko", n=1234567) == "1,234,567"
    assert render("{{ n|currency }}", "ko", n=50000) == "₩50,000"
    assert render("{{ n|currency('USD') }}", "en", n=1200.5) == "$1,200.50"
    assert render("{{ n|percent }}", "en", n=0.32) == "32%"


def test_iso_strings_become_aware_datetimes():
    variables = {"slots": Variable("slots", type="datetime-list"), "at": Variable("at", type="datetime")}
    data = coerce({"slots": ["2026-11-24T14:00:00+09:00"], "at": "2026-11-24T09:00"}, variables)
    assert data["slots"][0].tzinfo is not None
    assert isinstance(data["at"], dt.datetime)


@pytest.mark.parametrize("word,forms,expected", [
    ("CRM 도입", "을/를", "CRM 도입을"), ("견적서", "을/를", "견적서를"), ("서울", "으로/로", "서울로"),
    ("부산", "으로/로", "부산으로"), ("CRM", "이/가", "CRM이"), ("영업 자동화", "과/와", "영업 자동화와"),
    # Latin words by how they are read: 허브스팟, 슬랙, 구글, 줌, 노션 end in a consonant; 지라,
    # 세일즈포스, 마이크로소프트, 도커, 오피스 do not. Acronyms letter by letter: 에이피아이, 에이치알.
    ("HubSpot", "을/를", "HubSpot을"), ("Slack", "을/를", "Slack을"), ("Google", "을/를", "Google을"),
    ("Google", "으로/로", "Google로"), ("Zoom", "을/를", "Zoom을"), ("Notion", "이/가", "Notion이"),
    ("Jira", "을/를", "Jira를"), ("Salesforce", "을/를", "Salesforce를"), ("Microsoft", "을/를", "Microsoft를"),
    ("Magic", "이/가", "Magic이"), ("topic", "은/는", "topic은"), ("Docker", "을/를", "Docker를"), ("Office", "을/를", "Office를"), ("API", "을/를", "API를"), ("HR", "을/를", "HR을"),
    ("40%", "을/를", "40%를"), ("10", "을/를", "10을"), ("3명", "이/가", "3명이"), ("5개", "이/가", "5개가"),
])
def test_josa_picks_the_particle_by_final_sound(word, forms, expected):
    assert josa(word, forms) == expected


def test_josa_with_one_form_is_an_error_not_a_dropped_particle():
    with pytest.raises(ValueError, match="both forms"):
        josa("견적서", "을")


def test_anchors_do_not_change_output_with_whitespace_control():
    source = "Hi {{ name }},\n  {% if x %}\n  Line {{- topic -}} end\n  {% endif %}\nBye {{ 'x' }}"
    env = Environment(trim_blocks=True, lstrip_blocks=True)
    plain = env.from_string(source).render(name="Kim", x=1, topic="CRM")
    instrumented, anchors = instrument(source)
    clean, _ = SourceMap.strip(env.from_string(instrumented).render(name="Kim", x=1, topic="CRM"), anchors)
    assert clean == plain


def test_source_map_knows_template_text_from_variable_output():
    text = CompiledText("Hello {{ name }}, [Name]\nsecond line", "t", line_offset=9)
    rendered = text.render({"name": "Kim"}, "en")
    at = rendered.text.index("[Name]")
    loc = rendered.map.locate(at)
    assert (loc.line, loc.column, loc.from_variable) == (10, 19, False)
    loc = rendered.map.locate(rendered.text.index("Kim"))
    assert (loc.line, loc.column, loc.expr) == (10, 7, "name")
    loc = rendered.map.locate(rendered.text.index("second"))
    assert (loc.line, loc.column) == (11, 1)
