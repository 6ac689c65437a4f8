"""Article text in the chat's Markdown shows as written: nothing becomes markup, no stray backslash."""

import html

from markdown_it import MarkdownIt

from bot.web.render import md_escape


def rendered(text: str) -> str:
    return MarkdownIt("commonmark").render(md_escape(text))


def test_article_text_renders_as_itself():
    for text in ["6.3 million pounds", "12) the second", "# not a heading", "- not a list", "2012 was dry",
                 "a *star* and _under_ [1] `code` $5 | pipe", "<script>alert(1)</script>"]:
        out = rendered(text)
        assert out.startswith("<p>") and html.unescape(out.removeprefix("<p>").removesuffix("</p>\n")) == text, out
