"""msglint speaks Korean and English: findings, suggestions, summaries and command-line errors.

The language follows --lang, else the config's ``lang``, else the template's locale for its
findings and LANG for everything else (DESIGN.md)."""

import ast
import re
import string
from pathlib import Path

import pytest
import yaml

from conftest import REPO, write_template
from msglint import i18n
from msglint.i18n import _

SOURCE = REPO / "src" / "msglint"
HANGUL = re.compile(r"[가-힣]")


def _msgids():
    found = {}
    for file in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_") \
                    and node.args and isinstance(node.args[0], ast.Constant):
                found.setdefault(node.args[0].value, f"{file.relative_to(REPO)}:{node.lineno}")
    return found


def _fields(text):
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name} - set(i18n.PARTICLES)


# Messages made of a key name and a filled-in reason: the same in every language.
NAMES_ONLY = {"timezone", "stages", "git {command}", "unless_followed_by '{by}'", "unless_sentence_has '{specifics}'"}


def test_every_message_written_in_python_has_a_korean_translation_with_the_same_fields():
    catalog = i18n._catalog("ko")
    ids = _msgids()
    assert len(ids) > 200
    missing = [f"{where}: {msgid}" for msgid, where in ids.items() if msgid not in catalog]
    assert not missing, "add these to src/msglint/locale/ko/LC_MESSAGES/msglint.po:\n" + "\n".join(missing)
    for msgid in ids:
        assert _fields(catalog[msgid]) == _fields(msgid), msgid
        words = re.sub(r"\{[^{}]*\}", "", msgid)
        if msgid.split(":")[0] in NAMES_ONLY:  # "timezone: {problem}": a key name and its problem
            continue
        assert HANGUL.search(catalog[msgid]) or not re.search(r"[a-z]{3}", words), msgid


