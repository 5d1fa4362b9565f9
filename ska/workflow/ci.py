"""The CI workflows `ska init` writes: GitHub Actions and GitLab CI, shipped as files.

Both install ska as the distribution of the version that wrote them; SKA_PAKET at the top
of each file is the one place a kommun changes that (a newer version, or a git URL).
"""

from __future__ import annotations

from ska import DISTRIBUTION, __version__
from ska.shipped import TEMPLATES

PACKAGE = f"{DISTRIBUTION}=={__version__}"
"""What the workflows install: this very version of ska."""

_FOLDER = TEMPLATES / "ci"
_PLACEHOLDER = "@SKA_PAKET@"


def _workflow(name: str) -> str:
    text = (_FOLDER / name).read_text(encoding="utf-8")
    if _PLACEHOLDER not in text:
        raise RuntimeError(f"templates/ci/{name} does not say where ska comes from")
    return text.replace(_PLACEHOLDER, PACKAGE)


GITHUB_WORKFLOW = _workflow("github.yml")
GITLAB_CI = _workflow("gitlab-ci.yml")
