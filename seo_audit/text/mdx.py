"""MDX syntax that is not prose: ESM `import`/`export` lines, JSX components (`<Steps>`,
`<YouTube id="…" />`, fragments) and `{expressions}`, comments `{/* … */}` among them.

Plain Markdown knows none of them either: a capitalised tag that is no HTML element is raw HTML
a browser does not show, and a `{/* … */}` or an ESM line at the start of a line is no
sentence anyone writes. Those are read in every draft ("lite"); bare `{expressions}` only in
MDX ("full"), where `{` always opens one.
"""

from __future__ import annotations

import re

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
    opening = "{" if full else "{/*"
    position = text.find(opening)
    while position != -1:
        end = _balanced(text, position)
        if end != -1 and (full or text[end - 3 : end] == "*/}"):
            found.append(("", position, end, False, text[position + 1 : end - 1]))
            position = text.find(opening, end)
        else:
            position = text.find(opening, position + 1)
    return found


def _esm_end(text: str, match: re.Match[str]) -> int:
    """An ESM block runs to the next blank line."""
    blank = re.compile(r"\n[ \t]*(?:\n|$)").search(text, match.end())
    return blank.start() if blank else len(text)


def _jsx_tag(text: str, start: int, full: bool) -> RawTag | None:
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
            end = text.find(char, i + 1)
            if end == -1:
                return None
            i = end + 1
        elif char == "{":
            end = _balanced(text, i)
            if end == -1:
                return None
            i = end
        elif char == ">":
            self_closing = text[i - 1] == "/"
            args = text[args_start : i - 1 if self_closing else i]
            return name, start, i + 1, closing, args
        else:
            i += 1
    return None


def _balanced(text: str, start: int) -> int:
    """The end (exclusive) of the `{…}` opening at `start`, strings and comments skipped; -1
    when it does not close within _MAX_TAG characters."""
    depth = 0
    i = start
    limit = min(len(text), start + _MAX_TAG)
    while i < limit:
        char = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end == -1:
                return -1
            i = end + 2
            continue
        if char in "\"'`":
            end = text.find(char, i + 1)
            while end != -1 and text[end - 1] == "\\":
                end = text.find(char, end + 1)
            if end == -1 or end >= limit:
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
