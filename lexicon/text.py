"""Text as it is matched (never as it is shown or cited)."""

from __future__ import annotations

import unicodedata


def search_form(text: str) -> str:
    """Full-width letters, digits and punctuation folded to their usual forms, for matching only."""
    return unicodedata.normalize("NFKC", text)
