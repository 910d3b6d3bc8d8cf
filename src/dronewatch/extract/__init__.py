"""Extraction: one document in, claims with their evidence, statistics and mentions out."""

from .pipeline import EXTRACTOR_VERSION, Extraction, extract_document

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract_document"]
