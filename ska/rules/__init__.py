"""Completeness rules: skollagen, Skolverket's allmänna råd, publishing law, local choices."""
