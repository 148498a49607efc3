"""KakaoTalk channels: 알림톡 (informational, Kakao-reviewed, buttons) and 친구톡 (advertising to the
channel's friends): what fires, what passes, the pack's Korean 알림톡, skeletons and the preview."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import REPO

ALIMTALK = """---
channel: alimtalk
stage: meeting-reminder
purpose: {purpose}
audience: b2b
register: formal
variables:
  name:  {{required: true, role: name, description: 고객 이름, max_length: 10, examples: [김민수]}}
  place: {{required: true, description: 장소, max_length: {place_length}, examples: [본사 3층 회의실]}}
sample: {{name: 김민수, place: 본사 3층 회의실}}
buttons: {buttons}
{review}---
{{{{ name }}}} 님, 내일 미팅 장소는 {{{{ place }}}}입니다.
{extra}"""


def _project(tmp_path, locale="ko", folder="alimtalk", purpose="transactional", place_length=20,
             buttons='[{name: 일정 변경 요청, type: WL, url: "https://leadway.example/r"}]', review="", extra=""):
    path = tmp_path / "templates" / locale / folder / "reminder.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ALIMTALK.format(purpose=purpose, place_length=place_length, buttons=buttons, review=review,
                                    extra=extra), encoding="utf-8")
    return path


def _findings(cli, tmp_path, *args):
    proc = cli("--lang", "en", "lint", "--format", "json", *args, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.err
    return proc.returncode, [f for m in json.loads(proc.out)["messages"] for f in m["findings"]]


def _digest(findings) -> str:
    message = next(f["message"] for f in findings if f["rule"] == "kakao-review")
    return message.split('digest: "')[1].split('"')[0]


def test_an_unreviewed_alimtalk_is_told_its_digest_and_a_changed_one_is_an_error(cli, tmp_path):
    path = _project(tmp_path)
    code, findings = _findings(cli, tmp_path)
    assert code == 0 and [f["severity"] for f in findings if f["rule"] == "kakao-review"] == ["info"]
    digest = _digest(findings)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "---\n{{ name }}", f'review: {{code: LW_01, digest: "{digest}"}}\n---\n{{{{ name }}}}'), encoding="utf-8")
    code, findings = _findings(cli, tmp_path)
    assert code == 0 and not [f for f in findings if f["rule"] == "kakao-review"]
    # A changed word, or a renamed button, is a text Kakao never approved.
    path.write_text(path.read_text(encoding="utf-8").replace("내일 미팅", "모레 미팅"), encoding="utf-8")
    code, findings = _findings(cli, tmp_path)
    changed = [f for f in findings if f["rule"] == "kakao-review"]
    assert code == 1 and changed[0]["severity"] == "error" and "LW_01" in changed[0]["message"]
    assert _digest(changed) != digest


def test_the_shipped_alimtalk_templates_are_approved_as_written(cli):
    proc = cli("lint", "templates/ko/alimtalk", "--format", "json", cwd=REPO)
    assert proc.returncode == 0, proc.out
    assert [m["path"] for m in json.loads(proc.out)["messages"]]
    assert not [f for m in json.loads(proc.out)["messages"] for f in m["findings"]]


@pytest.mark.parametrize("change, rule, words", [
    ({"purpose": "advertising"}, "front-matter", "transactional"),
    ({"locale": "en"}, "front-matter", "ko only"),
    ({"buttons": "[{name: 보기, type: XX}]"}, "front-matter", "XX"),
    ({"buttons": "[{name: 보기, type: WL}]"}, "front-matter", "https://"),
    ({"buttons": "[{name: '{{ name }} 님 보기', type: WL, url: 'https://a.example'}]"}, "front-matter", "variable"),
    ({"buttons": "[" + ", ".join(["{name: 보기, type: WL, url: 'https://a.example'}"] * 6) + "]"}, "kakao-buttons", "6"),
    ({"buttons": "[{name: 상담 일정을 바꾸고 싶으신 분은 여기, type: WL, url: 'https://a.example'}]"}, "kakao-buttons", "14"),
    ({"place_length": 1000}, "kakao-length", "1,0"),
    ({"extra": "이번 주 특가로 20% 할인해 드립니다.\n"}, "alimtalk-advertising", "특가"),
    ({"extra": "곧 뵙겠습니다 🙂\n"}, "kakao-fallback-charset", "🙂"),
])
def test_what_kakao_would_refuse_fires(cli, tmp_path, change, rule, words):
    _project(tmp_path, **change)
    _code, findings = _findings(cli, tmp_path)
    hits = [f for f in findings if f["rule"] == rule]
    assert hits and any(words in f["message"] for f in hits), findings


def test_a_text_channel_has_no_buttons(cli, tmp_path):
    path = tmp_path / "templates" / "ko" / "sms" / "hello.txt.j2"
    path.parent.mkdir(parents=True)
    path.write_text("---\nchannel: sms\nstage: follow-up\npurpose: transactional\n"
                    "buttons: [{name: 보기, type: WL, url: 'https://a.example'}]\n---\n안녕하세요, 리드웨이입니다.\n",
                    encoding="utf-8")
    code, findings = _findings(cli, tmp_path)
    assert code == 1 and any("no buttons" in f["message"] for f in findings if f["rule"] == "front-matter")


@pytest.mark.parametrize("body, send_at, rules", [
    ("리드웨이 연말 특가 안내\n수신거부: 홈 > 채널 차단", None, {"ad-marker"}),
    ("(광고) 리드웨이\n연말 특가 안내", None, {"opt-out"}),
    ("(광고) 리드웨이\n연말 특가 안내\n수신거부: 홈 > 채널 차단", "2026-11-24T20:55", {"send-window"}),
    ("(광고) 리드웨이\n연말 특가 안내\n수신거부: 홈 > 채널 차단", "2026-11-24T20:45", set()),
])
def test_an_advertising_friendtalk_carries_what_the_law_asks(cli, tmp_path, body, send_at, rules):
    message = tmp_path / "ad.txt"
    message.write_text(body, encoding="utf-8")
    args = ["check", str(message), "--channel", "friendtalk", "--locale", "ko", "--purpose", "advertising",
            "--format", "json"]
    if send_at:
        args += ["--send-at", send_at, "--tz", "Asia/Seoul"]
    proc = cli(*args)
    errors = {f["rule"] for f in json.loads(proc.out)["findings"] if f["severity"] == "error"}
    assert errors == rules and proc.returncode == (1 if rules else 0), proc.out


def test_new_writes_kakao_skeletons_in_korean_only_and_lint_clean(cli, tmp_path):
    (tmp_path / "templates" / "ko").mkdir(parents=True)
    (tmp_path / "templates" / "en").mkdir()
    for args in (["reminder", "--channel", "alimtalk"], ["promo", "--channel", "friendtalk", "--purpose", "advertising"],
                 ["story", "--channel", "friendtalk"]):
        proc = cli("new", *args, cwd=tmp_path)
        assert proc.returncode == 0, (args, proc.out, proc.err)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "templates").rglob("*.j2")) == [
        "templates/ko/alimtalk/reminder.txt.j2", "templates/ko/friendtalk/promo.txt.j2",
        "templates/ko/friendtalk/story.txt.j2"]
    assert cli("new", "x", "--channel", "alimtalk", "--locales", "en", cwd=tmp_path).returncode == 2
    proc = cli("new", "y", "--channel", "alimtalk", "--purpose", "advertising", cwd=tmp_path)
    assert proc.returncode == 2 and "friendtalk" in proc.err


def test_the_preview_shows_an_alimtalk_as_a_kakaotalk_card_with_its_buttons(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates" / "ko" / "alimtalk", project / "templates" / "ko" / "alimtalk")
    proc = cli("preview", "--out", tmp_path / "site", cwd=project)
    assert proc.returncode == 0, proc.err
    page = (tmp_path / "site" / "msg-alimtalk--meeting-reminder.html").read_text(encoding="utf-8")
    assert 'class="kakao-card alimtalk"' in page and "알림톡 도착" in page
    assert '<div class="kakao-button" data-button="WL">일정 변경 요청</div>' in page
    assert 'data-fact="fallback">falls back as LMS' in page


@pytest.mark.slow  # a real Chromium
def test_browser_sees_the_kakaotalk_card(cli, tmp_path, browser):
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates" / "ko" / "alimtalk", project / "templates" / "ko" / "alimtalk")
    assert cli("preview", "--out", tmp_path / "site", cwd=project).returncode == 0
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((tmp_path / "site" / "msg-alimtalk--inbound-response.html").as_uri())
    card = page.locator("#ko .kakao-card")
    assert card.is_visible() and "문의 접수 안내" in card.inner_text()
    assert page.locator("#ko .kakao-head").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(254, 229, 0)"
    assert page.locator("#ko .kakao-button").inner_text() == "문의 내용 보기"
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "preview-alimtalk.png"), full_page=True)
    page.close()
