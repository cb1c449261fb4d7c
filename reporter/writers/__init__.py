"""Writers: one HTML tree (or bytes) -> a file format. One module per output format."""
