"""Rules: local (being written)."""
