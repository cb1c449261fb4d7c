"""Context builders: one per product, over the stored corpus (pandas where tables are computed)."""
