"""How the keyphrase is used beyond the text: image alts, link anchors, spread over the text."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.links import kind
from seo_audit.page.model import Page
from seo_audit.text.words import cut, folded_words, longest_gap

Outcomes = Iterator[Finding | NotApplicable]


@rule(
    "keyphrase-in-image-alt",
    category="keyphrase",
    severity="info",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_in_image_alt(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Too few (or too many) of the article's images have the keyphrase in their alt text.

    An alt text reflects the topic when it holds at least half of the keyphrase's content
    words (or a synonym's). With up to four images one is enough; with more, between 30 % and
    75 % of them, as Yoast rates it.
    """
    images = [image for image in page.images if image.in_content]
    if not images:
        yield NotApplicable("the article has no images (see images-missing)")
        return
    with_alt = [image for image in images if (image.alt or "").strip()]
    matching = [
        image
        for image in with_alt
        if max(topic.share_in(image.alt or "") for topic in page.topics) >= 0.5
    ]
    total, found = len(images), len(matching)
    low, high = math.ceil(0.3 * total), math.floor(0.75 * total)
    if not with_alt:
        yield Finding(
            "No image in the article has alt text. Describe them, using the keyphrase "
            "where it fits.",
            line=images[0].line,
            verdict="ok",
        )
    elif found == 0:
        yield Finding(
            "No image's alt text reflects the keyphrase. Use it in the alt text of an "
            "image it really describes.",
            line=with_alt[0].line,
            verdict="ok",
        )
    elif total > 4 and found < low:
        yield Finding(
            f"Only {found} of {total} images have the keyphrase in their alt text; "
            f"aim for {low} or more.",
            line=images[0].line,
            verdict="ok",
        )
    elif total > 4 and found > high:
        yield Finding(
            f"{found} of {total} images repeat the keyphrase in their alt text. Use it "
            "only where it really fits the image.",
            line=matching[-1].line,
            verdict="ok",
        )


@rule(
    "keyphrase-competing-links",
    category="keyphrase",
    severity="warning",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_competing_links(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A link in the article uses the keyphrase as its whole anchor text.

    It tells search engines that another page is about your keyphrase, so the two compete.
    A link competes when its text holds all the keyphrase's content words (or a synonym's) and
    nothing else of substance.
    """
    links = [link for link in page.links if link.in_content and kind(link, "") != "other"]
    own = (page.canonical or "").split("#")[0].split("?")[0].rstrip("/")
    links = [link for link in links if link.href.split("#")[0].split("?")[0].rstrip("/") != own]
    if not links:
        yield NotApplicable("the article has no links")
        return
    for link in links:
        anchor = [w for w in folded_words(link.text) if w not in page.function_words]
        for topic in page.topics:
            target, words = topic.forms, topic.forms_of(anchor)
            if target and target <= words and words <= target:
                yield Finding(
                    f"The link “{cut(link.text.strip(), 60)}” uses your keyphrase as its anchor "
                    "text, so it competes with this page. Reword it.",
                    line=link.line,
                )
                break


@rule(
    "keyphrase-distribution",
    category="keyphrase",
    severity="info",
    weight=1,
    requires_keyphrase=True,
)
def keyphrase_distribution(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The keyphrase is bunched up: long stretches of the text never mention it.

    A sentence carries the topic when it holds all the content words of the keyphrase or a
    synonym (half of them for phrases of four or more words). The longest stretch without the
    topic, as a share of all sentences, should be at most 30 % (over 50 % is very uneven), as
    in Yoast Premium. The finding points at where that stretch begins.
    """
    sentences = page.sentences
    if not sentences:
        yield NotApplicable("the article has no sentences")
        return
    topics = page.topics

    def carries(tokens: list[str]) -> bool:
        for topic in topics:
            words, present = topic.forms, topic.forms_of(tokens)
            if words and len(words & present) >= (len(words) if len(words) < 4 else len(words) / 2):
                return True
        return False

    flags = [carries(sentence.tokens) for sentence in sentences]
    if not any(flags):
        yield Finding(
            "No sentence uses the keyphrase. Use it where the article talks about its topic.",
            line=sentences[0].line,
        )
        return
    if len(sentences) < 15:
        return
    start, longest = longest_gap(flags)
    share = 100 * longest / len(sentences)
    if share > 30:
        yield Finding(
            f"{longest} sentences in a row ({share:.0f}% of the text) never mention the topic. "
            "Spread the keyphrase or its synonyms more evenly.",
            line=sentences[start].line,
            verdict="ok" if share <= 50 else "bad",
        )
