"""The text a reader sees in an HTML email: what the checks read, and the plain-text alternative.

Block elements end lines, ``<br>`` breaks one, list items become "- " lines, a link keeps its
words and shows its address after them, and what is never shown (``<head>``, ``<style>``,
``<script>``) is dropped. Whitespace collapses as a browser collapses it. Characters outside the
markup pass through untouched, so the renderer's source-map anchors (private-use characters in
the text) survive and findings still land on the template line that wrote the words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "blockquote", "section",
          "article", "header", "footer", "hr", "pre", "address", "center"}
HIDDEN = {"head", "style", "script", "title", "template"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0
        self.pre = 0
        self.links: list[str | None] = []

    def _newline(self, count: int = 1):
        self.out.append("\n" * count)

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._newline()
        elif tag == "li":
            self._newline()
            self.out.append("- ")
        elif tag in BLOCKS:
            self._newline(2 if tag in ("p", "table", "ul", "ol", "blockquote") else 1)
            self.pre += tag == "pre"
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
        elif tag in ("td", "th"):
            self.out.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img") and tag not in HIDDEN:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self._newline(2 if tag in ("p", "table", "ul", "ol", "blockquote") else 1)
            self.pre -= tag == "pre" and self.pre > 0
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and re.match(r"(?i)https?://|mailto:", href) and href not in self._tail():
                self.out.append(f" ({href.removeprefix('mailto:')})")

    def _tail(self) -> str:
        return "".join(self.out[-3:])

    def handle_data(self, data):
        if self.hidden:
            return
        self.out.append(data if self.pre else re.sub(r"[ \t\r\n\f]+", " ", data))


# A source-map anchor (see msglint.render.sourcemap): it marks where a template line's output starts.
_ANCHORS = re.compile("((?:\ue000\\d+\ue001)+)([ \n]+)")


def html_to_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.out)
    # An anchor written before "<p>" belongs to the words after the paragraph's line breaks.
    text = _ANCHORS.sub(r"\2\1", text)
    lines = [line.strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def is_html(path_name: str) -> bool:
    """Whether a template file writes HTML: ``offer.html.j2``, ``offer.htm.j2``."""
    return path_name.lower().endswith((".html.j2", ".htm.j2"))
