"""Template -> Markdown -> one HTML document that every writer reads."""
