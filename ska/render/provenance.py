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
from pathlib import Path
from typing import Any

from ska import gitinfo, personnummer
from ska import markdown as md
from ska.model.gaps import Gap
from ska.model.organiser import Organiser


def provenance(root: Path, sources: Iterable[str], organiser: Organiser | None) -> dict[str, Any]:
    """The provenance section's data, for a template (keys in Swedish)."""
    commits = gitinfo.last_commits(root)
    changed = gitinfo.changed_since_commit(root) or set()
    in_git = gitinfo.work_tree(root) is not None
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
