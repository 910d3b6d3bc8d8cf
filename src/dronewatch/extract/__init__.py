"""Extraction: one document in, claims with their evidence, statistics and mentions out."""

from .pipeline import RULES_ONLY, Extraction, extract_document, extractor_version

__all__ = ["RULES_ONLY", "Extraction", "extract_document", "extractor_version"]
