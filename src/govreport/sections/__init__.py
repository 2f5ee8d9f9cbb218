"""Section plugins: the report's parts found under their headings.

Built-in sections register through the same entry-point group a third party uses,
``govreport.sections``; a parser can add more with :meth:`govreport.Parser.use`.
"""

from govreport.sections.plugin import (
    SECTION_API_VERSION,
    Heading,
    SectionContext,
    SectionPlugin,
)

__all__ = ["SECTION_API_VERSION", "Heading", "SectionContext", "SectionPlugin"]
