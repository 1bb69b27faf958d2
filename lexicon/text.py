"""Text as it is matched (never as it is shown or cited)."""

from __future__ import annotations

import unicodedata


def search_form(text: str) -> str:
    """Full-width letters, digits and punctuation folded to their usual forms, for matching only."""
    return unicodedata.normalize("NFKC", text)


def cjk_bigrams(text: str) -> set[str]:
    """The pairs of adjacent Chinese characters of ``text``: what two phrasings share."""
    return {
        text[i : i + 2] for i in range(len(text) - 1) if "\u4e00" <= text[i] <= "\u9fff" and "\u4e00" <= text[i + 1] <= "\u9fff"
    }
