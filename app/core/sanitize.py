"""Remote HTML made safe to display: a small allow-list, applied with nh3 (ammonia).

What survives is text structure and links. No images, styles, scripts, frames or forms: a
mention's HTML can never load anything from the network or run anything when it is shown, and a
link is only a link until the owner clicks it. Mastodon's hidden URL parts
(`<span class="invisible">`) lose their class, so links read whole.
"""

from __future__ import annotations

import nh3

MAX_HTML_CHARS = 200_000

_TAGS = {"a", "b", "blockquote", "br", "code", "del", "em", "i", "li", "ol", "p", "pre", "s",
         "span", "strong", "u", "ul"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


# Built once: making the sanitizer from these sets costs more than cleaning a typical post.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style", "template", "iframe", "object", "noscript",
                        "textarea", "title", "svg", "math"},
    attributes=_ATTRIBUTES,
    url_schemes=_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    if not html:
        return ""
    return _CLEANER.clean(html[:MAX_HTML_CHARS])
