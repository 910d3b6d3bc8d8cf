"""Bytes to text, honestly: UTF-8 first, then a detected legacy encoding.

Reports come from scrapers, mail exports and old Windows machines. A file in
cp1252 or cp1251 is common; a file whose lines were pasted from both is not
rare. Each is decoded so that no character is silently replaced; what cannot
be decoded is refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

from ..errors import InputError

# The legacy encodings of the languages dronewatch reads (Western and Cyrillic).
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "cp1251", "koi8_r", "koi8_u"]
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _detect(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None or best.chaos > 0.3:
        return None
    return str(best.encoding)


def decode_bytes(data: bytes, path: str) -> Decoded:
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"undecodable: starts with a {enc} mark but is not {enc}") from exc
    if looks_binary(data):
        raise InputError(path, "binary file, not text (control bytes found)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    good_utf8_nonascii = False
    bad: list[bytes] = []
    for line in lines:
        try:
            line.decode("utf-8")
            if any(b > 127 for b in line):
                good_utf8_nonascii = True
        except UnicodeDecodeError:
            bad.append(line)
    detected = _detect(b"".join(bad))
    if detected is None:
        raise InputError(path, "undecodable: not UTF-8, and no Western or Cyrillic encoding fits")
    enc = detected
    if not good_utf8_nonascii:
        return Decoded(data.decode(enc), enc)
    parts = []
    for line in lines:
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode(enc, errors="replace"))
    return Decoded(
        "".join(parts),
        f"utf-8+{enc}",
        warning=f"mixed encodings (UTF-8 and {enc}); {len(bad)} line(s) decoded as {enc}",
    )
