"""Extraction stages beyond the tables: metadata and the narrative counts."""
