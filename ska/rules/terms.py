"""Rules: terms (being written)."""
