"""Finish a walked post into the recap dict: its title, language and event, and a place for what is left over.

The walk only collects; here the choices that need the whole post are made: the title when the post has none,
the language from all its words, the event's facts from the opening, a lone `#` section that is not a day,
pictures outside any item, and the check comments the user should review.
"""

from __future__ import annotations

import re
from pathlib import Path

from decks.i18n import messages
from decks.readers.markdown.assemble import Assembler, link_dict
from decks.readers.markdown.drafts import ItemDraft, LinkDraft, WalkedPost
from decks.readers.markdown.emit import Comments
from decks.readers.markdown.eventfacts import event_dates, event_name, event_place

# What only reads in a blog: a closing that points up or down the page, or asks for comments.
_BLOG_ONLY = re.compile(
    r"\b(?:(?:linked|listed|shown|mentioned)\s+(?:above|below)|above|below|in\s+this\s+(?:post|article)|"
    r"comments?\s+(?:below|section)|leave\s+a\s+comment|subscribe)\b"
    r"|上面|上文|下面|下文|本文|评论|評論|留言|上記|下記|以下|コメント|위에|아래|댓글",
    re.IGNORECASE,
)


def finish(
    post: WalkedPost, source_name: str, base_dir: Path | None, output_dir: Path | None
) -> tuple[dict[str, object], Comments]:
    """The recap `post` makes, as the content model's plain dicts, and the comments to write beside its fields.

    `post` is used up: its drafts are moved and completed in place, and its warnings gain the guesses made here.
    """
    preamble = post.preamble
    # The opening prose says when and where: every intro before the first item, read before intros move.
    opening = [text for _, text in preamble.intro]
    if not preamble.items:
        for part in post.parts:
            opening += [text for _, text in part.intro]
            if part.items:
                break
    title = post.front.title or post.title or _fallback_title(post, source_name)
    post.texts.append(title)
    if len(post.parts) == 1 and not preamble.items and not post.front.carried:
        # One # heading under the title ("# Sessions") groups the items; it is not a day of the event.
        lone = post.parts.pop()
        post.warn(lone.line, f"the one # section '{lone.title}' is not a day: its items are the recap's items")
        preamble.intro += lone.intro
        preamble.items += lone.items
        preamble.checks += lone.checks
    has_days = bool(post.parts)
    if not post.all_items:
        # A recap needs at least one item; the title (and the text under it) makes one.
        post.warn(post.title_line, "the post has no ## sections; made one item from the title")
        item = ItemDraft(title=title, line=post.title_line, paragraphs=preamble.intro)
        preamble.intro = []
        preamble.items.append(item)
        post.all_items.append(item)
    preamble.title = title
    preamble.line = post.title_line
    _place_orphan_images(post)
    # The opening paragraphs (before any item) introduce the whole recap: its intro, not a day's.
    intro, preamble.intro = preamble.intro, []

    comments = Comments()
    assembler = Assembler(post.warn, preamble, base_dir, output_dir)
    carried = post.front.carried
    given = carried.get("language")
    language = given if isinstance(given, str) else _language(post.texts)
    if carried:
        _unlabel_kind_words(post, language)
    recap: dict[str, object] = {"schema_version": 1, "title": title, "language": language}
    given_event = carried.get("event")
    # A recap post's own event is validated with the rest; any other post's is read from its prose.
    event = given_event if isinstance(given_event, dict) else _event(post, title, language, opening, comments)
    recap["event"] = event
    # Items before the first day make a part of their own, named for the event (not the post's title again). A
    # carried event without a name as text is refused with the rest; its part takes the post's title meanwhile.
    name = event.get("name")
    preamble.title = name if isinstance(name, str) else title
    if isinstance(carried.get("presenter"), dict):
        recap["presenter"] = carried["presenter"]
    elif post.front.author:
        recap["presenter"] = {"name": post.front.author}
    if isinstance(carried.get("source"), dict):
        recap["source"] = carried["source"]
    elif post.source:
        # The original post is a blog post whatever its label says.
        recap["source"] = {**link_dict(post.source), "kind": "blog"}
    if post.front.tags:
        recap["tags"] = list(post.front.tags)
    if intro:
        recap["intro"] = "\n\n".join(text for _, text in sorted(intro, key=lambda pair: pair[0]))
    if has_days:
        parts = [preamble] if (preamble.items or preamble.intro) else []
        parts += post.parts
        recap["parts"] = [assembler.part_dict(part, comments) for part in parts]
    else:
        recap["items"] = [assembler.item_dict(item, comments) for item in preamble.items]
    if post.key_takeaways:
        recap["key_takeaways"] = [
            {"text": t.text, "points": t.points} if t.points else t.text for t in post.key_takeaways
        ]
    if post.resources:
        recap["resources"] = [link_dict(link) for link in post.resources]
    if post.closing:
        recap["closing"] = closing = "\n\n".join(post.closing)
        blog = _BLOG_ONLY.search(closing)
        if blog:
            comments.closing.append(
                f"the closing says '{blog.group().strip()}', which reads as a blog post: say it for the talk"
            )
    assembler.scrub(recap, post.title_line)
    return recap, comments


