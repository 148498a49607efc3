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

from conftest import REPO

CHROMIUM = os.environ.get("MSGLINT_CHROMIUM", "/usr/bin/chromium")


def copy_pack(tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates", project / "templates")
    email = project / "templates" / "en" / "email" / "value-follow-up.html.j2"
    text = email.read_text(encoding="utf-8").replace("When we spoke,", "Just checking in: when we spoke,")
    email.write_text(text, encoding="utf-8")
    return project


def test_static_site_has_every_message_and_marks_findings(cli, tmp_path):
    project = copy_pack(tmp_path)
    proc = cli("preview", "--out", tmp_path / "site", cwd=project)
    assert proc.returncode == 0, proc.err
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in ("sms--missed-call.html", "email--meeting-proposal.html", "voicemail--first-attempt.html"):
        assert f'href="{page}"' in index
    assert "http://" not in index.replace("http://127.0.0.1", "") and "https://" not in index  # no CDN
    sms = (site / "sms--missed-call.html").read_text(encoding="utf-8")
    assert 'data-fact="kr_type">LMS' in sms and "UCS-2" in sms and "GSM-7" in sms
    assert "김민수 님, 리드웨이 박지은입니다." in sms
    email = (site / "email--value-follow-up.html").read_text(encoding="utf-8")
    assert '<mark class="sev-warning" tabindex="0"' in email and 'data-rule="generic-phrase"' in email
    assert "⚠ warning" in email  # severity by icon and word, not colour alone


def test_preview_for_a_lead(cli, tmp_path):
    lead = tmp_path / "lead.yaml"
    lead.write_text("name: 최유리\ntopic: 콜센터 전환\n", encoding="utf-8")
    proc = cli("preview", REPO / "templates", "--out", tmp_path / "site", "--data", lead)
    assert proc.returncode == 0, proc.err
    assert "최유리 님" in (tmp_path / "site" / "sms--missed-call.html").read_text(encoding="utf-8")


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


def test_serve_rebuilds_on_reload(server):
    project, port, _ = server
    url = f"http://127.0.0.1:{port}/sms--missed-call.html"
    assert "통화가 어려우셔서" in wait_for(url)
    template = project / "templates" / "ko" / "sms" / "missed-call.txt.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("통화가 어려우셔서", "연결이 되지 않아"),
                        encoding="utf-8")
    assert "연결이 되지 않아" in wait_for(url)


def test_serve_on_a_port_in_use(server, cli):
    _, port, _ = server
    proc = cli("preview", REPO / "templates", "--serve", "--port", str(port))
    assert proc.returncode == 2
    assert proc.err.strip() == f"msglint: error: port {port} is in use: pick another with --port"


def test_serve_stops_cleanly_on_ctrl_c(server):
    import signal

    _, _, proc = server
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert "stopped" in proc.stderr.read().decode("utf-8")


@pytest.fixture(scope="module")
def browser():
    # CI installs both (.ci/run); a developer machine without them skips, CI fails.
    missing = pytest.fail if os.environ.get("CI") else pytest.skip
    try:
        from playwright import sync_api
    except ImportError:
        missing("pip install playwright for the browser test")
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


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
    page.goto((site / "email--value-follow-up.html").as_uri())
    assert "Hanbit Trading" in page.locator("#en .card .body").inner_text()
    mark = page.locator('#en mark[data-rule="generic-phrase"]')
    assert mark.is_visible() and mark.inner_text().startswith("Just checking in")
    mark.focus()
    assert page.locator('#en mark[data-rule="generic-phrase"] .tip').is_visible()
    shots = REPO / "tests" / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "preview-email.png"), full_page=True)
    page.close()


def test_browser_sees_a_served_edit(browser, server):
    project, port, _ = server
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/email--graceful-exit.html")
    assert "마지막으로" in page.locator("#ko .card .body").inner_text()
    template = project / "templates" / "ko" / "email" / "graceful-exit.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("이번 메일을 마지막으로", "이번 메일을 끝으로"),
                        encoding="utf-8")
    page.reload()
    assert "이번 메일을 끝으로" in page.locator("#ko .card .body").inner_text()
    page.close()
