"""YAML for every file msglint reads (front matter, rules, config, lead lists): safe and bounded.

PyYAML's safe loader never runs code, but it follows aliases: nine anchors of nine aliases each
("billion laughs") compose in microseconds and then expand into a billion values in whatever walks
the result. Aliases are fine for sharing a list or two, so rather than refusing them we measure
what they expand to before anything is built, and refuse a document whose aliases add more than
:data:`MAX_ALIAS_VALUES` values. Deep nesting (``[[[[…``) is refused the same way.
"""

from __future__ import annotations

import yaml

from msglint.i18n import _

# libyaml's parser when PyYAML was built with it: the same safe subset, several times faster.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Values that aliases may add to a document beyond those written out.
MAX_ALIAS_VALUES = 10_000
#: Deepest nesting of lists and mappings.
MAX_DEPTH = 64


class YamlLimitError(yaml.YAMLError):
    """A document refused for its size once aliases are expanded, or for its depth."""


def compose(text: str):
    """The node tree of a single-document YAML text (``None`` when empty), checked for size."""
    loader = Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlLimitError(_("nested more than {depth} levels deep", depth=MAX_DEPTH)) from None
        if node is not None:
            check(node)
        return node, loader
    except BaseException:
        loader.dispose()
        raise


def construct(node, loader):
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str):
    """Like ``yaml.safe_load``, with the limits above."""
    node, loader = compose(text)
    if node is None:
        loader.dispose()
        return None
    return construct(node, loader)


def check(root) -> None:
    """Raise YamlLimitError if aliases expand ``root`` too far or it nests too deep."""
    expanded: dict[int, int] = {}
    unique: set[int] = set()
    # Iterative post-order walk: a deep document must not overflow Python's stack here either.
    stack = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            expanded[key] = 1 + sum(expanded[id(child)] for child in _children(node))
            continue
        if key in expanded:
            continue
        if key in unique:  # met again before it was finished: it contains itself
            raise YamlLimitError(_("an alias refers to the value that contains it (a loop)"))
        if depth > MAX_DEPTH:
            raise YamlLimitError(_("nested more than {depth} levels deep", depth=MAX_DEPTH))
        unique.add(key)
        if isinstance(node, yaml.MappingNode):
            _no_duplicate_keys(node)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) not in expanded:
                stack.append((child, depth + 1, False))
    extra = expanded[id(root)] - len(unique)
    if extra > MAX_ALIAS_VALUES:
        raise YamlLimitError(
            _("its aliases (*name) expand to {total} values, {extra} more than written (the limit is {limit}); "
              "write the values out or use fewer aliases", total=f"{expanded[id(root)]:,}", extra=f"{extra:,}",
              limit=f"{MAX_ALIAS_VALUES:,}"))


def _no_duplicate_keys(node) -> None:
    """YAML keeps the last of two equal keys without a word: "channel: sms" then "channel: email"
    would lint as an email. A duplicate is an error naming its line."""
    seen = set()
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value != "<<":
            if key.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, str(_("'{key}' is written twice in one mapping; YAML would keep only the last: keep one",
                                      key=key.value)), key.start_mark)
            seen.add(key.value)


def _children(node):
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value