def test_no_error_is_raised_with_english_only_text():
    """An error raised with a plain string literal would reach a Korean reader in English."""
    pattern = re.compile(r"raise (?!AttributeError)\w*(Error|Exceeded)\((?:path, |rule\.file, |\"\w+\", )?f?\"([^\"]*)\"")
    offenders = []
    for file in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            found = pattern.search(line)
            if found and re.search(r"[a-z]{2,} [a-z]{2,}", re.sub(r"\{[^{}]*\}", "", found.group(2))):
                offenders.append(f"{file.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "wrap the text in _(...):\n" + "\n".join(offenders)


def _texts(rule):
    for key in ("message", "suggestion"):
        if key in rule:
            yield key, rule[key]
    for key in ("messages", "suggestions"):
        for name, value in (rule.get(key) or {}).items():
            yield f"{key}.{name}", value


@pytest.mark.parametrize("file", sorted((REPO / "rules").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_rule_speaks_both_languages(file):
    for rule in yaml.safe_load(file.read_text(encoding="utf-8"))["rules"]:
        for key, value in _texts(rule):
            words = re.sub(r"\{[^{}]*\}", "", value if isinstance(value, str) else " ".join(value.values()))
            if isinstance(value, str):
                # One text for both languages only where it has no words: "{problem}", "(광고)".
                assert not re.search(r"[A-Za-z]{2}|[가-힣]{2}", words.replace("광고", "")), (rule["id"], key)
                continue
            assert set(value) == {"ko", "en"}, (rule["id"], key)
            assert HANGUL.search(value["ko"]), (rule["id"], key)
            # A translation may leave a detail out (the English name of a character), never add one.
            assert _fields(value["ko"]) <= _fields(value["en"]), (rule["id"], key)


@pytest.mark.parametrize("word,written,expected", [
    ("당신", "“{match}”{은} 반말", "“당신”은 반말"), ("고객님", "“{match}”{을} 쓰세요", "“고객님”을 쓰세요"),
    ("너", "“{match}”{은}", "“너”는"), ("topic", "'{match}'{이}", "'topic'이"), ("API", "{match}{로}", "API로"),
    ("서울", "{match}{으로}", "서울로"), ("40%", "{match}{이}", "40%가"),
])
def test_korean_particles_after_a_filled_value_agree_with_it(word, written, expected):
    assert i18n.fill(written, {"match": word}, "ko") == expected


def test_text_is_said_in_the_language_in_force_when_shown():
    text = _("'{key}' is empty", key="name")
    with i18n.reading("ko"):
        assert str(text) == "'name'이 비어 있습니다"
    with i18n.reading("en-US"):
        assert str(text) == "'name' is empty"
    i18n.configure("ko")
    try:
        with i18n.reading("en"):
            assert str(text) == "'name'이 비어 있습니다"  # --lang wins over the template's locale
    finally:
        i18n.configure(None)


MISTAKES = """\
---
channel: sms
stage: follow-up
purpose: transactional
variables:
  name: {required: true, examples: [김민수]}
  topc: {required: true}
sample: {name: 김민수, topic: CRM 도입}
---
{{ name }}, 내일 보자! {{ topic }}를 정리했어.
"""


def _mistakes(root: Path):
    path = root / "templates" / "ko" / "sms" / "mistakes.txt.j2"
    path.parent.mkdir(parents=True)
    path.write_text(MISTAKES, encoding="utf-8")
    return path


def test_a_korean_template_with_mistakes_reads_korean_end_to_end(cli, tmp_path):
    _mistakes(tmp_path)
    proc = cli("lint", "--no-cache")
    assert proc.returncode == 1, proc.err
    lines = [line for line in proc.out.splitlines() if line.strip()]
    findings = [line for line in lines if ": error " in line or ": warning " in line]
    assert len(findings) >= 4
    for line in findings:  # the message after the rule id is Korean
        assert HANGUL.search(line.split(" ", 3)[3]), line
    assert "필수 변수 'topc'의 sample 값이 없습니다" in proc.out
    assert "sample의 'topic'은 variables에 선언되어 있지 않습니다 ('topc'를 말씀하신 건가요?)" in proc.out
    assert "변수 'topic'을 쓰지만 선언하지 않았습니다" in proc.out
    assert lines[-1] == "템플릿 1개 검사: 오류 4건, 경고 1건, 정보 0건"
    assert not re.search(r"\b(is|the|must|not)\b", proc.out.replace("{{ topic }}", ""))


def test_lang_en_speaks_english_about_a_korean_template(cli, tmp_path):
    _mistakes(tmp_path)
    proc = cli("lint", "--no-cache", "--lang", "en", "--format", "json")
    findings = [f for m in __import__("json").loads(proc.out)["messages"] for f in m["findings"]]
    by_rule = {f["rule"]: f["message"] for f in findings}
    assert by_rule["template-syntax"].startswith("variable 'topic' is used but not declared")
    assert by_rule["ko-honorific-address"].startswith("no ‘님’ (or title + 님) after {{ name }}")
    assert by_rule["ko-particle"].startswith("the particle ‘를’ after {{ topic }} is wrong for some values")


def test_config_lang_sets_the_language_and_lang_overrides_it(cli, tmp_path):
    write_template(tmp_path, "en/sms/hi.txt.j2", """
        channel: sms
        stage: follow-up
        purpose: transactional
        variables: {name: {required: true}}
        sample: {name: Priya}
    """, "Hi {{ name }}, just checking in!\n")
    (tmp_path / ".msglint.yaml").write_text("lang: ko\n", encoding="utf-8")
    korean = cli("lint", "--no-cache")
    assert "누구에게나 보낼 수 있는 상투적인 문구" in korean.out and "템플릿 1개 검사" in korean.out
    english = cli("lint", "--no-cache", "--lang", "en")
    assert "is a generic line" in english.out and "1 template checked" in english.out
    (tmp_path / ".msglint.yaml").write_text("lang: kr\n", encoding="utf-8")
    bad = cli("lint")
    assert bad.returncode == 2 and "'lang: kr' is not one of en, ko" in bad.err


def test_command_line_errors_follow_lang_then_LANG(cli, tmp_path):
    write_template(tmp_path, "ko/sms/hi.txt.j2", "channel: sms\nstage: follow-up\npurpose: transactional",
                   "안녕하세요.\n")
    english = cli("render", "sms/nope", "--locale", "ko", "--templates", tmp_path / "templates")
    assert english.returncode == 2 and "msglint: error: no template 'sms/nope'" in english.err
    korean = cli("render", "sms/nope", "--locale", "ko", "--templates", tmp_path / "templates",
                 env={"LANG": "ko_KR.UTF-8"})
    assert korean.returncode == 2 and "msglint: 오류:" in korean.err and "'sms/nope' 템플릿이 없습니다" in korean.err
    flag = cli("--lang", "ko", "check", "missing.txt", "--channel", "sms", "--locale", "en")
    assert flag.returncode == 2 and "missing.txt: 파일이 없습니다" in flag.err


def test_checked_text_findings_speak_its_locale(cli):
    proc = cli("check", "-", "--channel", "sms", "--locale", "ko", input="당신에게 딱 맞는 제안이야.")
    assert "“당신”은 반말에서 쓰는 말입니다: 고객에게는 “고객님”을 쓰세요" in proc.out
    assert "메시지 1개 검사" in proc.out


def test_a_rule_file_may_carry_one_text_or_both_languages_and_typos_are_named(cli, tmp_path):
    rules = tmp_path / "team.yaml"
    rules.write_text("""
rules:
  - id: no-asap
    kind: phrases
    severity: warning
    message: {ko: "“{match}”{은} 재촉하는 말입니다", en: "“{match}” rushes the reader"}
    suggestion: {ko: 날짜를 제안하세요, en: propose a date}
    source: team style guide
    phrases: [ASAP, 급히]
""", encoding="utf-8")
    (tmp_path / ".msglint.yaml").write_text("rules: [team.yaml]\n", encoding="utf-8")
    ko = cli("check", "-", "--channel", "sms", "--locale", "ko", input="김민수 님, 급히 회신 부탁드립니다.")
    assert "“급히”는 재촉하는 말입니다" in ko.out and "→ 날짜를 제안하세요" in ko.out
    en = cli("check", "-", "--channel", "sms", "--locale", "en", input="Hi Priya, reply ASAP please.")
    assert "“ASAP” rushes the reader" in en.out and "→ propose a date" in en.out
    rules.write_text(rules.read_text(encoding="utf-8").replace("en: \"“{match}", "eng: \"“{match}"), encoding="utf-8")
    bad = cli("check", "-", "--channel", "sms", "--locale", "en", input="x")
    assert bad.returncode == 2 and "'message' has a text for 'eng'" in bad.err and "did you mean 'en'" in bad.err
