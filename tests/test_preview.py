"""The preview site: static pages from disk, a live server, and a real browser looking at both."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO

CHROMIUM = os.environ.get("MSGLINT_CHROMIUM", "/usr/bin/chromium")


# One message in both locales: what the tests about a lead's data need of the pack.
MISSED_CALL = [REPO / "templates" / locale / "sms" / "missed-call.txt.j2" for locale in ("en", "ko")]


def copy_pack(tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates", project / "templates")
    email = project / "templates" / "en" / "email" / "value-follow-up.txt.j2"
    # The shipped pack has no phrasing warning to mark: plant one.
    text = email.read_text(encoding="utf-8").replace("Here is a customer story", "Just checking in: here is a customer story")
    assert "Just checking in" in text
    email.write_text(text, encoding="utf-8")
    return project


def test_static_site_has_every_message_and_marks_findings(cli, tmp_path):
    project = copy_pack(tmp_path)
    # The one end-to-end run of `msglint preview --out`: `python -m msglint` in a process of its own.
    proc = cli("preview", "--out", tmp_path / "site", cwd=project, process=True)
    assert proc.returncode == 0, proc.err
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in ("msg-sms--missed-call.html", "msg-email--meeting-proposal.html", "msg-voicemail--first-attempt.html"):
        assert f'href="{page}"' in index
    assert "http://" not in index.replace("http://127.0.0.1", "") and "https://" not in index  # no CDN
    sms = (site / "msg-sms--missed-call.html").read_text(encoding="utf-8")
    assert 'data-fact="kr_type">LMS' in sms and "UCS-2" in sms and "GSM-7" in sms
    assert "김민수 님, 리드웨이 박지은입니다." in sms
    assert '.locale[lang|="ko"] .bubble' in sms and "word-break: keep-all" in sms  # Korean wraps between words
    assert "with the sample" in sms and "up to" in sms and "with the longest values" in sms  # both byte counts
    email = (site / "msg-email--value-follow-up.html").read_text(encoding="utf-8")
    assert '<mark class="sev-warning" tabindex="0"' in email and 'data-rule="generic-phrase"' in email
    assert '<svg class="icon"' in email and "</svg> warning</span>" in email  # icon and word, not colour alone
    assert "⚠" not in email and "⛔" not in email  # symbols that common fonts lack


def test_preview_for_a_lead(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("name: 최유리\ntopic: 콜센터 전환\n", encoding="utf-8")
    proc = cli("preview", *MISSED_CALL, "--out", tmp_path / "site", "--data", lead)
    assert proc.returncode == 0, proc.err
    assert "최유리 님" in (tmp_path / "site" / "msg-sms--missed-call.html").read_text(encoding="utf-8")


def test_preview_needs_a_destination(cli):
    proc = cli("preview", REPO / "templates")
    assert proc.returncode == 2 and "--out DIR" in proc.err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def server(tmp_path):
    project = copy_pack(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "msglint", "preview", "--serve", "--port", str(port)],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield project, port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow  # a real preview server process (and a signal)
def test_serve_rebuilds_on_reload(server):
    project, port, _ = server
    url = f"http://127.0.0.1:{port}/msg-sms--missed-call.html"
    assert "연결이 되지 않아" in wait_for(url)
    template = project / "templates" / "ko" / "sms" / "missed-call.txt.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("연결이 되지 않아", "전화를 받지 못하셔서"),
                        encoding="utf-8")
    assert "전화를 받지 못하셔서" in wait_for(url)


@pytest.mark.slow  # a real preview server process (and a signal)
def test_serve_on_a_port_in_use(server, cli):
    _, port, _ = server
    proc = cli("preview", REPO / "templates", "--serve", "--port", str(port))
    assert proc.returncode == 2
    assert proc.err.strip() == f"msglint: error: port {port} is in use: pick another with --port"


@pytest.mark.slow  # a real preview server process (and a signal)
def test_serve_stops_cleanly_on_ctrl_c(server):
    import signal

    _, _, proc = server
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert "stopped" in proc.stderr.read().decode("utf-8")


@pytest.mark.slow  # a real Chromium
def test_browser_sees_messages_badges_and_findings(browser, cli, tmp_path):
    project = copy_pack(tmp_path)
    site = tmp_path / "site"
    assert cli("preview", "--out", site, cwd=project).returncode == 0
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    assert page.locator("a", has_text="sms/missed-call").first.is_visible()
    page.locator("a", has_text="sms/missed-call").first.click()
    bubble = page.locator("#ko .bubble")
    assert bubble.is_visible() and "김민수 님" in bubble.inner_text()
    assert page.locator('#ko [data-fact="kr_type"]').inner_text().startswith("LMS")
    assert page.locator('#en [data-fact="segments"]').inner_text() == "1 segment"
    page.goto((site / "msg-email--value-follow-up.html").as_uri())
    assert "Hanbit Trading" in page.locator("#en .card .body").inner_text()
    mark = page.locator('#en mark[data-rule="generic-phrase"]')
    assert mark.is_visible() and mark.inner_text().startswith("Just checking in")
    mark.focus()
    assert page.locator('#en mark[data-rule="generic-phrase"] .tip').is_visible()
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "preview-email.png"), full_page=True)
    page.close()


@pytest.mark.slow  # a real Chromium
def test_browser_sees_a_served_edit(browser, server):
    project, port, _ = server
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/msg-email--graceful-exit.html")
    assert "당분간은 따로" in page.locator("#ko .card .body").inner_text()
    template = project / "templates" / "ko" / "email" / "graceful-exit.txt.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("당분간은 따로", "한동안은 따로"),
                        encoding="utf-8")
    page.reload()
    assert "한동안은 따로" in page.locator("#ko .card .body").inner_text()
    page.close()


def test_a_broken_advertising_sms_previews_with_every_finding(cli, tmp_path):
    # Deleting the ad header puts several findings on the same first line: the page must show them all.
    project = copy_pack(tmp_path)
    for locale, marker in (("ko", "(광고)"), ("en", "Reply STOP")):
        offer = project / "templates" / locale / "sms" / "offer.txt.j2"
        offer.write_text("\n".join(line for line in offer.read_text(encoding="utf-8").splitlines()
                                   if marker not in line) + "\n", encoding="utf-8")
    proc = cli("preview", "--out", tmp_path / "site", cwd=project)
    assert proc.returncode == 0 and "Traceback" not in proc.err, proc.err
    page = (tmp_path / "site" / "msg-sms--offer.html").read_text(encoding="utf-8")
    assert 'data-rule="ad-marker' in page or "ad-marker" in page
    assert "<mark" in page


def test_a_korean_lead_stays_in_the_korean_column(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("name: 이서연\ntopic: 콜센터 전환\n", encoding="utf-8")
    proc = cli("preview", *MISSED_CALL, "--out", tmp_path / "site", "--data", lead)
    page = (tmp_path / "site" / "msg-sms--missed-call.html").read_text(encoding="utf-8")
    english, korean = page.split('id="en"')[1].split('id="ko"')  # columns in locale order
    assert "이서연 님" in korean and "rendered for the lead" in korean
    assert "이서연" not in english and "rendered with this template's sample" in english


def test_page_names_cannot_escape_or_overwrite_the_catalogue(cli, tmp_path):
    from conftest import SMS_FRONT, write_template

    for name in ("javascript:alert(1)", "index"):
        for locale in ("en", "ko"):
            write_template(tmp_path, f"{locale}/sms/{name}.txt.j2", SMS_FRONT, "Hi {{ name }}, about {{ topic }}.\n")
    proc = cli("preview", "--out", tmp_path / "site", "templates")
    assert proc.returncode == 0, proc.err
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Templates" in index  # still the catalogue
    assert 'href="javascript' not in index and 'href="msg-sms--javascript%3Aalert%281%29.html"' in index
    assert (tmp_path / "site" / "msg-sms--index.html").exists()


def test_serve_refuses_foreign_host_names():
    from msglint.preview.serve import local_host

    assert all(local_host(h) for h in ("127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"))
    assert not any(local_host(h) for h in (None, "", "evil.example:8000", "127.0.0.1.evil.example", "[::2]"))


SPANS = st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40), st.sampled_from(["error", "warning", "info"])),
                 max_size=8)


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=40), spans=SPANS)
def test_any_overlap_of_findings_is_highlighted_without_losing_text(text, spans):
    import html
    import re as _re

    from msglint.findings import Finding
    from msglint.preview.highlight import marked

    findings = [Finding(rule=f"rule-{i}", severity=sev, message=f"m{i} <b>", span=("body", a, b))
                for i, (a, b, sev) in enumerate(spans)]
    out = str(marked(text, findings, "body"))
    assert out.count("<mark") == out.count("</mark>")
    assert _re.search(r"<mark[^>]*>(?:(?!</mark>).)*<mark", out, _re.S) is None  # never nested
    visible = _re.sub(r'<span class="tip".*?</span></mark>', "", out)
    visible = _re.sub(r"<mark[^>]*>", "", visible)
    assert html.unescape(visible) == text
    for i, (a, b, _) in enumerate(spans):
        if min(b, len(text)) > max(a, 0):
            assert f"rule-{i}" in out  # every finding that covers text is shown


@pytest.mark.slow  # a real Chromium
def test_browser_follows_a_sequence_timeline(cli, browser, tmp_path):
    project = copy_pack(tmp_path)
    shutil.copytree(REPO / "sequences", project / "sequences")
    # One broken step: the first touch of the inbound sequence waits an hour.
    inbound = project / "sequences" / "inbound-lead.yaml"
    inbound.write_text(inbound.read_text(encoding="utf-8").replace("  - after: 5m\n    send: sms/inbound-first-response",
                                                                   "  - after: 1h\n    send: sms/inbound-first-response"),
                       encoding="utf-8")
    site = tmp_path / "site"
    assert cli("preview", "--out", site, cwd=project).returncode == 0
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    page.locator("a", has_text="post-consultation-b2b").first.click()
    assert page.url.endswith("seq-post-consultation-b2b.html")
    days = page.locator(".timeline .day h2").all_inner_texts()
    assert days[0] == "day 1" and len(days) >= 5  # days across, in order
    assert page.locator('.step[data-channel="call"] svg').first.is_visible()
    page.locator(".step a", has_text="email/consultation-summary").click()
    assert page.url.endswith("msg-email--consultation-summary.html")
    page.goto((site / "seq-inbound-lead.html").as_uri())
    flagged = page.locator('.step.flagged[data-step="1"] .finding.error')
    assert flagged.is_visible() and "first-touch" in flagged.inner_text()
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "preview-sequence.png"), full_page=True)
    page.close()


def test_a_sequence_name_cannot_write_outside_the_site(cli, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates" / "en" / "sms", project / "templates" / "en" / "sms")
    (project / "sequences").mkdir()
    (project / "sequences" / "evil.yaml").write_text(
        "name: ../../escaped\ntrigger: cold\nlocales: [ko]\nsteps:\n  - after: 1d\n    call: hello\n", encoding="utf-8")
    assert cli("preview", "--out", tmp_path / "site", cwd=project).returncode == 0
    assert (tmp_path / "site" / "seq-evil.html").is_file()
    assert not (tmp_path / "escaped.html").exists() and not list(tmp_path.glob("*escaped*"))
