"""Document -> Page: everything a rule reads, built once and never changed.

`from seo_audit.page import Page` is the public name for rule authors."""

from seo_audit.page.model import (
    HEADING_TAGS,
    Author,
    Block,
    Embed,
    FocusKeyphrase,
    Heading,
    Image,
    JsonLdBlock,
    KeyphraseFigures,
    Link,
    Page,
    QAPair,
    Sentence,
    StructuredItem,
)

__all__ = [
    "HEADING_TAGS",
    "Author",
    "Block",
    "Embed",
    "FocusKeyphrase",
    "Heading",
    "Image",
    "JsonLdBlock",
    "KeyphraseFigures",
    "Link",
    "Page",
    "QAPair",
    "Sentence",
    "StructuredItem",
]
