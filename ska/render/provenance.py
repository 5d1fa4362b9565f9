"""Where a document comes from: its sources, when and by whom each last changed, and the
decision behind the plan it follows.

The document is "built from" the newest commit among its sources' last changes, not
from HEAD: that commit is the state of everything the document shows, and it does not
change when unrelated files do, so an unchanged document is not rebuilt.

Everything the section shows is masked (ska.personnummer.mask): a file name, a git author
name or a decision's text with a personnummer in it shows only the date part, since the
section is published with the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ska import gitinfo, personnummer
from ska import markdown as md
from ska.load.reads import GIT_REFS, UNSEEN
from ska.load.repository import Repository
from ska.model.gaps import Gap
from ska.model.organiser import Organiser


@dataclass(frozen=True)
class _Git:
    """What git says of the whole work tree, asked once per repository read (a build of
    2,000 documents asks git once, not five times per document)."""

    commits: dict[str, gitinfo.Commit]
    changed: set[str]
    in_git: bool


def _git(repo: Repository) -> _Git:
    def ask() -> _Git:
        repo.reads.note(GIT_REFS, UNSEEN)
        root = repo.root
        changed = gitinfo.changed_since_commit(root) or set()
        return _Git(gitinfo.last_commits(root), changed, gitinfo.work_tree(root) is not None)

    return repo.reads.derived(repo.derived, ("git", "härkomst"), ask)


def provenance(
    repo: Repository, sources: Iterable[str], organiser: Organiser | None
) -> dict[str, Any]:
    """The provenance section's data, for a template (keys in Swedish)."""
    git = _git(repo)
    commits, changed, in_git = git.commits, git.changed, git.in_git
    rows = []
    for path in sorted(set(sources)):
        commit = commits.get(path)
        rows.append(
            {
                "fil": path,
                "ändrad": md.date(commit.date) if commit else "–",
                "av": commit.author if commit else "–",
                "commit": commit.short if commit else "–",
                "ej_incheckad": path in changed or (in_git and commit is None),
            }
        )
    newest = max(
        (commits[p] for p in set(sources) if p in commits),
        key=lambda c: (c.date, c.hash),
        default=None,
    )
    plan = vars(organiser).get("plan") if organiser else None
    decision = plan.decision if plan is not None and not isinstance(plan, Gap) else None
    shown: dict[str, Any] = _masked(
        {
            "i_git": in_git,
            "commit": newest.short if newest else None,
            "commit_datum": md.date(newest.date) if newest else None,
            "ej_incheckade": [r["fil"] for r in rows if r["ej_incheckad"]],
            "källor": rows,
            "beslut": (
                {
                    "organ": decision.organ,
                    "datum": md.date(decision.date),
                    "paragraf": decision.paragraph,
                    "plan": plan.title if plan is not None else "",
                }
                if decision
                else None
            ),
        }
    )
    return shown


def _masked(value: Any) -> Any:
    """Every text in the data with its personnummer masked; the rest as it is. A commit
    hash is kept: ten hexadecimal digits can look like a number, but it is none."""
    if isinstance(value, str):
        return personnummer.mask(value)
    if isinstance(value, dict):
        return {key: item if key == "commit" else _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value
