"""Everyday workflow: scaffolding, formatting, pull requests, history."""
