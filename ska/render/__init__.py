"""Rendering: from models to Markdown, PDF, Word and web."""
