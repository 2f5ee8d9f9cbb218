"""Integrations with other engines (Dask)."""
