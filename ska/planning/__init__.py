"""Planning: the årshjul's periods resolved to dates of a läsår."""
