"""Tests for decks/readers/markdown/: `recap import` turns a recap blog post into content YAML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from decks.model import Recap
from decks.readers.markdown import ALT_PLACEHOLDER, ImportResult, import_markdown

POSTS = Path(__file__).resolve().parents[1] / "fixtures" / "posts"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_7e3590232348d87d.txt"


# -- helpers: an independent reading of the post, to check the import against --------------------------------


def _tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out


def _link_urls(text: str) -> list[str]:
    return [str(t.attrs["href"]) for t in _walk(_tokens(text)) if t.type == "link_open"]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"\*{2,}", "", text).split())


def _list_item_texts(text: str) -> list[str]:
    """The words of each bullet (its own paragraphs, not its sub-bullets), formatting stripped."""
    tokens = _tokens(text)
    texts = []
    for index, token in enumerate(tokens):
        if token.type != "list_item_open":
            continue
        depth, pieces = 0, []
        for inner in tokens[index + 1 :]:
            if inner.type in ("bullet_list_open", "ordered_list_open", "list_item_close") and depth == 0:
                break
            depth += inner.nesting if inner.type.startswith(("bullet_list", "ordered_list")) else 0
            if inner.type == "inline" and depth == 0:
                pieces += [c.content for c in inner.children or [] if c.type in ("text", "code_inline")]
        texts.append(_plain("".join(pieces)))
    return texts


class _HtmlWords(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.append(data)

    def handle_comment(self, data: str) -> None:
        self.words.append(data)


def _source_words(text: str) -> set[str]:
    """Every word a reader of the post sees, HTML included."""
    pieces = []
    for token in _walk(_tokens(text)):
        if token.type in ("text", "code_inline", "fence", "code_block"):
            pieces.append(token.content.replace("*", " "))
        elif token.type in ("html_block", "html_inline"):
            parser = _HtmlWords()
            parser.feed(token.content)
            pieces += parser.words
    return set(re.findall(r"\w+", " ".join(pieces)))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _all_text(result: ImportResult) -> str:
    return " ".join(" ".join(_strings(yaml.safe_load(result.yaml_text))).split())


def _recap(result: ImportResult) -> Recap:
    return Recap.model_validate(yaml.safe_load(result.yaml_text))


def _import(name: str) -> ImportResult:
    path = POSTS / name
    return import_markdown(path.read_text(encoding="utf-8"), source_name=name, base_dir=path.parent)


def _item(recap: Recap, title: str) -> Any:
    return next(item for item in recap.all_items if item.title == title)


def _warned(result: ImportResult, *words: str) -> list[str]:
    return [w for w in result.warnings if all(word in w for word in words)]


# -- the seed post ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed post not found at {SEED} (it lives outside the repo, in /work/shared/seed)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_result(seed: str) -> ImportResult:
    return import_markdown(seed, source_name="seed.md", base_dir=SEED.parent)


def test_seed_imports_every_section_and_bold_heading_as_an_item(seed_result: ImportResult) -> None:
    recap = _recap(seed_result)
    day_one = [
        "张量流 2.0 Alpha",
        "TensorFlow Lite",
        "张量流数据集",
        "TensorFlow 的 Swift",
        "张量流扩展(TFX)",
        "TensorFlow.js 1.0",
        "新的学习资源",
        "其他公告",
    ]
    day_two = ["TensorFlow On-Device:压缩、量化和分发", "研究与未来会谈", "全球文档冲刺规划"]
    assert [item.title for item in recap.all_items] == day_one + day_two
    parts = {part.title: [item.title for item in part.items] for part in recap.parts}
    assert parts["第一天"] == day_one
    assert parts["第二天"] == day_two


def test_seed_gets_title_language_source_and_day_intros(seed_result: ImportResult) -> None:
    recap = _recap(seed_result)
    assert recap.title == "2019 年 TensorFlow 发展峰会的收获"
    assert recap.event is not None and recap.event.name == recap.title
    assert recap.language == "zh-CN"
    assert recap.source is not None and recap.source.kind == "blog"
    assert recap.source.url.startswith("https://medium.com/google-developer-experts/learnings-from-tensorflow")
    intros = {part.title: part.intro for part in recap.parts}
    assert intros["第二天"] == "在峰会的第二天，我又参加了几次会谈。"
    assert "谷歌开发者专家" in (intros["第 0 天"] or "")


def test_seed_keeps_every_link_url(seed: str, seed_result: ImportResult) -> None:
    urls = _link_urls(seed)
    assert len(urls) > 30
    missing = [url for url in urls if url not in seed_result.yaml_text]
    assert missing == []


def test_seed_keeps_every_bullet(seed: str, seed_result: ImportResult) -> None:
    bullets = _list_item_texts(seed)
    recap = _recap(seed_result)
    kept = [t.text for item in recap.all_items for t in item.takeaways]
    kept += [p for item in recap.all_items for t in item.takeaways for p in t.points]
    assert len(kept) == len(bullets) == 24
    text = _all_text(seed_result)
    assert [b for b in bullets if b not in text] == []


def test_seed_link_line_labels_set_the_link_kind_in_chinese(seed_result: ImportResult) -> None:
    recap = _recap(seed_result)
    links = {link.label: link.kind for link in _item(recap, "张量流 2.0 Alpha").links}
    assert links == {"视频链接": "video", "文档链接": "docs"}
    lite = {link.label: link.kind for link in _item(recap, "TensorFlow Lite").links}
    assert lite["链接路线图"] == "docs"
    swift = {link.label: link.kind for link in _item(recap, "TensorFlow 的 Swift").links}
    assert swift["链接回购"] == "repo"
    # A label that is not a kind word falls back to the host (youtu.be).
    tfx = {link.label: link.kind for link in _item(recap, "张量流扩展(TFX)").links}
    assert tfx["培训后工作流程"] == "video"


def test_seed_strips_bold_markers_from_text(seed_result: ImportResult) -> None:
    recap = _recap(seed_result)
    assert "**" not in _all_text(seed_result)
    assert _item(recap, "其他公告").takeaways[0].text.startswith("tensor flow world，为期 4 天的会议")


def test_seed_code_block_goes_to_the_notes(seed_result: ImportResult) -> None:
    notes = _item(_recap(seed_result), "张量流 2.0 Alpha").notes or ""
    assert "pip install -U --pre tensorflow" in notes


def test_seed_picture_that_is_missing_goes_to_the_first_items_notes(seed_result: ImportResult) -> None:
    first = _recap(seed_result).all_items[0]
    assert first.image is None  # the file is not there, and a content file naming it would not load
    assert "img/94084b1111ac799547fed1388ff11b6c.png" in (first.notes or "")
    assert ALT_PLACEHOLDER in (first.notes or "")
    assert _warned(seed_result, "seed.md:7:", "outside any item")
    assert _warned(seed_result, "seed.md:7:", "no alt text")
    assert _warned(seed_result, "seed.md:7:", "not found")


# -- posts in several languages ----------------------------------------------------------------------------------


def test_english_post_without_days_uses_the_items_shorthand() -> None:
    result = _import("english.md")
    recap = _recap(result)
    assert recap.language == "en"
    assert recap.parts == []
    assert [item.title for item in recap.items] == ["Keynote: the year in Android", "Building with Gemini"]
    assert recap.source is not None and recap.source.url == "https://example.com/blog/devfest-berlin-2023"


def test_english_link_kinds_come_from_labels_then_hosts() -> None:
    keynote = _item(_recap(_import("english.md")), "Keynote: the year in Android")
    kinds = {link.label: link.kind for link in keynote.links}
    assert kinds == {
        "video": "video",
        "slides": "slides",
        "code": "repo",
        "Compose roadmap": "other",
        "GitHub": "repo",
    }


def test_english_item_gets_summary_takeaways_with_points_image_and_notes() -> None:
    result = _import("english.md")
    keynote = _item(_recap(result), "Keynote: the year in Android")
    assert keynote.summary == "Android 15 brings edge-to-edge by default."
    assert keynote.takeaways[1].text == "Credential Manager replaces the old sign-in APIs"
    assert keynote.takeaways[1].points == ["Passkeys work across devices", "Fallback to passwords stays"]
    assert keynote.image is not None and keynote.image.alt == "The keynote stage with a big Android logo"
    assert "Compose roadmap and a sample on GitHub" in (keynote.notes or "")
    # The picture exists next to the post, so only the missing one is reported.
    assert not _warned(result, "stage.png")
    assert _warned(result, "english.md:28:", "gemini-slide.png", "not found")


def test_intro_of_a_post_without_days_goes_to_the_first_item_notes_with_a_warning() -> None:
    result = _import("english.md")
    first = _recap(result).items[0]
    assert (first.notes or "").startswith("I spent two days at DevFest Berlin")
    assert _warned(result, "english.md:5:", "moved to the notes")
    assert "# check: the notes start with the post's introduction" in result.yaml_text


def test_chinese_post_with_days_and_bold_headings() -> None:
    result = _import("chinese.md")
    recap = _recap(result)
    assert recap.language == "zh-CN"
    assert recap.source is not None and recap.source.url == "https://example.cn/posts/io-2023"
    parts = {part.title: [item.title for item in part.items] for part in recap.parts}
    assert parts["第一天"] == ["主题演讲", "安卓开发者主题演讲"]
    # The trailing colon of a bold heading goes; a bold sentence stays a sentence.
    assert parts["第二天"] == ["机器学习工作坊", "Web 开发的未来"]
    assert _item(recap, "Web 开发的未来").summary == "这是我最喜欢的一场会议，收获很大。"


def test_chinese_words_before_a_link_line_give_the_kind() -> None:
    recap = _recap(_import("chinese.md"))
    android = _item(recap, "安卓开发者主题演讲")
    assert [(link.label, link.kind) for link in android.links] == [("上半场", "video"), ("下半场", "video")]
    workshop = {link.label: link.kind for link in _item(recap, "机器学习工作坊").links}
    assert workshop == {"Keras": "other", "仓库": "repo"}


def test_japanese_post_keeps_emoji_as_is_and_guesses_ja() -> None:
    result = _import("japanese_emoji.md")
    recap = _recap(result)
    assert recap.language == "ja"
    assert recap.title == "Google I/O Extended 東京 2023 まとめ 🎉"
    assert [item.title for item in recap.items] == ["🚀 Flutter の新機能", "🤖 生成 AI のこれから"]
    assert "🚀 Flutter の新機能" in result.yaml_text
    assert "\\U" not in result.yaml_text and "\\u" not in result.yaml_text
    kinds = {link.label: link.kind for item in recap.items for link in item.links}
    assert kinds == {"動画": "video", "スライド": "slides", "ブログ": "blog"}


# -- structure that does not fit the model as is --------------------------------------------------------------


def test_three_levels_of_bullets_are_flattened_into_points_with_a_warning() -> None:
    result = _import("nested_lists.md")
    item = _recap(result).items[0]
    assert item.takeaways[0].text == "Layers"
    assert item.takeaways[0].points == ["UI layer", "Composables only", "State hoisting", "Data layer"]
    assert item.takeaways[1].points == ["Fakes over mocks"]
    assert _warned(result, "nested_lists.md:7:", "flattened")


def test_heading_with_no_content_is_an_item_with_just_a_title_and_a_warning() -> None:
    result = _import("empty_headings.md")
    recap = _recap(result)
    opening = _item(recap, "Opening")
    assert (opening.summary, opening.takeaways, opening.links, opening.notes) == (None, [], [], None)
    assert _warned(result, "empty_headings.md:3:", "nothing under it")


def test_heading_with_no_words_gets_a_placeholder_title_and_keeps_its_text() -> None:
    result = _import("empty_headings.md")
    untitled = _recap(result).items[1]
    assert untitled.title.startswith("TODO")
    assert untitled.summary == "Words under a heading with no title."
    assert _warned(result, "empty_headings.md:5:", "empty heading")


def test_duplicated_headings_stay_separate_items_with_a_warning() -> None:
    result = _import("duplicate_headings.md")
    recap = _recap(result)
    assert [item.title for item in recap.items] == ["Q&A", "Demo", "Q&A"]
    assert [item.summary for item in recap.items if item.title == "Q&A"] == [
        "Questions about the first talk.",
        "Questions about the demo.",
    ]
    assert _warned(result, "duplicate_headings.md:11:", "repeats the one on line 3")


def test_html_text_links_and_pictures_are_kept_with_warnings() -> None:
    result = _import("html_fragments.md")
    item = _recap(result).items[0]
    assert "Watch the recording here." in (item.notes or "")
    assert "editor note: remember the sponsors" in (item.notes or "")
    assert item.summary == "Some text with highlighted words and a break."
    assert [link.url for link in item.links] == ["https://www.youtube.com/watch?v=embed1"]
    assert item.image is not None and item.image.alt == "Player poster"
    assert _warned(result, "html_fragments.md:5:", "HTML block")
    assert _warned(result, "html_fragments.md:10:", "inline HTML")


def test_table_becomes_text_rows_in_the_notes_with_a_warning() -> None:
    result = _import("table.md")
    item = _recap(result).items[0]
    assert item.notes == "Time | Talk | Speaker\n09:00 | Keynote | Ada\n10:30 | Testing Compose | Grace"
    assert [link.url for link in item.links] == ["https://example.com/testing"]
    assert _warned(result, "table.md:5:", "table")


def test_code_blocks_go_to_the_notes_as_text_without_a_warning() -> None:
    result = _import("code_block.md")
    item = _recap(result).items[0]
    assert item.summary == "Install it first:"
    notes = item.notes or ""
    assert "pip install --pre example-cli\nexample-cli init    --force" in notes
    assert "indented code also counts" in notes
    assert notes.endswith("It worked on the first try.")
    assert result.warnings == []


def test_odd_post_imports_with_warnings_and_loses_no_text() -> None:
    source = (POSTS / "odd_post.md").read_text(encoding="utf-8")
    result = _import("odd_post.md")
    recap = _recap(result)
    text = _all_text(result)
    assert sorted(word for word in _source_words(source) if word not in text) == []
    assert [link for link in _link_urls(source) if link not in result.yaml_text] == []
    for line, what in [
        (1, "outside any item"),
        (3, "moved to the notes"),
        (7, "empty heading"),
        (9, "nothing under it"),
        (13, "table"),
        (19, "HTML block"),
        (24, "not a full web address"),
        (28, "flattened"),
        (35, "repeats"),
        (37, "not found"),
    ]:
        assert _warned(result, f"odd_post.md:{line}:", what), (line, what)
    extra = _item(recap, "HTML section")
    assert "relative link: /about" in (extra.notes or "")
    assert recap.all_items[-1].image is None  # neither file exists beside the post
    assert "Picture: img/b.png (second)" in (recap.all_items[-1].notes or "")
    assert "Picture: img/a.png (first)" in (recap.all_items[-1].notes or "")


def test_post_without_sections_makes_one_item_from_the_title() -> None:
    result = import_markdown("# Just a title\n\nA short line.\n\nA second paragraph.\n")
    recap = _recap(result)
    assert [(item.title, item.summary, item.notes) for item in recap.items] == [
        ("Just a title", "A short line.", "A second paragraph.")
    ]
    assert _warned(result, "post.md:1:", "no ## sections")


def test_day_without_items_is_kept_as_a_part_with_its_intro_and_a_warning() -> None:
    result = import_markdown("# Recap\n\n# Day 0\n\nDinner.\n\n# Day 1\n\n## Talk\n\nGood.\n")
    recap = _recap(result)
    assert [(part.title, part.intro) for part in recap.parts] == [("Day 0", "Dinner."), ("Day 1", None)]
    assert _warned(result, "post.md:3:", "no items")


def test_original_post_line_in_english_becomes_the_source() -> None:
    result = import_markdown("# R\n\nOriginal: https://blog.example.com/r\n\n## A\n")
    recap = _recap(result)
    assert recap.source is not None
    assert (recap.source.url, recap.source.kind) == ("https://blog.example.com/r", "blog")


def test_links_outside_any_item_become_resources() -> None:
    result = import_markdown("# R\n\nSee [the site](https://event.example.com).\n\n# Day\n\n## A\n")
    recap = _recap(result)
    assert [(link.url, link.label) for link in recap.resources] == [("https://event.example.com", "the site")]


# -- the YAML itself --------------------------------------------------------------------------------------------


def test_yaml_keys_follow_the_model_order_and_use_block_style() -> None:
    result = _import("english.md")
    top = [line.split(":")[0] for line in result.yaml_text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert top == ["schema_version", "title", "language", "event", "source", "items"]
    assert result.yaml_text.count("{") == 0
    item_keys = list(yaml.safe_load(result.yaml_text)["items"][0])
    assert item_keys == ["title", "summary", "takeaways", "links", "image", "notes"]


def test_yaml_has_comments_where_the_user_should_look() -> None:
    result = _import("odd_post.md")
    lines = result.yaml_text.splitlines()
    event = lines.index("event:")
    assert any(line.startswith("# TODO") and "dates" in line for line in lines[event - 3 : event])
    assert "  # check: nothing was under this heading in the post" in lines


def test_long_notes_are_not_folded() -> None:
    words = " ".join(f"word{n}" for n in range(400))
    result = import_markdown(f"# T\n\n## A\n\nShort.\n\n{words}\n")
    assert any(line.strip() == f"notes: {words}" for line in result.yaml_text.splitlines())


def test_warnings_name_the_post_and_line() -> None:
    result = import_markdown("# T\n\n## A\n\n![](x.png)\n", source_name="talks/POST.md")
    assert result.warnings == [
        "talks/POST.md:5: picture 'x.png' has no alt text; wrote a placeholder to replace",
        "talks/POST.md:5: picture file 'x.png' not found next to the post; kept in the notes",
    ]


# -- any input ----------------------------------------------------------------------------------------------------

_FRAGMENTS = [
    "# ",
    "## ",
    "### ",
    "- ",
    "  - ",
    "    - ",
    "1. ",
    "**",
    "*",
    "Title",
    "words here",
    "中文标题",
    "日本語です",
    "🎉",
    "。",
    ":",
    "[a](https://x.y)",
    "[视频](https://youtu.be/q)",
    "([video](https://x.y) | [docs](https://d.y))",
    "[rel](/rel)",
    "[](https://e.f)",
    "![](img/p.png)",
    "![alt](x.png)",
    "> ",
    "原文：<https://s.t>",
    "`code`",
    "```",
    "<div>",
    "</div>",
    "<b>",
    "<!-- c -->",
    "| a | b |",
    "|---|---|",
    "---",
    "===",
    "&amp;",
    "\\",
    "    ",
    "\t",
]
_POSTS = st.lists(
    st.one_of(
        st.sampled_from(_FRAGMENTS),
        st.sampled_from(["\n", "\n\n", " "]),
        st.text(alphabet="ab :#*-_[]()!<>|`~\n", max_size=6),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_POSTS)
def test_any_markdownish_text_imports_to_valid_yaml(text: str) -> None:
    result = import_markdown(text)
    recap = Recap.model_validate(yaml.safe_load(result.yaml_text))
    assert recap.all_items
    assert all(warning.startswith("post.md:") for warning in result.warnings)


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "vbscript:x", "ftp://example.com/x"]
)
def test_import_drops_a_link_of_any_other_scheme_with_a_warning(href: str) -> None:
    post = f'# T\n\n## Item\n\n<div><a href="{href}">this</a></div>\n\n[docs](https://example.com/docs)\n'
    result = import_markdown(post, source_name="p.md")
    assert href not in result.yaml_text
    assert _warned(result, "p.md:5:", "dropped", "only http, https and mailto")
    recap = _recap(result)
    assert [link.url for link in recap.all_items[0].links] == ["https://example.com/docs"]
