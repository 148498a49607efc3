"""Split a template file into YAML front matter and Jinja body, keeping source lines.

The YAML is read with PyYAML's SafeLoader only. We compose the node tree ourselves so every key
keeps the line it was written on: a marketer told "line 7: max_length must be a number" finds
the mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from msglint.support import safe_yaml
from msglint import i18n
from msglint.i18n import _

FENCE = "---"


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int = 1, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class Document:
    meta: dict
    body: str
    body_line: int  # 1-based line in the file where the body starts
    lines: dict = field(default_factory=dict)  # key path tuple -> (line, column), 1-based

    def where(self, *path) -> tuple[int, int]:
        return where(self.lines, *path)


def split(text: str) -> Document:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            _("no front matter: a template starts with a '---' line, its YAML metadata, and a closing '---' line")
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            meta, positions = _parse(yaml_text, first_line=2)
            return Document(meta=meta, body=body, body_line=index + 2, lines=positions)
    raise FrontMatterError(_("front matter is not closed: add a '---' line after the YAML metadata"))


def _parse(yaml_text: str, first_line: int) -> tuple[dict, dict]:
    loader = None
    try:
        node, loader = safe_yaml.compose(yaml_text)
        if node is None:
            return {}, {}
        data = loader.construct_document(node)
    except safe_yaml.YamlLimitError as exc:
        raise FrontMatterError(_("front matter refused: {reason}", reason=exc.args[0] if exc.args else ""), first_line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise FrontMatterError(_("front matter is not valid YAML: {problem}", problem=i18n.library(problem)), line,
                               column) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(_("front matter is not valid YAML: {problem}", problem=str(exc)), first_line) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise FrontMatterError(_("front matter must be a mapping of keys (channel:, stage:, ...)"), first_line)
    positions: dict = {}
    _walk(node, (), positions, first_line)
    return data, positions


def where(lines: dict, *path) -> tuple[int, int]:
    """Line and column of a key path in a YAML document, falling back to its nearest parent."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return (1, 1)


def _walk(node, path, positions, first_line):
    positions[path] = (node.start_mark.line + first_line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            positions[path + (key,)] = (key_node.start_mark.line + first_line, key_node.start_mark.column + 1)
            _walk_value(value_node, path + (key,), positions, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), positions, first_line)


def _walk_value(node, path, positions, first_line):
    # The key's own line wins for the path itself; children record theirs.
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        saved = positions[path]
        _walk(node, path, positions, first_line)
        positions[path] = saved
        positions[path + ("<value>",)] = (node.start_mark.line + first_line, node.start_mark.column + 1)
    else:
        positions[path + ("<value>",)] = (node.start_mark.line + first_line, node.start_mark.column + 1)
