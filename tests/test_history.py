"""ska.workflow.history: the semantic diff between two versions, on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from git import Repo

from ska.errors import UsageError
from ska.workflow.history import (
    WORKTREE,
    Change,
    semantic_diff,
    to_json,
    to_markdown,
    to_text,
)
from tests.conftest import replace_in, write

INSATS = "plans/insatser/läslyftet.yaml"
PLAN = "units/testskolan/2025-26/utvecklingsplan.yaml"
REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"

NEW_GOAL = """\
  - id: trygghet
    namn: Alla barn och elever känner sig trygga
    kf_målområde: barn-och-unga
    läroplansområden: [normer_och_värden]
"""

NEW_AREA = """\
  - id: trygghet-2025-26
    beskrivning: Tryggheten på rasterna behöver öka.
    varför: Trygghetsenkäten visar otrygga platser på skolgården.
"""

NEW_COMMITMENT = """\
      - id: läsgrupper
        beskrivning: Elever under gränsvärdet läser i små grupper.
        tänkta_effekter: [Alla elever når gränsvärdet i åk 3.]
        aktiviteter:
          - beskrivning: Läsgrupper tre gånger i veckan.
            förväntat_resultat: Snabbare framsteg i läsflyt.
"""


def git_init(root: Path) -> None:
    with Repo.init(root, initial_branch="main") as repo, repo.config_writer() as config:
        config.set_value("user", "name", "Rektor Test")
        config.set_value("user", "email", "rektor@example.se")
        config.set_value("commit", "gpgsign", "false")


def commit(root: Path, day: str, message: str = "Ändring") -> str:
    """Commit everything in the repository `root` is in, dated `day`; the new hash."""
    stamp = f"{day}T12:00:00+02:00"
    with Repo(root, search_parent_directories=True) as repo:
        repo.git.add("--all")
        with repo.git.custom_environment(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp):
            repo.git.commit("--no-verify", "-m", message)
        return repo.head.commit.hexsha


@pytest.fixture
def history(repo: Path) -> Path:
    """The minimal repository as the first commit of a git repository."""
    git_init(repo)
    commit(repo, "2026-01-10", "Första versionen")
    return repo


def changes(root: Path, old: str = "HEAD~1", new: str | None = "HEAD") -> list[Change]:
    diff = semantic_diff(root, old, new)
    assert diff.findings == []
    return diff.changes


def test_added_board_goal(history: Path) -> None:
    replace_in(history, "plans/mal.yaml", "mål:\n", "mål:\n" + NEW_GOAL)
    commit(history, "2026-02-01")
    title = "Alla barn och elever känner sig trygga"
    assert changes(history) == [
        Change("nämndmål", "trygghet", "tillagd", title, (), "plans/mal.yaml")
    ]


def test_removed_indicator(history: Path) -> None:
    text = (history / "plans/mal.yaml").read_text(encoding="utf-8")
    write(history, "plans/mal.yaml", text.split("    indikatorer:")[0])
    commit(history, "2026-02-01")
    name = "Andel elever i åk 9 behöriga till yrkesprogram"
    assert changes(history) == [
        Change(
            "indikator", "hög-måluppfyllelse/behörighet", "borttagen", name, (), "plans/mal.yaml"
        )
    ]


def test_changed_indicator_value_and_board_goal(history: Path) -> None:
    replace_in(history, "plans/mal.yaml", "{värde: 90,", "{värde: 92.5,")
    replace_in(history, "plans/mal.yaml", "[kunskaper]", "[kunskaper, normer_och_värden]")
    commit(history, "2026-02-01")
    found = changes(history)
    assert [(c.kind, c.id, c.action, c.fields) for c in found] == [
        (
            "nämndmål",
            "hög-måluppfyllelse",
            "ändrad",
            (("läroplansområden", "kunskaper", "kunskaper, normer_och_värden"),),
        ),
        (
            "indikator",
            "hög-måluppfyllelse/behörighet",
            "ändrad",
            (("målvärde.värde", "90", "92.5"),),
        ),
    ]


def test_changed_insats_status_and_effekt(history: Path) -> None:
    replace_in(history, INSATS, "status: genomförande", "status: avslutad")
    (history / INSATS).write_text(
        (history / INSATS).read_text(encoding="utf-8") + "effekt: Fler elever läser dagligen.\n",
        encoding="utf-8",
    )
    commit(history, "2026-02-01")
    fields = (("status", "genomförande", "avslutad"), ("effekt", "", "Fler elever läser dagligen."))
    assert changes(history) == [
        Change("insats", "läslyftet", "ändrad", "Läslyftet", fields, INSATS)
    ]


def test_long_text_is_shortened(history: Path) -> None:
    long = "Förbättra språkutveckling och läsfrämjande arbete " + "i alla klasser " * 10
    replace_in(history, INSATS, "Förbättra språkutveckling och läsfrämjande arbete.", long)
    commit(history, "2026-02-01")
    ((key, old, new),) = changes(history)[0].fields
    assert (key, old) == ("syfte", "Förbättra språkutveckling och läsfrämjande arbete.")
    assert len(new) == 80
    assert new.endswith("…")


def test_added_commitment(history: Path) -> None:
    replace_in(history, PLAN, "uppföljningar:", NEW_COMMITMENT + "uppföljningar:")
    commit(history, "2026-02-01")
    title = "Elever under gränsvärdet läser i små grupper."
    assert changes(history) == [
        Change("åtagande", "testskolan/2025-26/läsgrupper", "tillagd", title, (), PLAN)
    ]


def test_removed_development_area(history: Path) -> None:
    replace_in(
        history, REPORT, "tidigare_utvecklingsområden:", NEW_AREA + "tidigare_utvecklingsområden:"
    )
    commit(history, "2026-02-01")
    replace_in(history, REPORT, NEW_AREA, "")
    commit(history, "2026-03-01")
    title = "Tryggheten på rasterna behöver öka."
    assert changes(history) == [
        Change(
            "utvecklingsområde",
            "testskolan/2025-26/trygghet-2025-26",
            "borttagen",
            title,
            (),
            REPORT,
        )
    ]
    # Two commits back: the area was added and removed again, so nothing changed.
    assert changes(history, "HEAD~2") == []


def test_branch_against_main(history: Path) -> None:
    with Repo(history) as repo:
        repo.git.checkout("-b", "ny-insats")
    write(history, "plans/insatser/läsombud.yaml", (history / INSATS).read_text(encoding="utf-8"))
    replace_in(history, "plans/insatser/läsombud.yaml", "titel: Läslyftet", "titel: Läsombud")
    commit(history, "2026-02-01")
    path = "plans/insatser/läsombud.yaml"
    assert changes(history, "main", "ny-insats") == [
        Change("insats", "läsombud", "tillagd", "Läsombud", (), path)
    ]
    assert changes(history, "ny-insats", "main") == [
        Change("insats", "läsombud", "borttagen", "Läsombud", (), path)
    ]


def test_renamed_insats_is_removed_and_added(history: Path) -> None:
    with Repo(history) as repo:
        repo.git.mv(INSATS, "plans/insatser/läslyft.yaml")
    commit(history, "2026-02-01")
    assert [(c.id, c.action) for c in changes(history)] == [
        ("läslyft", "tillagd"),
        ("läslyftet", "borttagen"),
    ]


def test_root_below_the_work_tree(repo: Path) -> None:
    top = repo.parent
    write(top, "README.md", "Kommunens kvalitetsarbete.\n")
    git_init(top)
    commit(top, "2026-01-10")
    replace_in(repo, INSATS, "status: genomförande", "status: uppföljning")
    write(top, "README.md", "Ändrad.\n")
    commit(top, "2026-02-01")
    assert changes(repo) == [
        Change(
            "insats",
            "läslyftet",
            "ändrad",
            "Läslyftet",
            (("status", "genomförande", "uppföljning"),),
            INSATS,
        )
    ]


def test_worktree_is_the_files_on_disk(history: Path) -> None:
    replace_in(history, INSATS, "status: genomförande", "status: avbruten")
    write(history, "units/testskolan/insatser/testskolan-rastvärdar.yaml", "titel: Rastvärdar\n")
    text = (history / INSATS).read_text(encoding="utf-8")
    write(history, "units/testskolan/insatser/testskolan-lästid.yaml", text)
    for new in (WORKTREE, None):
        diff = semantic_diff(history, "HEAD", new)
        assert (diff.new, diff.new_commit) == (WORKTREE, "")
        assert [(c.id, c.action) for c in diff.changes] == [
            ("läslyftet", "ändrad"),
            ("testskolan-lästid", "tillagd"),
        ]
        assert [(f.path, f.rule) for f in diff.findings] == [
            ("units/testskolan/insatser/testskolan-rastvärdar.yaml", "HISTORIK-oläslig")
        ]


def test_unknown_ref(history: Path) -> None:
    with pytest.raises(UsageError, match=r"^Hittar inte versionen 'finns-inte' i git\.$"):
        semantic_diff(history, "finns-inte", "HEAD")
    with pytest.raises(UsageError, match="Hittar inte versionen '--output=x'"):
        semantic_diff(history, "HEAD", "--output=x")


def test_not_a_git_repository(repo: Path) -> None:
    with pytest.raises(UsageError, match="ligger inte i ett git-repositorium"):
        semantic_diff(repo, "HEAD", "HEAD")


def test_file_invalid_at_one_ref_is_a_finding(history: Path) -> None:
    goals = (history / "plans/mal.yaml").read_text(encoding="utf-8")
    write(history, "plans/mal.yaml", "period:\n  från: 2026\nmål: [\n")
    replace_in(history, INSATS, "status: genomförande", "status: avslutad")
    commit(history, "2026-02-01", "Trasig mal.yaml")
    diff = semantic_diff(history, "HEAD~1", "HEAD")
    assert [(c.id, c.action) for c in diff.changes] == [("läslyftet", "ändrad")]
    ((finding,),) = [diff.findings]
    assert (finding.path, finding.rule, finding.line) == ("plans/mal.yaml", "HISTORIK-oläslig", 4)
    assert finding.message.startswith("Filen går inte att läsa i versionen 'HEAD': ")
    # Mended in the next commit: compared with the first, the goals are unchanged.
    write(history, "plans/mal.yaml", goals)
    commit(history, "2026-03-01")
    assert semantic_diff(history, "HEAD~2", "HEAD").findings == []


def test_identical_refs(history: Path) -> None:
    diff = semantic_diff(history, "main", "HEAD")
    assert (diff.changes, diff.findings) == ([], [])
    assert diff.old_commit == diff.new_commit
    assert "Inga ändringar" in to_markdown(diff)
    assert to_text(diff).endswith(": inga.\n")


def test_markdown(history: Path) -> None:
    replace_in(history, "plans/mal.yaml", "mål:\n", "mål:\n" + NEW_GOAL)
    replace_in(history, INSATS, "status: genomförande", "status: avslutad")
    replace_in(
        history,
        INSATS,
        "nämndmål: [hög-måluppfyllelse]",
        "nämndmål: [hög-måluppfyllelse, trygghet]",
    )
    replace_in(history, PLAN, "uppföljningar:", NEW_COMMITMENT + "uppföljningar:")
    commit(history, "2026-02-01")
    diff = semantic_diff(history, "HEAD~1", "main")
    old, new = diff.old_commit[:10], diff.new_commit[:10]
    assert (
        to_markdown(diff)
        == f"""\
