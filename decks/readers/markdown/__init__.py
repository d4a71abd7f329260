"""Turn a recap blog post written in Markdown into a recap content file (YAML), for `recap import`.

The post's structure comes from markdown-it-py's token tree (CommonMark plus tables and strikethrough), never
from regular expressions; small patterns only match labels such as "video" or "原文". Nothing in the post is
dropped silently: what has no natural place in the content model lands in the notes of the nearest item and
is reported as a warning naming the post's line.
"""

from decks.readers.markdown.assemble import ALT_PLACEHOLDER
from decks.readers.markdown.importer import ImportResult, import_markdown

__all__ = ["ALT_PLACEHOLDER", "ImportResult", "import_markdown"]
