"""KakaoTalk buttons declared in a template's front matter.

```yaml
buttons:
  - {name: 상담 예약하기, type: WL, url: "https://leadway.example/booking"}
```

A button's name is fixed text (Kakao allows no variable in it); its link may carry variables.
How many buttons and how long a name may be are rules (rules/channels.yaml), not code.
"""

from __future__ import annotations

from dataclasses import dataclass

from msglint.i18n import _
from msglint.support.spelling import did_you_mean

# Kakao's button types (NHN Cloud 알림톡 API v2.3 `buttons[].type`): web link, app link, delivery
# search, bot keyword, message delivery, consultation talk, bot, channel add, business form, call,
# and the three plugins.
TYPES = ("WL", "AL", "DS", "BK", "MD", "BC", "BT", "AC", "BF", "TN", "P1", "P2", "P3")
# Types that open a link, and so need one.
LINKED = ("WL",)
KEYS = ("name", "type", "url")


@dataclass(frozen=True)
class Button:
    name: str
    type: str = "WL"
    url: str | None = None


def read_buttons(raw, channel, problem) -> tuple:
    """The buttons of ``raw`` (the front matter's ``buttons:``); ``problem(message, key)`` reports."""
    if raw is None:
        return ()
    if channel is not None and not channel.buttons:
        problem(_("a {channel} message has no buttons: remove 'buttons'", channel=channel.name), ("buttons",))
        return ()
    if not isinstance(raw, list):
        problem(_("'buttons' must be a list such as [{{name: 상담 예약하기, type: WL, url: https://…}}]"),
                ("buttons", "<value>"))
        return ()
    out = []
    for index, spec in enumerate(raw):
        key = ("buttons", index)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not spec["name"].strip():
            problem(_("button {number} needs a 'name' (the text on the button)", number=index + 1), key)
            continue
        unknown = [k for k in spec if k not in KEYS]
        for name in unknown:
            problem(_("button {number}: unknown key '{key}'{hint}; known: {keys}", number=index + 1, key=name,
                      hint=did_you_mean(str(name), KEYS), keys=", ".join(KEYS)), key)
        kind = spec.get("type", "WL")
        if kind not in TYPES:
            problem(_("button {number}: type '{type}' is not one of {types}{hint}", number=index + 1, type=kind,
                      types=", ".join(TYPES), hint=did_you_mean(str(kind), TYPES)), key)
            continue
        if "{{" in spec["name"] or "#{" in spec["name"]:
            problem(_("button {number}: a button's name is fixed text; Kakao allows no variable in it",
                      number=index + 1), key)
        url = spec.get("url")
        if kind in LINKED and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            problem(_("button {number}: a {type} button needs a 'url' starting with https://", number=index + 1,
                      type=kind), key)
        out.append(Button(spec["name"], kind, url if isinstance(url, str) else None))
    return tuple(out)
