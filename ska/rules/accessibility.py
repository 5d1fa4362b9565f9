"""Rules: accessibility (being written)."""
