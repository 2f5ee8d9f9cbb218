"""PDF reading: text layer, fonts, streams and page layout."""
