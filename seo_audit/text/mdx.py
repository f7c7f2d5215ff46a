"""MDX syntax that is not prose: ESM `import`/`export` lines, JSX components (`<Steps>`,
`<YouTube id="…" />`, fragments) and `{expressions}`, comments `{/* … */}` among them.

Plain Markdown knows none of them either: a capitalised tag that is no HTML element is raw HTML
a browser does not show, and a `{/* … */}` or an ESM line at the start of a line is no
sentence anyone writes. Those are read in every draft ("lite"); bare `{expressions}` only in
MDX ("full"), where `{` always opens one.
"""

from __future__ import annotations

import re
from collections import deque

__all__ = ["mdx_tags"]

# (name, start, end, closing, args)
RawTag = tuple[str, int, int, bool, str]

_ESM_LINE_RE = re.compile(r"(?m)^(?P<name>import|export)(?=[\s{*])[^\n]*")
# In plain Markdown only statements of an unmistakable shape.
_ESM_STRICT_RE = re.compile(
    r"import\s+(?:[\w*{}\s,$]+\s+from\s+)?['\"][^'\"\n]+['\"];?\s*"
    r"|export\s+(?:const|let|var|function|default|async|class)\b.*"
)
_NAME_RE = re.compile(r"[A-Za-z_$][\w$.:-]*")
_MAX_TAG = 5000
# HTML elements, so that `<P>` or `<IMG SRC=…>` in an old draft stays HTML.
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas
    caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em
    embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark menu meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script search section select slot small source span strike strong style sub summary sup
    table tbody td template textarea tfoot th thead time title tr track tt u ul var video
    wbr""".split()
)


def mdx_tags(text: str, full: bool) -> list[RawTag]:
    """MDX's tags in `text`; each scan is linear in the text."""
    found: list[RawTag] = []
    for match in _ESM_LINE_RE.finditer(text):
        end = _esm_end(text, match) if full else match.end()
        if full or _ESM_STRICT_RE.fullmatch(match.group(0)):
            found.append((match.group("name"), match.start(), end, False, text[match.end() : end]))
    position = text.find("<")
    while position != -1:
        tag = _jsx_tag(text, position, full)
        if tag is not None:
            found.append(tag)
            position = text.find("<", tag[2])
        else:
            position = text.find("<", position + 1)
    found.extend(_expressions(text, full))
    return found


_BLANK_LINE_RE = re.compile(r"\n[ \t]*(?:\n|$)")


def _esm_end(text: str, match: re.Match[str]) -> int:
    """An ESM block runs to the next blank line."""
    blank = _BLANK_LINE_RE.search(text, match.end())
    return blank.start() if blank else len(text)


def _jsx_tag(text: str, start: int, full: bool) -> RawTag | None:
    """The JSX tag opening at `start`, or None. It ends at its `>`; a `<` or a blank line
    before that (outside quotes and braces) means it was no tag."""
    i = start + 1
    closing = text.startswith("/", i)
    if closing:
        i += 1
    if text.startswith(">", i):
        return ("", start, i + 1, closing, "") if full else None  # a fragment: <> or </>
    name_match = _NAME_RE.match(text, i)
    if name_match is None or not name_match.group(0)[0].isupper():
        return None
    name = name_match.group(0)
    if not full and name.lower() in HTML_ELEMENTS:
        return None
    i = name_match.end()
    if i < len(text) and text[i] not in " \t\r\n/>":
        return None  # <Foo@example.com> is an e-mail autolink
    limit = min(len(text), start + _MAX_TAG)
    args_start = i
    while i < limit:
        char = text[i]
        if char in "\"'":
            end = text.find(char, i + 1, limit)
            if end == -1 or "\n\n" in text[i:end]:
                return None
            i = end + 1
        elif char == "{":
            end = _balanced(text, i, limit)
            if end == -1:
                return None
            i = end
        elif char == ">":
            self_closing = text[i - 1] == "/"
            args = text[args_start : i - 1 if self_closing else i]
            return name, start, i + 1, closing, args
        elif char == "<" or text.startswith("\n\n", i):
            return None
        else:
            i += 1
    return None


_EXPRESSION_MARK_RE = re.compile(r"[{}\"'`]|/\*")


def _expressions(text: str, full: bool) -> list[RawTag]:
    """`{…}` expressions at the top level of the text (all of them in MDX, only `{/* … */}`
    comments otherwise)."""
    if full:
        return _top_level_braces(text)
    found: list[RawTag] = []
    position = text.find("{/*")
    while position != -1:
        end = _balanced(text, position, min(len(text), position + _MAX_TAG))
        if end == -2:  # no closing brace anywhere after: none of the openings closes
            break
        if end > 0 and text[end - 3 : end] == "*/}":
            found.append(("", position, end, False, text[position + 1 : end - 1]))
            position = text.find("{/*", end)
        else:
            position = text.find("{/*", position + 1)
    return found


def _top_level_braces(text: str) -> list[RawTag]:
    """Every outermost `{…}`, in one pass over the braces, quotes and comments: strings and
    comments inside an expression are skipped, and an opening brace still open _MAX_TAG
    characters later is taken for a literal one."""
    found: list[RawTag] = []
    stack: deque[int] = deque()
    skip_until = 0
    for match in _EXPRESSION_MARK_RE.finditer(text):
        i = match.start()
        if i < skip_until:
            continue
        while stack and i - stack[0] > _MAX_TAG:
            stack.popleft()
        mark = match.group(0)
        if mark == "{":
            stack.append(i)
        elif mark == "}":
            if stack:
                start = stack.pop()
                if not stack:
                    found.append(("", start, i + 1, False, text[start + 1 : i]))
        elif stack:  # a string or a comment inside an expression
            closer = "*/" if mark == "/*" else mark
            end = text.find(closer, i + len(mark), i + _MAX_TAG)
            if end != -1:
                skip_until = end + len(closer)
    return found


def _balanced(text: str, start: int, limit: int) -> int:
    """The end (exclusive) of the `{…}` opening at `start`, strings and comments skipped; -1
    when it does not close before `limit`, -2 when no `}` follows at all."""
    if text.find("}", start, limit) == -1:
        return -2 if text.find("}", start) == -1 else -1
    depth = 0
    i = start
    while i < limit:
        char = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2, limit)
            if end == -1:
                return -1
            i = end + 2
            continue
        if char in "\"'`":
            end = text.find(char, i + 1, limit)
            while end != -1 and text[end - 1] == "\\":
                end = text.find(char, end + 1, limit)
            if end == -1:
                return -1
            i = end + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1
