"""What a sending system receives: plain-text emails as text, HTML emails escaped with a text
alternative, and a standard MIME message from render --format eml."""

import email
import json
from email import policy

from conftest import REPO, write_template

FRONT = """
channel: email
stage: follow-up
purpose: transactional
subject: "{{ topic }} notes for {{ name }}"
variables:
  name: {required: true, role: name}
  topic: {required: true, role: topic}
sample: {name: Priya, topic: CRM rollout}
"""

HTML_BODY = """<html><head><style>p { color: red }</style></head><body>
<p>Hi {{ name }},</p>
<p>Thanks for the call about {{ topic }}. Here is what we agreed:</p>
<ul><li>a pilot for one team</li><li>a review in two weeks</li></ul>
<p>Just checking in on the next step: <a href="https://leadway.example/notes">the notes</a>.</p>
<p>Daniel<br>Leadway</p>
</body></html>
"""


def test_shipped_emails_are_plain_text_files():
    assert not list((REPO / "templates").rglob("*.html.j2"))
    assert len(list((REPO / "templates").glob("*/email/*.txt.j2"))) >= 12


def test_an_html_email_escapes_lead_data_and_the_rules_read_its_text(cli, tmp_path):
    write_template(tmp_path, "en/email/notes.html.j2", FRONT, HTML_BODY)
    write_template(tmp_path, "ko/email/notes.html.j2", FRONT.replace("Priya", "김민수"), HTML_BODY)
    proc = cli("render", "email/notes", "--locale", "en", "--var", "topic=R&D <pipeline>", "--format", "json")
    data = json.loads(proc.out)
    assert "R&amp;D &lt;pipeline&gt;" in data["html"] and "<pipeline>" not in data["html"]
    assert data["body"].startswith("Hi Priya,\n\nThanks for the call about R&D <pipeline>.")
    assert "- a pilot for one team\n- a review in two weeks" in data["body"]
    assert "the notes (https://leadway.example/notes)" in data["body"]
    assert "color: red" not in data["body"] and "<p>" not in data["body"]
    (generic,) = [f for f in data["findings"] if f["rule"] == "generic-phrase"]
    assert generic["line"] == 15  # the template line that wrote the words, through the HTML


def test_eml_is_a_standard_mime_message(cli, tmp_path):
    write_template(tmp_path, "en/email/notes.html.j2", FRONT, HTML_BODY)
    write_template(tmp_path, "ko/email/notes.html.j2", FRONT.replace("Priya", "김민수"), HTML_BODY)
    proc = cli("render", "email/notes", "--locale", "ko", "--var", "email=minsu@example.com", "--format", "eml")
    mail = email.message_from_bytes(proc.stdout, policy=policy.default)
    assert mail["Subject"] == "CRM rollout notes for 김민수" and mail["To"] == "minsu@example.com"
    assert mail.get_content_type() == "multipart/alternative"
    text, html = mail.get_payload()
    assert text.get_content_type() == "text/plain" and text.get_content().startswith("Hi 김민수,")
    assert html.get_content_type() == "text/html" and "<li>a pilot for one team</li>" in html.get_content()


def test_eml_of_a_plain_text_email_and_of_an_sms(cli):
    base = ("render", "--templates", REPO / "templates", "--format", "eml", "--locale", "ko")
    mail = email.message_from_bytes(cli(*base, "email/graceful-exit").stdout, policy=policy.default)
    assert mail.get_content_type() == "text/plain" and "김민수" in mail.get_content()
    proc = cli(*base, "sms/missed-call")
    assert proc.returncode == 2 and "eml writes emails" in proc.err