def _event(post: WalkedPost, title: str, language: str, opening: list[str], comments: Comments) -> dict[str, object]:
    """The event's facts as the post states them, each marked for review; the rest stays in the intro."""
    event: dict[str, object] = {}
    name = event_name(title)
    if name:
        event["name"] = name
        comments.event.append(f"the event's name is the post's title without its framing words ('{title}')")
    else:
        event["name"] = title
        comments.event.append("TODO: the event's name is the post's title; shorten it to the event's own name")
    prose = "\n".join([title, *opening])
    dates = event_dates(prose, language, post.front.date)
    if dates:
        event["start"] = dates.start
        if dates.end:
            event["end"] = dates.end
        comments.event.append(f"the dates are read from '{dates.text}' in the post")
    else:
        comments.event.append("TODO: add the event's dates (start: and end: as YYYY-MM-DD)")
    place = event_place("\n".join(opening))
    if place and place.venue:
        event["venue"] = place.venue
    if place and place.city:
        event["city"] = place.city
    if place:
        comments.event.append("the venue and city are read from the post's opening")
    else:
        comments.event.append("TODO: add the venue and city")
    return event


def _unlabel_kind_words(post: WalkedPost, language: str) -> None:
    """In a post recap wrote, a link whose words are only what the language calls its kind ("video", "動画")
    had no label of its own: recap writes that word for such a link, so reading it back gives one without."""

    words = messages(language)
    for link in [*post.resources, *(link for item in post.all_items for link in item.links)]:
        kind = link.kind
        if link.label and link.label == words.link_text(LinkDraft(url=link.url, label=None, line=0, hint=kind)):
            link.hint, link.hint_from_title = kind, True  # the label said the kind; keep the kind it gave
            link.label = None


def _fallback_title(post: WalkedPost, source_name: str) -> str:
    if post.first_heading:
        post.warn(post.title_line, "the post has no # title; used its first heading")
        return post.first_heading
    if post.first_text:
        post.warn(1, "the post has no headings; used its first words as the title")
        return post.first_text[:80].strip() or "Recap"
    stem = Path(source_name).stem.strip()
    post.warn(1, "the post has no text; the title is a placeholder")
    return stem or "Recap"


def _place_orphan_images(post: WalkedPost) -> None:
    """Pictures outside any item go to the nearest item: the next one, or the last one at the end."""
    for image in post.orphan_images:
        target = next((item for item in post.all_items if item.line > image.line), post.all_items[-1])
        post.warn(image.line, f"picture '{image.src}' is outside any item; attached to '{target.title}'")
        target.checks.append(f"the picture '{image.src}' came from outside this item (post line {image.line})")
        target.images.append(image)


def _language(texts: list[str]) -> str:
    """The post's language, told from the scripts of all its words."""
    text = "".join(texts)
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    # The katakana middle dot and long-vowel mark also turn up in Chinese text, so they do not count.
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" and ch not in "\u30fb\u30fc")
    words = len(re.findall(r"[A-Za-z]+", text))
    hangul = sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff")
    if hangul and hangul * 2 >= han and hangul >= words:
        return "ko"
    if kana and kana * 20 >= han:
        return "ja"
    if han > words:
        return "zh-CN"
    return "en"
