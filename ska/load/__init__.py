"""Reading files: from bytes on disk to validated models with positions and findings."""
