"""Rules: advice (being written)."""
