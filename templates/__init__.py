"""The templates that ship with ska; a kommun's own templates/ overrides them by name."""
