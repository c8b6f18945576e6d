"""Plain frozen rows handed to the UI, one module per area (never live ORM objects)."""
