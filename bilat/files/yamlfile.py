"""YAML read safely and literally, for ``datafile``: aliases, anchors and duplicate keys are errors,
nesting is bounded, and a plain scalar is a string unless it is ``true``/``false``, ``null`` or a plain
decimal number."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bilat.errors import DataError, Problem
from bilat.files.datafile import MAX_DEPTH, Path_, dotted, whole_number

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")


class _StrictComposer(yaml.SafeLoader):
    """A YAML loader that refuses aliases and anchors instead of expanding them, and nesting deeper
    than ``MAX_DEPTH``."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self.depth += 1
        try:
            return self._compose_checked(parent, index)
        finally:
            self.depth -= 1

    def _compose_checked(self, parent: Node | None, index: Any) -> Node | None:
        if self.depth > MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, f"nested more than {MAX_DEPTH} levels deep; bilat data never is", event.start_mark
            )
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None,
                None,
                "aliases (*name) are not allowed; repeat the value instead",
                event.start_mark,
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(None, None, "anchors (&name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def yaml_data(name: str, text: str) -> tuple[Any, dict[Path_, int]]:
    """The data of a YAML text, and the line of every field path in it."""
    loader: _StrictComposer | None = None
    try:
        loader = _StrictComposer(text)  # reading starts here: a control character is refused
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise DataError([Problem(name, line, "", f"YAML syntax: {error.problem or error}")]) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise DataError([Problem(name, None, "", f"YAML cannot be read: {error}")]) from None
    except ValueError:  # PyYAML's scanner turning an escape such as \U00110000 into a character
        line = loader.get_mark().line + 1 if loader else None
        raise DataError(
            [Problem(name, line, "", "YAML syntax: an escape names no character; write the character itself")]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return {}, {}
    lines: dict[Path_, int] = {}
    return _python(name, root, (), lines), lines


def _python(name: str, node: Node, where: Path_, lines: dict[Path_, int]) -> Any:
    lines[where] = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _python(name, key_node, where, {})
            if not isinstance(key, str):
                raise DataError(
                    [
                        Problem(
                            name,
                            key_node.start_mark.line + 1,
                            dotted(where),
                            f"key {key!r} must be text",
                        )
                    ]
                )
            if key in result:
                raise DataError(
                    [
                        Problem(
                            name,
                            key_node.start_mark.line + 1,
                            dotted((*where, key)),
                            "duplicate key; each key may appear once",
                        )
                    ]
                )
            result[key] = _python(name, value_node, (*where, key), lines)
        return result
    if isinstance(node, SequenceNode):
        return [_python(name, item, (*where, i), lines) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    return _scalar(node)


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return value
    if value in ("true", "false"):
        return value == "true"
    if value in ("", "~", "null"):
        return None
    if _INT.fullmatch(value):
        return whole_number(value)
    if _FLOAT.fullmatch(value):
        return float(value) if "." in value else int(value)
    return value
