"""The words the planner puts on slides itself (agenda, takeaways, "(cont.)", ...), by language."""

from __future__ import annotations

LABELS = {
    "en": {
        "agenda": "Agenda",
        "takeaways": "Key takeaways",
        "resources": "Resources",
        "thanks": "Thank you!",
        "cont": " (cont.)",
        "intro": "Introduction",
        "wrap": "Wrap-up",
        "more": "More resources",
        "slides": "Slides and notes",
        "source": "Source",
        "event": "Event",
        "items": "{n} items",
        "item": "1 item",
    },
    "zh": {
        "agenda": "议程",
        "takeaways": "主要收获",
        "resources": "资源",
        "thanks": "谢谢！",
        "cont": "（续）",
        "intro": "开场",
        "wrap": "总结",
        "more": "更多资源",
        "slides": "幻灯片与笔记",
        "source": "原文",
        "event": "活动",
        "items": "{n} 项",
        "item": "1 项",
    },
}


def labels_for(language: str) -> dict[str, str]:
    """The labels for a BCP 47 language tag ("zh-Hans" -> Chinese), English when there are none for it."""
    lang = language.split("-")[0].lower()
    return LABELS.get(lang, LABELS["en"])
