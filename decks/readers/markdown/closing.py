"""A post's closing: its last paragraphs from the one that thanks the reader (or sums the event up) on, and a
heading over them that only announces them ("## Thanks"). Found before the walk, which then keeps them apart."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from decks.readers.markdown.inline import InlineWalker

# A closing paragraph starts by thanking the reader (or someone): "Thanks for reading", 感谢阅读, 読んでいただき
# ありがとうございました …
_THANKS = re.compile(
    r"^\W*(?:(?:many\s+|big\s+)?thanks?\b|thank\s+you|谢谢|謝謝|感谢|感謝|多谢|多謝|ありがとう|"
    r"(?:最後まで)?(?:お読み|読んで|ご覧)いただき|最後まで(?:お)?読|감사합니다|고맙습니다|"
    r"merci\b|gracias\b|obrigad[oa]\b|danke\b|vielen\s+dank|cảm\s+ơn)",
    re.IGNORECASE,
)
# ... or sums the event up in the author's own words: "I summarized the announcements in sketchnotes", 我把大会的
# 要点画成了 …, 我在 sketchnotes 中总结了 …, スケッチノートにまとめました.
_SUMMING_UP = re.compile(
    r"^\W*(?:(?:so\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:summari[sz]ed|sketched|drew|put\s+together|captured|wrapped\s+up)"
    r"|to\s+(?:sum|wrap)\s+up|in\s+summary|all\s+in\s+all|overall,"
    r"|我(?:在|把|将|將|用).{0,30}(?:总结|總結|画成|畫成|画了|畫了|整理)|总之|總之|总的来说|總的來說"
    r"|.{0,30}(?:スケッチノート|まとめ(?:まし|てみ))|.{0,30}(?:스케치노트|정리해))",
    re.IGNORECASE,
)
# ... or, short, ends by thanking: "읽어주셔서 감사합니다!", "今日はありがとうございました".
_THANKS_AT_END = re.compile(
    r"(?:감사합니다|고맙습니다|ありがとうございました|ありがとうございます|谢谢|謝謝|感谢阅读)\W*$"
)
# A heading over the closing alone ("## Thanks", "## まとめ", "## 마치며") is not an item.
_CLOSING_HEADING = re.compile(
    r"^\W*(?:thanks?(?:\s+you)?|thank\s+you|closing|wrap[\s-]?up|conclusion|final\s+thoughts|"
    r"最后|最後|结语|結語|总结|總結|まとめ|おわりに|さいごに|마치며|맺음말|정리)\W*$",
    re.IGNORECASE,
)


def closing_blocks(nodes: list[SyntaxTreeNode], *, recap_post: bool) -> list[SyntaxTreeNode]:
    """The post's last paragraphs from the one that thanks the reader on: the closing. In a post recap wrote
    (`recap_post`), the paragraphs after a final rule."""
    trailing: list[SyntaxTreeNode] = []
    for at in range(len(nodes) - 1, -1, -1):
        node = nodes[at]
        if node.type == "hr":
            if trailing and at >= 1 and recap_post:
                return trailing  # recap post's closing: the paragraphs after a final rule
            continue
        if node.type != "paragraph":
            break
        trailing.insert(0, node)
    for index, node in enumerate(trailing):
        words = _words(node)
        if _THANKS.match(words) or _SUMMING_UP.match(words) or (len(words) <= 80 and _THANKS_AT_END.search(words)):
            return trailing[index:]
    return []


def closing_heading(nodes: list[SyntaxTreeNode], closing: list[SyntaxTreeNode]) -> SyntaxTreeNode | None:
    """The heading right over the closing when it only announces it ("## Thanks"), else None."""
    if not closing:
        return None
    at = next(index for index, node in enumerate(nodes) if node is closing[0])
    before = nodes[at - 1] if at else None
    if before is None or before.type != "heading" or before.tag == "h1":  # a # heading is the title or a day
        return None
    return before if _CLOSING_HEADING.match(_words(before)) else None


def _words(block: SyntaxTreeNode) -> str:
    """The plain words of a paragraph or heading."""
    walker = InlineWalker(block.map[0] + 1 if block.map else 1)
    walker.walk(block.children[0].children if block.children else [])
    return walker.text()
