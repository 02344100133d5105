"""Plain-Python domain: documents, spans, offsets, formats. Never imports Qt or SQL."""
