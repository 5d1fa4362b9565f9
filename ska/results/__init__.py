"""Results analysis: trends, gender gaps, comparisons, cohorts and the flags they raise."""
