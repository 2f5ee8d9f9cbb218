"""Tests written to kill mutants that survived a mutation run (`make mutate`).

The whole folder is one entry of the mutation subset in pyproject.toml, so a new file here
joins the subset without changing mutmut's configuration (which would void its results).
"""
