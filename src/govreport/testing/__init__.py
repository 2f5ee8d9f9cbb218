"""Test-data tooling: synthetic reports and renderers, public for plugin authors' tests.

The library never imports this package.
"""
