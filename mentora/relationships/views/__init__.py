"""Pages of the relationship lifecycle, one module per part of it."""
