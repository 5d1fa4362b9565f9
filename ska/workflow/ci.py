"""The CI workflows `ska init` writes: GitHub Actions and GitLab CI, shipped as files."""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).resolve().parent.parent / "templates" / "ci"

GITHUB_WORKFLOW = (_FOLDER / "github.yml").read_text(encoding="utf-8")
GITLAB_CI = (_FOLDER / "gitlab-ci.yml").read_text(encoding="utf-8")