## Ändringar från HEAD~1 ({old}) till main ({new})

2 tillagda, 1 ändrad.

### Nämndens mål

**Nya**

- `trygghet` – Alla barn och elever känner sig trygga

### Insatser

**Ändrade**

- `läslyftet` – Läslyftet
  - nämndmål: hög-måluppfyllelse → hög-måluppfyllelse, trygghet
  - status: genomförande → avslutad

### Åtaganden

**Nya**

- `testskolan/2025-26/läsgrupper` – Elever under gränsvärdet läser i små grupper.
"""
    )


def test_text_and_json(history: Path) -> None:
    replace_in(history, INSATS, "status: genomförande", "status: avslutad")
    commit(history, "2026-02-01")
    diff = semantic_diff(history, "HEAD~1", "HEAD")
    assert to_text(diff).splitlines()[1:] == [
        f"~ insats läslyftet: Läslyftet ({INSATS})",
        "    status: genomförande → avslutad",
    ]
    data = json.loads(to_json(diff))
    assert data["från"] == {"version": "HEAD~1", "commit": diff.old_commit}
    assert data["ändringar"] == [
        {
            "typ": "insats",
            "id": "läslyftet",
            "ändring": "ändrad",
            "titel": "Läslyftet",
            "fält": [{"namn": "status", "före": "genomförande", "efter": "avslutad"}],
            "fil": INSATS,
        }
    ]
    assert data["fynd"] == []
