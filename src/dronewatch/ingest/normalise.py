"""Text normalisation and the content-hash id.

The id is a hash of the normalised text only: the same article syndicated
under another title or URL is the same document, seen twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n\s*")


# C0 controls (but tab and newline), DEL and C1 controls: a NUL aborts a PostgreSQL insert and a
# control character makes XML exports (GraphML) invalid for everyone, so none is ever stored.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Tidy whitespace but keep paragraphs: offsets into this text are our provenance."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub(" ", text)
    text = _WS.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def content_id(text: str) -> str:
    key = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
