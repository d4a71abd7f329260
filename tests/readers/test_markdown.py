"""Tests for decks/readers/markdown/: `recap import` turns a recap blog post into content YAML."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt
from markdown_it.token import Token

from decks.model import Event, Recap
from decks.model.inline import Style, plain, spans
from decks.model.typed import ValidationError
from decks.readers.markdown import ALT_PLACEHOLDER, ImportResult, import_markdown
from decks.readers.markdown.assemble import usable
from decks.schema import content_schema_dict

POSTS = Path(__file__).resolve().parents[1] / "fixtures" / "posts"
_SCHEMA = Draft202012Validator(content_schema_dict())


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
    """Every text of the content, and of the TODO comments that carry what a content file cannot name yet (a
    missing picture)."""
    todos = [line.split("# TODO:", 1)[1] for line in result.yaml_text.splitlines() if "# TODO:" in line]
    return " ".join(" ".join([*_strings(yaml.safe_load(result.yaml_text)), *todos]).split())


def _recap(result: ImportResult) -> Recap:
    return Recap.model_validate(yaml.safe_load(result.yaml_text))


def _import(name: str) -> ImportResult:
    path = POSTS / name
    return import_markdown(path.read_text(encoding="utf-8"), source_name=name, base_dir=path.parent)


def _item(recap: Recap, title: str) -> Any:
    return next(item for item in recap.all_items if item.title == title)


def _warned(result: ImportResult, *words: str) -> list[str]:
    return [w for w in result.warnings if all(word in w for word in words)]


# -- a post shaped like the seed (Chinese, days, ****-wrapped bold, link lines) ---------------------------------


@pytest.fixture(scope="module")
def zh_text() -> str:
    return (POSTS / "faithful_zh.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def zh_result() -> ImportResult:
    return _import("faithful_zh.md")


def test_seedlike_post_imports_every_section_and_bold_heading_as_an_item(zh_result: ImportResult) -> None:
    recap = _recap(zh_result)
    parts = {part.title: [item.title for item in part.items] for part in recap.parts}
    assert parts == {
        "第一天": ["TensorFlow 2.0 Alpha", "日程"],
        "第二天": ["研究与未来会谈", "联合学习", "网格张量流", "十四行诗 (deep mind)", "全球文档冲刺规划"],
    }


def test_seedlike_post_gets_language_source_and_day_intros(zh_result: ImportResult) -> None:
    recap = _recap(zh_result)
    assert recap.language == "zh-CN"
    assert recap.source is not None and recap.source.kind == "blog"
    assert recap.source.url == "https://example.cn/posts/tf-summit-2024"
    assert recap.parts[1].intro == "在峰会的第二天，我又参加了几次会谈。"


def test_seedlike_post_keeps_every_link_url(zh_text: str, zh_result: ImportResult) -> None:
    urls = _link_urls(zh_text)
    assert len(urls) == 12
    assert [url for url in urls if url not in zh_result.yaml_text] == []


def test_seedlike_link_line_labels_set_the_link_kind_in_chinese(zh_result: ImportResult) -> None:
    links = {link.url: link.kind for link in _item(_recap(zh_result), "TensorFlow 2.0 Alpha").links}
    assert links["https://www.youtube.com/watch?v=zh-alpha"] == "video"
    assert links["https://www.tensorflow.org/alpha"] == "docs"
    assert _item(_recap(zh_result), "网格张量流").links[0].kind == "video"  # 链接到视频


def test_seedlike_post_keeps_its_bold_as_markup_and_drops_the_debris(zh_result: ImportResult) -> None:
    texts = list(_strings(yaml.safe_load(zh_result.yaml_text)))
    assert not any("**" in plain(text) for text in texts)  # no "****line****" debris shown as stars
    assert "**tf.keras** 作为高级 API，**急切执行**作为默认" in texts
    assert [part.title for part in _recap(zh_result).parts] == ["第一天", "第二天"]


def test_seedlike_code_block_goes_to_the_notes(zh_result: ImportResult) -> None:
    notes = _item(_recap(zh_result), "TensorFlow 2.0 Alpha").notes or ""
    assert "pip install -U --pre tensorflow" in notes


def test_seedlike_missing_picture_is_a_todo_comment_and_keeps_the_generated_notes(zh_result: ImportResult) -> None:
    first = _recap(zh_result).all_items[0]
    assert first.image is None  # the file is not there, and a content file naming it would not load
    # Notes that named the picture would replace the speaker notes recap writes from the item.
    assert "no-such-photo" not in (first.notes or "") and ALT_PLACEHOLDER not in (first.notes or "")
    lines = zh_result.yaml_text.splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip() == f"- title: {first.title}")
    assert any(line.strip().startswith("# TODO: picture img/no-such-photo.png") for line in lines[at - 3 : at])
    assert _warned(zh_result, "faithful_zh.md:19:", "outside any item")
    assert _warned(zh_result, "faithful_zh.md:19:", "not found")


# -- a faithful import: front matter, intro, closing, code, tables, link groups, announcements ----------------


def test_front_matter_gives_title_date_tags_and_author_in_every_language() -> None:
    expected = {
        "faithful_en.md": (
            "What we learned at ML Summit 2024",
            "2024-05-13",  # "May 13 and 14" in its opening; the post is dated 2024-05-14
            ["machine-learning", "keras"],
            "Ada Lovelace",
        ),
        "faithful_zh.md": ("2024 年 TensorFlow 峰会的收获", "2024-03-06", ["TensorFlow", "机器学习"], "李华"),
        "faithful_ja.md": ("Google I/O 2024 まとめ", "None", ["Google I/O", "Flutter"], "山田太郎"),
    }
    for name, (title, date, tags, author) in expected.items():
        recap = _recap(_import(name))
        assert recap.title == title, name
        # The post's own date is when it was written, not when the event began: only the prose gives a start.
        assert recap.event is not None and str(recap.event.start) == date, name
        # The post's tags are the recap's, not copied onto every item.
        assert recap.tags == tags and all(item.tags == [] for item in recap.all_items), name
        assert recap.presenter is not None and recap.presenter.name == author, name


def test_front_matter_is_never_the_title_text() -> None:
    result = import_markdown("---\ntitle: FM title\ntags: [a, b]\n---\n\n## Talk\n\nGood.\n")
    recap = _recap(result)
    assert recap.title == "FM title"
    assert [item.title for item in recap.items] == ["Talk"]
    assert "tags:" not in recap.title and "title:" not in _all_text(result)


@pytest.mark.parametrize("event", ["{start: 2019-03-06}", "{name: [1, 2]}", "{name: 2019}"])
def test_a_carried_event_without_a_text_name_is_kept_for_the_check_and_does_not_crash(event: str) -> None:
    # A post written by `recap post` carries its event; hand-edited, the name may be missing or not text. The
    # import keeps the event as it was for `recap check` to report, and names the first part after the post.
    post = f"---\ntitle: Notes\nrecap:\n  event: {event}\n---\n\n## Early\n\nA.\n\n# Day 2\n\n## Talk\n\nB.\n"
    data = yaml.safe_load(import_markdown(post).yaml_text)
    assert data["event"] == yaml.safe_load(event)
    assert [part["title"] for part in data["parts"]] == ["Notes", "Day 2"]


def test_front_matter_that_is_not_yaml_is_left_out_with_a_warning() -> None:
    result = import_markdown("---\ntitle: [unclosed\n---\n\n# Real title\n\n## A\n\nText.\n")
    assert _recap(result).title == "Real title"
    assert _warned(result, "post.md:", "front matter is not valid YAML; left out")
    assert "unclosed" not in _all_text(result)


def test_front_matter_keys_with_no_place_are_named_in_a_warning() -> None:
    assert _warned(_import("faithful_en.md"), "faithful_en.md:1:", "left out: layout")


def test_front_matter_title_lets_the_hash_headings_be_days() -> None:
    post = "---\ntitle: Summit notes\n---\n\n# Day 1\n\n## Keynote\n\nBig.\n\n# Day 2\n\n## Closing talk\n\nBye.\n"
    recap = _recap(import_markdown(post))
    assert recap.title == "Summit notes"
    assert [(part.title, [i.title for i in part.items]) for part in recap.parts] == [
        ("Day 1", ["Keynote"]),
        ("Day 2", ["Closing talk"]),
    ]


def test_warnings_keep_the_posts_line_numbers_after_front_matter() -> None:
    result = import_markdown("---\ntitle: T\n---\n\n## A\n\n![](x.png)\n")
    assert _warned(result, "post.md:7:", "no alt text")


def test_opening_paragraphs_become_the_recaps_intro_and_no_part_repeats_the_title() -> None:
    for name, opening in [
        ("faithful_en.md", "I went to ML Summit in Lisbon on May 13 and 14. It was packed with launches."),
        ("faithful_ja.md", "東京から Google I/O 2024 をオンラインで視聴しました。"),
    ]:
        recap = _recap(_import(name))
        assert recap.parts == [] and recap.items, name  # one part: the items shorthand, no section slide
        assert (recap.intro or "").startswith(opening + "\n\n"), name
        assert opening not in (recap.all_items[0].notes or ""), name


def test_opening_paragraphs_before_the_first_day_become_the_recaps_intro(zh_result: ImportResult) -> None:
    recap = _recap(zh_result)
    assert recap.intro == (
        "我于 3 月 6 日和 7 日在桑尼维尔参加了 TensorFlow 峰会。这是一次令人难以置信的经历。\n\n"
        "我遇到了来自世界各地 TensorFlow 社区的许多人。"
    )
    assert recap.parts[0].intro == "这是一个雨天，但大家对峰会都非常兴奋。"  # under the day's own heading


def test_a_closing_thank_you_becomes_closing_in_every_language(zh_result: ImportResult) -> None:
    en = _recap(_import("faithful_en.md"))
    assert en.closing == "Thanks for reading! Follow me on Mastodon for more.\n\nSee you at the next summit."
    assert [link.url for link in en.resources] == ["https://mastodon.social/@ada"]
    assert "Thanks for reading" not in (en.all_items[-1].notes or "")
    assert _recap(zh_result).closing == "感谢阅读！欢迎在 微博 上关注我。"
    assert _recap(_import("faithful_ja.md")).closing == "最後まで読んでいただきありがとうございました！"


def test_thanks_before_more_sections_is_not_the_closing() -> None:
    recap = _recap(import_markdown("# T\n\n## A\n\nThanks to the team for this.\n\n## B\n\nMore.\n"))
    assert recap.closing is None
    assert recap.items[0].summary == "Thanks to the team for this."


def test_inline_code_keeps_its_backticks(zh_result: ImportResult) -> None:
    keras = _item(_recap(_import("faithful_en.md")), "Keras 3")
    assert keras.summary == "Keras 3 runs on JAX, TensorFlow and PyTorch. Install it with `pip install keras`."
    assert keras.takeaways[0].text == "Set the backend with `KERAS_BACKEND=jax`"
    assert "`tf.function`" in _item(_recap(zh_result), "TensorFlow 2.0 Alpha").takeaways[2].text
    flutter = _item(_recap(_import("faithful_ja.md")), "Flutter の新機能")
    assert flutter.summary == "`flutter upgrade` で最新版になります。"
    assert _recap(import_markdown("# T\n\n## A\n\nRun ``a `b` c`` now.\n")).items[0].summary == "Run ``a `b` c`` now."


def test_tables_become_takeaways_one_per_row_with_a_warning(zh_result: ImportResult) -> None:
    en = _import("faithful_en.md")
    schedule = _item(_recap(en), "Schedule")
    assert [t.text for t in schedule.takeaways] == ["09:00 | Keynote | Grace", "10:30 | Testing models | Alan"]
    assert [link.url for link in schedule.links] == ["https://example.com/testing"]
    assert schedule.notes == "Table columns: Time | Talk | Speaker"
    assert _warned(en, "faithful_en.md:28:", "table turned into 2 takeaways")
    assert next(t.text for t in _item(_recap(zh_result), "日程").takeaways) == "09:00 | 主题演讲 | 张三"
    ja = _import("faithful_ja.md")
    assert [t.text for t in _item(_recap(ja), "セッション一覧").takeaways] == [
        "10:00 | 基調講演",
        "11:00 | Flutter の新機能",
    ]
    assert _warned(ja, "faithful_ja.md:23:", "table turned into 2 takeaways")


def test_a_link_group_in_a_bullet_leaves_no_residue(zh_result: ImportResult) -> None:
    alpha = _item(_recap(zh_result), "TensorFlow 2.0 Alpha")
    assert alpha.takeaways[1].text == "**联合学习**—分散数据的 ML 训练。"
    assert {(link.url, link.kind) for link in alpha.links} >= {
        ("https://www.youtube.com/watch?v=zh-fl", "video"),
        ("https://www.tensorflow.org/federated", "docs"),
    }
    assert "视频链接 |" not in zh_result.yaml_text.split("links:")[0]
    keras = _item(_recap(_import("faithful_en.md")), "Keras 3")
    assert keras.takeaways[1].text == "Custom layers work on every backend"
    assert {link.label: link.kind for link in keras.links}["guide"] == "docs"
    dart = _item(_recap(_import("faithful_ja.md")), "Flutter の新機能")
    assert dart.takeaways[1].text == "Dart のマクロ"
    assert "https://github.com/dart-lang/language" in [link.url for link in dart.links]


def test_a_link_group_whose_link_has_no_words_goes_whole() -> None:
    post = "# T\n\n## A\n\n- before ([](https://a.example) | [docs](https://c.example)) after\n"
    item = _recap(import_markdown(post)).items[0]
    assert item.takeaways[0].text == "before after"
    assert [link.url for link in item.links] == ["https://a.example", "https://c.example"]


def test_links_inside_a_sentence_keep_their_words() -> None:
    keras = _item(_recap(_import("faithful_en.md")), "Keras 3")
    assert keras.takeaways[2].text == "Keras, JAX and PyTorch models mix: see Keras, JAX and `model.fit()`"


def test_a_list_of_announcements_becomes_items_with_their_links(zh_result: ImportResult) -> None:
    en = _import("faithful_en.md")
    recap = _recap(en)
    talks = _item(recap, "Research talks")
    assert [t.text for t in talks.takeaways] == ["Federated learning", "Mesh TensorFlow", "Sonnet (DeepMind)"]
    federated = _item(recap, "Federated learning")
    assert federated.summary == "ML training on decentralized data."
    assert [(link.label, link.kind) for link in federated.links] == [("video", "video"), ("docs", "docs")]
    assert _item(recap, "Sonnet (DeepMind)").summary == "complex models for researchers."
    assert _warned(en, "faithful_en.md:35:", "3 announcements")
    zh = _item(_recap(zh_result), "联合学习")
    assert zh.summary == "分散数据的 ML 训练。"
    assert [link.url for link in zh.links] == [
        "https://www.youtube.com/watch?v=zh-fl2",
        "https://www.tensorflow.org/federated/zh",
    ]
    ja = _recap(_import("faithful_ja.md"))
    assert _item(ja, "Project IDX").summary == "ブラウザで動く開発環境。"
    assert [link.kind for link in _item(ja, "Project IDX").links] == ["video", "docs"]


def test_a_list_with_one_plain_bullet_stays_takeaways() -> None:
    post = "# T\n\n## A\n\n- **Keras** is nice ([docs](https://keras.io))\n- plain words\n"
    item = _recap(import_markdown(post)).items[0]
    assert [t.text for t in item.takeaways] == ["**Keras** is nice", "plain words"]
    assert [link.url for link in item.links] == ["https://keras.io"]


def test_links_the_model_refuses_go_to_the_notes_not_the_links() -> None:
    result = _import("faithful_en.md")
    keras = _item(_recap(result), "Keras 3")
    assert "archive.example.com/keras2" not in [link.url for link in keras.links]
    assert "archive.example.com/keras2" in (keras.notes or "")
    assert _warned(result, "faithful_en.md:24:", "not a full web address")


@pytest.mark.parametrize("invisible", ["\u200b", "\xad", "\u3164", "\ufdd0", "\x1b"])
def test_text_the_model_refuses_is_cleaned_or_left_out_so_the_import_loads(invisible: str) -> None:
    post = (
        f"# T{invisible}\n\n## {invisible}\n\n{invisible}\n\n- {invisible}\n- ok{invisible}\n\n"
        f"[{invisible}](https://a.example)\n\n![{invisible}](img/stage.png)\n"
    )
    result = import_markdown(post, base_dir=POSTS)
    recap = _recap(result)  # the model takes every text the importer wrote
    texts = _strings(yaml.safe_load(result.yaml_text))
    assert all(usable(text) == text.strip() for text in texts if text)
    assert [link.url for link in recap.all_items[0].links] == ["https://a.example"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=8))
def test_usable_text_is_what_the_model_takes(text: str) -> None:
    kept = usable(text)
    if kept is not None:
        assert Event.model_validate({"name": kept}).name == kept
    try:
        model = Event.model_validate({"name": text}).name
    except ValidationError:
        return
    assert kept == model  # text the model takes is left as the model keeps it


def test_no_link_the_model_refuses_is_written_as_a_link() -> None:
    post = "# T\n\n## A\n\n- [a](ftp://f.example/x) [b](javascript:alert(1)) [c](https://ok.example) [d](www.e.f)\n"
    links = [link.url for link in _recap(import_markdown(post)).items[0].links]
    assert links == ["https://ok.example"]


# -- posts in several languages ----------------------------------------------------------------------------------


def test_english_post_without_days_or_intro_uses_the_items_shorthand() -> None:
    post = (POSTS / "english.md").read_text(encoding="utf-8")
    result = import_markdown(
        post.replace("I spent two days at DevFest Berlin and took notes on every talk I could get into.", "")
    )
    recap = _recap(result)
    assert recap.language == "en"
    assert recap.parts == []
    assert [item.title for item in recap.items] == ["Keynote: the year in Android", "Building with Gemini"]


def test_english_post_without_days_gets_items_and_an_intro_not_a_part() -> None:
    result = _import("english.md")
    recap = _recap(result)
    assert recap.parts == [] and recap.intro
    assert [item.title for item in recap.all_items] == ["Keynote: the year in Android", "Building with Gemini"]
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


def test_intro_of_a_post_without_days_is_the_recaps_intro_not_item_notes() -> None:
    result = _import("english.md")
    recap = _recap(result)
    assert recap.intro == "I spent two days at DevFest Berlin and took notes on every talk I could get into."
    assert "I spent two days" not in (recap.all_items[0].notes or "")
    assert recap.closing == "Thanks to the organizers! See you next year."


def test_chinese_post_with_days_and_bold_headings() -> None:
    result = _import("chinese.md")
    recap = _recap(result)
    assert recap.language == "zh-CN"
    assert recap.source is not None and recap.source.url == "https://example.cn/posts/io-2023"
    parts = {part.title: [item.title for item in part.items] for part in recap.parts}
    assert parts["第一天"] == ["主题演讲", "安卓开发者主题演讲"]
    # The trailing colon of a bold heading goes; a bold sentence stays a sentence.
    assert parts["第二天"] == ["机器学习工作坊", "Web 开发的未来"]
    assert (
        _item(recap, "Web 开发的未来").summary == "**这是我最喜欢的一场会议，收获很大。**"
    )  # bold, as the post had it


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
    assert [item.title for item in recap.all_items] == ["🚀 Flutter の新機能", "🤖 生成 AI のこれから"]
    assert "🚀 Flutter の新機能" in result.yaml_text
    assert "\\U" not in result.yaml_text and "\\u" not in result.yaml_text
    kinds = {link.label: link.kind for item in recap.all_items for link in item.links}
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


def test_table_rows_become_takeaways_and_its_header_a_note_with_a_warning() -> None:
    result = _import("table.md")
    item = _recap(result).items[0]
    assert [t.text for t in item.takeaways] == ["09:00 | Keynote | Ada", "10:30 | Testing Compose | Grace"]
    assert item.notes == "Table columns: Time | Talk | Speaker"
    assert [link.url for link in item.links] == ["https://example.com/testing"]
    assert _warned(result, "table.md:5:", "table turned into 2 takeaways")


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
    assert recap.intro == "Intro words before any heading at all."
    extra = _item(recap, "HTML section")
    assert "relative link: /about" in (extra.notes or "")
    assert recap.all_items[-1].image is None  # neither file exists beside the post
    todos = [line.strip() for line in result.yaml_text.splitlines() if line.strip().startswith("# TODO: picture")]
    assert any("img/b.png (alt: second)" in line for line in todos)
    assert any("img/a.png (alt: first)" in line for line in todos)


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
    assert top == ["schema_version", "title", "language", "event", "source", "intro", "items", "closing"]
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
        "talks/POST.md:5: picture file 'x.png' not found next to the post; left as a TODO comment",
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
    "---\ntitle: FM\ntags: [a]\n---\n",
    "---\n",
    "Thanks for reading!",
    "感谢阅读",
    "- **Name** — words ([video](https://v.y) | [docs](https://d.y))",
    "[bad](javascript:alert(1))",
    "[ftp](ftp://f.g/h)",
    '<a href="ftp://x.y">x</a>',
    "(视频链接: [a](https://a.b) | [b](mailto:b@c.d))",
    "``a ` b``",
    "\u200b",
    "\xad",
    "\x1b",
    "\ufdd0",
    "\u3164",
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
    data = yaml.safe_load(result.yaml_text)
    recap = Recap.model_validate(data)  # every link written passes the model's URL rule
    assert recap.all_items
    assert list(_SCHEMA.iter_errors(json.loads(json.dumps(data, default=str)))) == []
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


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("[click](javascript:alert(1))", "javascript:"),
        ("[x](file:///etc/passwd)", "file:"),
        ("[d](data:text/html,x)", "data:"),
        ("<javascript:alert(2)>", "javascript:"),
        ("<file:///etc/passwd>", "file:"),
        ("[x](JavaScript:alert(1) 'title')", "javascript:"),
    ],
)
def test_a_markdown_link_to_an_unsafe_target_is_dropped_with_its_line_not_kept_as_text(
    written: str, target: str
) -> None:
    post = f"# T\n\n## Item\n\nWords.\n\n- see {written} now\n- other\n"
    result = import_markdown(post, source_name="p.md")
    assert target not in result.yaml_text.lower()
    assert "](" not in result.yaml_text
    assert _warned(result, "p.md:7:", "dropped", "only http, https and mailto")
    _recap(result)  # and the content loads


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_a_link_holding_a_bidi_or_invisible_character_is_dropped_with_a_located_warning(hidden: str) -> None:
    post = f'# T\n\n## Item\n\nWords.\n\n<p><a href="https://a.example/{hidden}gpj.exe">x</a></p>\n'
    result = import_markdown(post, source_name="p.md")
    assert "gpj.exe" not in result.yaml_text
    assert _warned(result, "p.md:7:", "dropped", f"U+{ord(hidden):04X}")


def test_a_long_unsafe_link_is_echoed_as_a_short_excerpt() -> None:
    post = f"# T\n\n## Item\n\n- [x](javascript:{'a' * 100_000})\n"
    result = import_markdown(post, source_name="p.md")
    (warning,) = _warned(result, "p.md:5:", "dropped")
    assert len(warning) < 200


_FREE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
# One line of any text: no control characters or line and paragraph separators, which would end a bullet.
_LINE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)


def _escaped(text: str) -> str:
    return "".join(f"\\{ch}" if ch in "\\`*_[]()<>!#|~&" else ch for ch in text)


@settings(max_examples=100, deadline=None)
@given(title=_FREE_TEXT, author=_FREE_TEXT, tags=st.lists(_FREE_TEXT, max_size=3))
def test_any_front_matter_imports_to_valid_yaml_and_is_never_body_text(
    title: str, author: str, tags: list[str]
) -> None:
    front = yaml.safe_dump({"title": title, "author": author, "tags": tags}, allow_unicode=True)
    result = import_markdown(f"---\n{front}---\n\n## Talk\n\nWords.\n")
    recap = _recap(result)
    assert [item.title for item in recap.all_items] == ["Talk"]
    assert recap.all_items[0].summary == "Words."
    if " ".join(title.split()) and not _warned(result, "front matter's title", "not usable as text"):
        assert recap.title == " ".join(title.split())


@settings(max_examples=100, deadline=None)
@given(before=_LINE_TEXT, label=_LINE_TEXT.filter(str.strip), after=_LINE_TEXT)
def test_a_link_group_anywhere_keeps_its_links_and_leaves_no_marks(before: str, label: str, after: str) -> None:
    words = "x " + _escaped(before + "\ufdd0" + after)  # x: a takeaway that shows something
    post = f"# T\n\n## A\n\n- {words} ([{_escaped(label)}](https://v.example/1) | [docs](https://d.example/2))\n"
    result = import_markdown(post)
    item = _recap(result).all_items[0]
    assert [link.url for link in item.links] == ["https://v.example/1", "https://d.example/2"]
    text = _all_text(result)
    assert "\ufdd0" not in text and "\ufdd1" not in text


def test_bold_italic_and_code_of_a_post_become_inline_markup() -> None:
    post = "# T\n\n## A\n\n- Try **eager** mode with *care*\n- Run `pip install -U tf` and ``a ` b``\n"
    item = _recap(import_markdown(post)).items[0]
    assert [t.text for t in item.takeaways] == [
        "Try **eager** mode with *care*",
        "Run `pip install -U tf` and ``a ` b``",
    ]
    assert [plain(t.text) for t in item.takeaways] == ["Try eager mode with care", "Run pip install -U tf and a ` b"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (r"costs 5 \* 3 \* 2", "costs 5 * 3 * 2"),
        (r"a \*starred\* word", "a *starred* word"),
        ("snake_case_name stays", "snake_case_name stays"),
        (r"a \` tick then `code`", "a ` tick then code"),
    ],
)
def test_a_posts_literal_marks_read_back_as_the_post_showed_them(written: str, shown: str) -> None:
    post = f"# T\n\n## A\n\n- {written}\n- other\n"
    item = _recap(import_markdown(post)).items[0]
    assert plain(item.takeaways[0].text) == shown


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab 中*_`\\"), min_size=1, max_size=24))
def test_a_takeaway_shows_the_words_and_styles_commonmark_renders(words: str) -> None:
    """Marks, escapes and stray characters in a bullet: the takeaway shows what a Markdown renderer shows."""
    words = "w " + words.strip()  # a bullet's first characters could start a list or a rule: not inline
    rendered = MarkdownIt("commonmark").renderInline(words)
    shown = " ".join(html.unescape(re.sub(r"</?(strong|em|code)>", "", rendered)).split())
    if not shown or "**" in shown or shown.strip("*_`\\ ") == "":
        return  # a bullet of marks alone, or literal "**" runs (the seed's debris, dropped on purpose)
    post = f"# T\n\n## A\n\nWords.\n\n- {words}\n- other\n"
    takeaways = [t.text for t in _recap(import_markdown(post)).items[0].takeaways]
    assert " ".join(plain(takeaways[0]).split()) == shown
    # Code inside bold stays in the code face, unstyled (decks/model/inline.py): only the other words must be bold.
    bold = [re.sub(r"<code>.*?</code>", " ", b) for b in re.findall(r"<strong>(.*?)</strong>", rendered)]
    styled = {span.text.strip() for span in spans(takeaways[0]) if span.style & Style.BOLD}
    assert all(
        " ".join(html.unescape(re.sub("<[^>]+>", "", b)).split()) in " ".join(styled) or not b.strip() for b in bold
    )
