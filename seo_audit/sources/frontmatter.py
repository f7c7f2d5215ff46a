"""Front matter as static-site generators write it: YAML between `---` lines (Jekyll, Hugo,
Astro, Docusaurus, Eleventy…), TOML between `+++` lines (Hugo, Zola) and a JSON object at the
top (Hugo). Each top-level key (and the keys of tables inside, to three levels) keeps the line
it is on, so a finding about a declared field points at it.

Front matter that does not parse is the page's error, naming the file and the line: read as
text it would become the article's first paragraph and every figure would be wrong.
YAML aliases are refused (nine levels of them in 400 bytes expand to billions of strings) and
nesting is capped for every format.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import yaml

from seo_audit.errors import InputError
from seo_audit.sources.document import TooDeep, freeze

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["MAX_DEPTH", "Draft", "split_front_matter"]

MAX_DEPTH = 50
_KEY_LINE_DEPTH = 3
FrontMatterFormat = Literal["yaml", "toml", "json", "none"]

# A fence line, after any blank lines Hugo tolerates before it. YAML may also end with "...".
_YAML_RE = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML_RE = re.compile(r"\+\+\+[ \t]*\r?\n(.*?\r?\n)?\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
_LEADING_BLANK_RE = re.compile(r"(?:[ \t]*\r?\n)*")
# A YAML key line: what tells front matter after blank lines from a thematic break.
_YAML_KEY_RE = re.compile(r"\s*(?:#.*\n\s*)*[\"']?[\w$@.-]+[\"']?[ \t]*:")
_KEY_LINE_RE = re.compile(r"[\"']?[\w$@.-]+[\"']?[ \t]*:[ \t]")
_TOML_KEY_RE = re.compile(
    r"^[ \t]*(?:\[\[?(?P<table>[^\[\]\n]+)\]\]?|(?P<key>[\w\"'.-][\w\"'. -]*?)[ \t]*=)", re.M
)


@dataclass(frozen=True)
class Draft:
    front_matter: Mapping[str, Any]
    body: str
    body_offset: int  # lines before the body (front matter), to add to body line numbers
    format: FrontMatterFormat = "none"
    # Key path ("title", "seo.title") -> line in the file, 1-based.
    key_lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


class _Refused(yaml.YAMLError):
    """YAML that is valid but that front matter does not accept (aliases, deep nesting)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with bounded nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("uses a YAML alias (*name); aliases are not allowed", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise _Refused(f"is nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def split_front_matter(path: str, text: str) -> Draft:
    lead = _LEADING_BLANK_RE.match(text)
    start = lead.end() if lead else 0
    first_line = text.count("\n", 0, start) + 2  # the line after the opening fence
    if (match := _YAML_RE.match(text, start)) and (start == 0 or _looks_like_yaml(match)):
        data, lines = _yaml(path, match.group(1) or "", first_line)
        fmt: FrontMatterFormat = "yaml"
    elif match := _TOML_RE.match(text, start):
        data, lines = _toml(path, match.group(1) or "", first_line)
        fmt = "toml"
    elif text.startswith("{", start) and re.match(r"\{\s*[\"}]", text[start : start + 200]):
        data, end, lines = _json(path, text, start)
        newline = text.find("\n", end)
        return _draft(path, data, text, len(text) if newline == -1 else newline + 1, "json", lines)
    else:
        _check_unclosed(path, text, start, first_line)
        return Draft(MappingProxyType({}), text, 0)
    return _draft(path, data, text, match.end(), fmt, lines)


def _check_unclosed(path: str, text: str, start: int, first_line: int) -> None:
    """A front matter opened and never closed would be read as the article's text."""
    opening = text[start : start + 4]
    rest = text[text.find("\n", start) + 1 :] if "\n" in text[start:] else ""
    if opening.startswith("+++") or (opening.startswith("---") and _KEY_LINE_RE.match(rest)):
        fence = opening[:3]
        raise InputError(
            path, f"front matter opened with {fence} at line {first_line - 1} is never closed"
        )


def _looks_like_yaml(match: re.Match[str]) -> bool:
    """After blank lines, `---` may be a thematic break; front matter starts with a key."""
    return bool(_YAML_KEY_RE.match(match.group(1) or ""))


def _draft(
    path: str, data: Any, text: str, end: int, fmt: FrontMatterFormat, lines: dict[str, int]
) -> Draft:
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise InputError(path, "front matter must be a mapping of keys to values")
    try:
        frozen = freeze(data, MAX_DEPTH)
    except TooDeep:
        raise InputError(
            path, f"front matter is nested more than {MAX_DEPTH} levels deep"
        ) from None
    offset = text.count("\n", 0, end)
    return Draft(frozen, text[end:], offset, fmt, MappingProxyType(lines))


def _yaml(path: str, source: str, first_line: int) -> tuple[Any, dict[str, int]]:
    loader = _FrontMatterLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as error:
        raise InputError(path, f"front matter{_where(error, first_line)} {error.problem}") from None
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(
            path, f"front matter is not valid YAML{_where(error, first_line)}: {problem}"
        ) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        _yaml_key_lines(node, "", first_line, lines, 1)
    return data, lines


def _yaml_key_lines(
    node: yaml.MappingNode, prefix: str, first_line: int, lines: dict[str, int], depth: int
) -> None:
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        path = f"{prefix}{key.value}"
        lines.setdefault(path, first_line + key.start_mark.line)
        if isinstance(value, yaml.MappingNode) and depth < _KEY_LINE_DEPTH:
            _yaml_key_lines(value, path + ".", first_line, lines, depth + 1)


def _where(error: yaml.YAMLError, first_line: int) -> str:
    mark = getattr(error, "problem_mark", None)
    return f" at line {mark.line + first_line}" if mark is not None else ""


def _toml(path: str, source: str, first_line: int) -> tuple[Any, dict[str, int]]:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        # "Invalid value (at line 3, column 9)": a line of the front matter, not of the file;
        # "(at end of document)": the closing +++.
        problem = str(error)
        where = re.search(r"\s*\(at line (\d+), column \d+\)", problem)
        line = first_line + source.count("\n")
        if where:
            line = int(where.group(1)) + first_line - 1
            problem = problem[: where.start()] + problem[where.end() :]
        problem = re.sub(r"\s*\(at end of document\)", "", problem)
        raise InputError(
            path, f"front matter is not valid TOML at line {line}: {problem}"
        ) from None
    except RecursionError:
        raise InputError(path, "front matter nests arrays or tables too deeply") from None
    except ValueError:  # an integer longer than int() reads
        raise InputError(path, "front matter has a number too long to read") from None
    return data, _toml_key_lines(source, first_line)


def _toml_key_lines(source: str, first_line: int) -> dict[str, int]:
    """Where each key is: `key = …` lines under the `[table]` headers before them. (A line
    inside a multi-line string that looks like one may be taken for a key; the first wins.)"""
    lines: dict[str, int] = {}
    table = ""
    for match in _TOML_KEY_RE.finditer(source):
        line = first_line + source.count("\n", 0, match.start())
        if match.group("table") is not None:
            table = _toml_path(match.group("table"))
            lines.setdefault(table, line)
            continue
        key = _toml_path(match.group("key"))
        lines.setdefault(f"{table}.{key}" if table else key, line)
    return lines


def _toml_path(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))


def _json(path: str, text: str, start: int) -> tuple[Any, int, dict[str, int]]:
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as error:
        raise InputError(
            path, f"front matter is not valid JSON at line {error.lineno}: {error.msg}"
        ) from None
    except RecursionError:
        raise InputError(path, "front matter nests arrays or objects too deeply") from None
    except ValueError:
        raise InputError(path, "front matter has a number too long to read") from None
    lines: dict[str, int] = {}
    if isinstance(data, dict):
        # The first `"key":` of each top-level key: good enough for findings to point at.
        for key in data:
            found = re.compile(rf"{re.escape(json.dumps(key))}\s*:").search(text, start, end)
            if found:
                lines[str(key)] = text.count("\n", 0, found.start()) + 1
    return data, end, lines
