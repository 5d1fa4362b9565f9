"""`ska validate`: schema, placement and reference checks over a repository."""
