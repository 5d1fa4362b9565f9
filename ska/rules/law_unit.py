"""Rules: law_unit (being written)."""
