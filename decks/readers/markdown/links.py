"""Links: their kind from the label (English, Chinese, Japanese) or the host, and how link lines look.

A link line holds links and separators only ("([video](…) | [docs](…))"); a source line names the original
post ("原文：<https://…>"). A link is written as a link only when it is a full web address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_KINDS = ("video", "docs", "repo", "slides", "blog", "other")
BARE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>()（）]+", re.IGNORECASE)
SOURCE_LABEL = re.compile(
    r"^\s*(?:原文(?:链接|鏈接|地址|連結)?|来源|來源|出处|出處|转载自|轉載自|元記事|出典|初出|"
    r"source|original(?:ly)?(?:\s+(?:post|article|published))?(?:\s+(?:at|on|in))?)\s*[:：]?\s*",
    re.IGNORECASE,
)
# What may sit between the links of a link line such as "([video](…) | [docs](…))".
LINK_LINE_SEPARATORS = re.compile(r"[\s()（）\[\]【】|｜/,，、;；·•\-–—:：]+")
LINK_WORD = re.compile(r"(?:links?|链接|鏈接|リンク)", re.IGNORECASE)

_KIND_WORDS: dict[str, str] = {
    "video": r"videos?|recordings?|视频|視頻|录像|錄影|動画|ビデオ",
    "docs": r"docs?|documentation|guide|roadmap|文档|文檔|路线图|路線圖|ドキュメント|ロードマップ",
    "repo": r"repo|repository|code|source code|github|回购|仓库|倉庫|代码|代碼|源码|源代码|リポジトリ|コード",
    "slides": r"slides?|deck|幻灯片|投影片|スライド",
    "blog": r"blog(?: post)?|post|article|博客|部落格|ブログ",
}
# Labels such as "链接到视频", "视频链接" or "link to the video" wrap the kind word in a "link" affix.
_KIND_LABELS = {
    kind: re.compile(
        rf"(?:(?:links?|链接|鏈接|リンク)\s*(?:to|到|至)?\s*)?(?:the\s+)?(?:{words})"
        rf"(?:\s*(?:links?|链接|鏈接|リンク|地址|here))?",
        re.IGNORECASE,
    )
    for kind, words in _KIND_WORDS.items()
}


def kind_from_label(label: str) -> str | None:
    label = label.strip().strip(":：").strip()
    if not label:
        return None
    for kind, pattern in _KIND_LABELS.items():
        if pattern.fullmatch(label):
            return kind
    return None


def kind_from_host(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()

    def on(domain: str) -> bool:
        return host == domain or host.endswith("." + domain)

    if on("youtube.com") or on("youtu.be") or on("vimeo.com"):
        return "video"
    if on("github.com") or on("gitlab.com"):
        return "repo"
    if on("speakerdeck.com") or on("slideshare.net") or (on("docs.google.com") and "/presentation" in parts.path):
        return "slides"
    return None
