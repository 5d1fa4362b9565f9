"""The CI workflows `ska init` writes: GitHub Actions and GitLab CI, shipped as files."""

from __future__ import annotations

from ska.shipped import TEMPLATES

_FOLDER = TEMPLATES / "ci"

GITHUB_WORKFLOW = (_FOLDER / "github.yml").read_text(encoding="utf-8")
GITLAB_CI = (_FOLDER / "gitlab-ci.yml").read_text(encoding="utf-8")
