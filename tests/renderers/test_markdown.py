"""The Markdown renderer writes the content's inline markup as Markdown's own, and plain words where Markdown is
not read as Markdown (front matter, alt text)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.model.inline import Span, Style, plain, spans
from decks.renderers.markdown import marked, write_post


def commonmark_spans(markdown: str) -> tuple[Span, ...]:
    """The styled runs CommonMark (markdown-it-py) reads in one line of Markdown, neighbours of a style joined."""
    from markdown_it import MarkdownIt

    out: list[Span] = []
    style = Style.PLAIN
    for tok in MarkdownIt("commonmark").parseInline(markdown)[0].children or []:
        if tok.type in ("strong_open", "strong_close"):
            style ^= Style.BOLD
        elif tok.type in ("em_open", "em_close"):
            style ^= Style.ITALIC
        elif tok.type in ("text", "code_inline", "softbreak"):
            text, here = ("\n" if tok.type == "softbreak" else tok.content), style
            if tok.type == "code_inline":
                here = Style.CODE
            if out and out[-1].style == here:
                out[-1] = Span(out[-1].text + text, here)
            elif text:
                out.append(Span(text, here))
    return tuple(out)


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.sampled_from("ab *_`\\中 -#[]"), max_size=30)
    | st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20)
)
def test_marked_text_is_written_as_markdown_commonmark_reads_as_the_same_styled_runs(text: str) -> None:
    text = " ".join(text.split())  # one line, as a heading or a list item holds
    read = commonmark_spans(marked(text))
    # The same runs; or, for the rare runs CommonMark's flanking rules cannot say (about 1 in 20,000 strings of
    # marks, punctuation and code), the same words unstyled, never a stray mark.
    assert read == spans(text) or read == ((Span(plain(text), Style.PLAIN),) if plain(text) else ())


def test_a_post_keeps_markup_in_headings_and_lists_and_plain_words_in_front_matter() -> None:
    recap = Recap.model_validate(
        {
            "title": "Recap of **PyCon**",
            "event": {"name": "PyCon US"},
            "parts": [{"title": "Day _one_", "items": [{"title": "`uv` **fast**", "takeaways": ["use `uv lock`"]}]}],
        }
    )
    post = write_post(recap)
    front, body = post.split("\n---\n", 1)
    assert "title: Recap of PyCon" in front and "*" not in front
    assert "[![Recap of PyCon (PyCon US)]" in body
    assert "# Day *one*" in body
    assert "## `uv` **fast**" in body
    assert "- use `uv lock`" in body
