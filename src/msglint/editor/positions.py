"""Places in a document as msglint counts them (1-based line and column in code points) and as
an editor counts them (0-based line and character in UTF-16 code units, LSP's default): a Korean
syllable is one of each, an emoji one code point and two UTF-16 units."""

from __future__ import annotations

import bisect
import re


class Lines:
    """A document's text with the offset where each line starts."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, number: int) -> str:
        """Line ``number`` (0-based) without its line break."""
        if not 0 <= number < len(self.starts):
            return ""
        end = self.starts[number + 1] - 1 if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number]:end].rstrip("\r")

    def character(self, line: int, column: int) -> int:
        """UTF-16 position of code-point ``column`` (0-based) on ``line`` (0-based)."""
        return utf16_length(self.line(line)[:column])

    def column(self, line: int, character: int) -> int:
        """Code-point column of UTF-16 position ``character`` on ``line``."""
        text, units = self.line(line), 0
        for index, char in enumerate(text):
            if units >= character:
                return index
            units += 2 if ord(char) > 0xFFFF else 1
        return len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, UTF-16 character) of a code-point offset into the text."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self.character(line, offset - self.starts[line])

    def offset(self, line: int, character: int) -> int:
        return self.starts[min(line, len(self.starts) - 1)] + self.column(line, character)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def finding_range(lines: Lines, finding) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where a finding is, as ((line, character), (line, character)): from its column over its
    excerpt when the excerpt is what stands there, else to the end of the line; a finding about
    the whole file (no line) marks the first line."""
    line = max((finding.line or 1) - 1, 0)
    column = max((finding.column or 1) - 1, 0)
    text = lines.line(line)
    excerpt = finding.excerpt or ""
    if excerpt and text[column:column + len(excerpt)] == excerpt:
        end = column + len(excerpt)
    elif finding.line is None:
        column, end = 0, len(text)
    else:
        end = len(text) if column < len(text) else column
    return (line, lines.character(line, column)), (line, lines.character(line, end))
