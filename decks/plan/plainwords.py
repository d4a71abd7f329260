"""The content with its inline markup dropped (decks.model.inline.plain), for what is drawn without styles.

The deck plan turns each marked field into styled runs itself (decks.plan.deck.text.marked); the sketchnote's
cards do too (decks.plan.sketch.cards: a card's texts in these plain words, with their styles beside them). The
rest of the sketchnote is planned from this copy: its banner, day labels, intros, footer, closing line,
warnings and the page's title show the words without a backtick, asterisk or underscore that was markup. Only
the fields that may carry markup are touched (titles, intros, summaries, takeaways and their points, quote
text, figure label, closing).
"""

from __future__ import annotations

from decks.model import Item, Part, Recap, Takeaway
from decks.model.inline import has_markup, plain


def plain_takeaway(t: Takeaway) -> Takeaway:
    """`t` with its text and points in plain words."""
    if not has_markup(t.text) and not any(map(has_markup, t.points)):
        return t
    return t.model_copy(update={"text": plain(t.text), "points": [plain(p) for p in t.points]})


def plain_item(item: Item) -> Item:
    """`item` with every field that may carry inline markup in plain words (`item` itself when none has any)."""
    texts = [item.title, item.summary or "", *(x for t in item.takeaways for x in (t.text, *t.points))]
    texts += [item.quote.text if item.quote else "", item.figure.label if item.figure else ""]
    if not any(map(has_markup, texts)):
        return item
    update: dict[str, object] = {
        "title": plain(item.title),
        "summary": plain(item.summary) if item.summary else item.summary,
        "takeaways": [plain_takeaway(t) for t in item.takeaways],
    }
    if item.quote is not None:
        update["quote"] = item.quote.model_copy(update={"text": plain(item.quote.text)})
    if item.figure is not None:
        update["figure"] = item.figure.model_copy(update={"label": plain(item.figure.label)})
    return item.model_copy(update=update)


def _part(part: Part) -> Part:
    intro = plain(part.intro) if part.intro else part.intro
    return part.model_copy(
        update={"title": plain(part.title), "intro": intro, "items": [plain_item(i) for i in part.items]}
    )


def plain_recap(recap: Recap) -> Recap:
    """`recap` with every field that may carry inline markup in plain words; `recap` itself when none has any."""
    if not _marked(recap):
        return recap
    return recap.model_copy(
        update={
            "title": plain(recap.title),
            "intro": plain(recap.intro) if recap.intro else recap.intro,
            "parts": [_part(p) for p in recap.parts],
            "items": [plain_item(i) for i in recap.items],
            "key_takeaways": [plain_takeaway(t) for t in recap.key_takeaways],
            "closing": plain(recap.closing) if recap.closing else recap.closing,
        }
    )


def marked_texts(recap: Recap) -> list[str]:
    """Every text of `recap` that may carry inline markup."""
    out = [recap.title, recap.intro or "", *(recap.closing or "",)]
    for t in recap.key_takeaways:
        out += [t.text, *t.points]
    for part in recap.parts:
        out += [part.title, part.intro or ""]
    for item in recap.all_items:
        out += [item.title, item.summary or ""]
        for t in item.takeaways:
            out += [t.text, *t.points]
        if item.quote is not None:
            out.append(item.quote.text)
        if item.figure is not None:
            out.append(item.figure.label)
    return out


def _marked(recap: Recap) -> bool:
    return any(map(has_markup, marked_texts(recap)))
