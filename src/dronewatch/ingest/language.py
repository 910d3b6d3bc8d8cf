"""Language identification with lingua, built only for the languages we read.

A detector for every language costs about 1.3 GB; one for eight costs little.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

_SAMPLE = 1000  # characters: enough to decide, and keeps long documents cheap


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> object:
    langs = []
    for code in codes:
        try:
            langs.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except AttributeError as exc:
            raise ValueError(f"unknown language code {code!r}") from exc
    if len(langs) < 2:
        raise ValueError("language detection needs at least two languages")
    return LanguageDetectorBuilder.from_languages(*langs).with_minimum_relative_distance(0.0).build()


def detect_language(
    text: str, languages: tuple[str, ...] = ("en", "es", "uk", "ru", "pt", "fr", "de", "it")
) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 3:
        return None
    lang = _detector(tuple(languages)).detect_language_of(sample)  # type: ignore[attr-defined]
    return None if lang is None else str(lang.iso_code_639_1.name).lower()
