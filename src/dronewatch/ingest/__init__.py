"""Ingest: files and feeds in, ``Document``s with language, grade and near-duplicate link out."""

from .pipeline import IngestReport, ingest_paths

__all__ = ["IngestReport", "ingest_paths"]
