"""A document's blocks in order, with each grid numbered by its place among the grids.

A grid's index is in the grid and in every cell's location, so it is given once, here,
by every reader: as each grid is built (:meth:`BlockList.add_grid`), or at the end over
tables read before their place was known (:func:`number_grids`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from govreport.model.document import Grid, Paragraph


class PendingGrid(Protocol):
    """A table read before its index among the document's grids is known."""

    def to_grid(self, index: int) -> Grid:
        """The finished grid, numbered ``index``."""
        ...


class BlockList:
    """The blocks of a document as a reader emits them; the next grid gets the next index."""

    def __init__(self) -> None:
        self.blocks: list[Paragraph | Grid] = []
        self.grids = 0

    def add_grid(self, build: Callable[[int], Grid]) -> Grid:
        """Build the next grid with its index, append it, and return it."""
        grid = build(self.grids)
        self.grids += 1
        self.blocks.append(grid)
        return grid

    def add(self, item: Paragraph | Grid | PendingGrid) -> None:
        """Append a paragraph, or a grid numbered in its place (renumbered if it was not)."""
        if isinstance(item, Paragraph):
            self.blocks.append(item)
        elif isinstance(item, Grid):
            self.add_grid(item.renumbered)
        else:
            self.add_grid(item.to_grid)


def number_grids(items: Iterable[Paragraph | Grid | PendingGrid]) -> list[Paragraph | Grid]:
    """The blocks of ``items`` in order, every grid numbered by its place among the grids."""
    blocks = BlockList()
    for item in items:
        blocks.add(item)
    return blocks.blocks
