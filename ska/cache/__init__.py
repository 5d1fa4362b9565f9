"""The cache: what ska worked out before, found again by the content it came from."""
