"""Rules: publishing (being written)."""
