"""The import's stages on their own: closing.py finds the closing in a block list, walk.py gives a `WalkedPost`,
and finish.py turns a `WalkedPost` (made here by hand, not by the walk) into the recap dict."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from decks.readers.markdown.closing import closing_blocks, closing_heading
from decks.readers.markdown.drafts import ImageDraft, ItemDraft, PartDraft, WalkedPost
from decks.readers.markdown.finish import finish
from decks.readers.markdown.walk import walk_post


def _blocks(text: str) -> list[SyntaxTreeNode]:
    return SyntaxTreeNode(MarkdownIt("commonmark").parse(text)).children


def _words(block: SyntaxTreeNode) -> str:
    return block.children[0].content if block.children else ""


def test_the_closing_starts_at_the_paragraph_that_thanks_and_its_heading_is_found() -> None:
    blocks = _blocks("# Conf\n\n## Talk\n\nWords.\n\n## Thanks\n\nSome context.\n\nThanks for reading!\n\nBye.\n")
    closing = closing_blocks(blocks, recap_post=False)
    assert [_words(block) for block in closing] == ["Thanks for reading!", "Bye."]
    heading = closing_heading(blocks, closing)
    assert heading is None  # "Some context." stands between the heading and the thank-you
    closing = closing_blocks(_blocks("## Talk\n\nWords.\n\n## Thanks\n\nThank you all.\n"), recap_post=False)
    assert [_words(block) for block in closing] == ["Thank you all."]


def test_a_heading_right_over_the_closing_is_the_closings_own() -> None:
    blocks = _blocks("## Talk\n\nWords.\n\n## まとめ\n\n読んでいただきありがとうございました。\n")
    closing = closing_blocks(blocks, recap_post=False)
    heading = closing_heading(blocks, closing)
    assert heading is not None and _words(heading) == "まとめ"


def test_a_recap_posts_closing_is_what_follows_its_last_rule_whatever_it_says() -> None:
    text = "## Talk\n\nWords.\n\n---\n\nSee you at the next meetup.\n"
    assert closing_blocks(_blocks(text), recap_post=False) == []
    assert [_words(b) for b in closing_blocks(_blocks(text), recap_post=True)] == ["See you at the next meetup."]


def test_a_post_without_headings_is_walked_into_no_items_and_finished_into_one() -> None:
    post = walk_post("Just some words, no headings at all.\n")
    assert post.all_items == [] and post.title is None and post.first_text == "Just some words, no headings at all."
    recap, _ = finish(post, "post.md", None, None)
    assert recap["title"] == "Just some words, no headings at all."
    assert [item["title"] for item in recap["items"]] == [recap["title"]]
    assert [message for _, message in post.warnings] == [
        "the post has no headings; used its first words as the title",
        "the post has no ## sections; made one item from the title",
    ]


def test_finish_attaches_a_picture_outside_any_item_to_the_next_item_or_else_the_last() -> None:
    first, second = ItemDraft(title="First", line=5), ItemDraft(title="Second", line=9)
    post = WalkedPost(
        title="Conf 2025 recap",
        preamble=PartDraft(title="", line=1, items=[first, second]),
        all_items=[first, second],
        orphan_images=[
            ImageDraft(src="early.png", alt="", title="", line=7),
            ImageDraft(src="late.png", alt="", title="", line=20),
        ],
    )
    finish(post, "post.md", None, None)
    assert [image.src for image in first.images] == []
    assert [image.src for image in second.images] == ["early.png", "late.png"]
    assert sorted(line for line, _ in post.warnings if "outside any item" in _) == [7, 20]


def test_finish_tells_the_language_from_the_words_the_walk_read() -> None:
    for words, language in (
        ("这是一个关于机器学习的会议", "zh-CN"),
        ("機械学習のカンファレンスです", "ja"),
        ("Plain words", "en"),
    ):
        item = ItemDraft(title="Talk", line=3)
        post = WalkedPost(title="Recap", preamble=PartDraft(title="", line=1, items=[item]), all_items=[item])
        post.texts.append(words)
        recap, _ = finish(post, "post.md", None, None)
        assert recap["language"] == language, words
