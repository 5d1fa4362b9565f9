"""ska: systematiskt kvalitetsarbete som text i git."""

__version__ = "0.1.0"

DISTRIBUTION = "systematiskt-kvalitetsarbete"
"""The name ska is installed under (pyproject.toml); the command and the import package are
`ska`, a name that on the package index belongs to another project."""
