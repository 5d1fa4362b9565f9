"""ska.gitinfo: first commit dates from real temporary git repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from git import Repo

from ska import gitinfo
from tests.conftest import write


def init_git(root: Path) -> None:
    """Make `root` a git repository with a committer identity of its own."""
    with Repo.init(root) as repo, repo.config_writer() as config:
        config.set_value("user", "name", "Rektor Test")
        config.set_value("user", "email", "rektor@example.se")
        config.set_value("commit", "gpgsign", "false")


def commit(root: Path, day: str, *paths: str, message: str = "Ändring") -> None:
    """Commit `paths` (everything if none) in the repository at `root`, dated `day`."""
    stamp = f"{day}T12:00:00+02:00"
    with Repo(root, search_parent_directories=True) as repo:
        repo.git.add("--all", "--", *(paths or (".",)))
        with repo.git.custom_environment(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp):
            repo.git.commit("--no-verify", "-m", message)


def test_not_a_repository(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "text")
    assert gitinfo.work_tree(tmp_path) is None
    assert gitinfo.first_commit_date(tmp_path, "a.md") is None


def test_missing_folder(tmp_path: Path) -> None:
    assert gitinfo.work_tree(tmp_path / "finns-inte") is None
    assert gitinfo.first_commit_date(tmp_path / "finns-inte", "a.md") is None


def test_repository_without_commits(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "a.md", "text")
    assert gitinfo.work_tree(tmp_path) == tmp_path.resolve()
    assert gitinfo.first_commit_date(tmp_path, "a.md") is None


def test_first_commit_date_is_the_commit_that_added_the_file(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "units/förskolan-ekorren/2025-26/kvalitetsrapport.md", "Utkast")
    commit(tmp_path, "2026-05-20")
    write(tmp_path, "units/förskolan-ekorren/2025-26/kvalitetsrapport.md", "Klar")
    commit(tmp_path, "2026-07-02")
    path = "units/förskolan-ekorren/2025-26/kvalitetsrapport.md"
    assert gitinfo.first_commit_date(tmp_path, path) == dt.date(2026, 5, 20)


def test_renamed_file_keeps_its_first_date(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "gammal/rapport.md", "En rapport med tillräckligt mycket text.\n" * 5)
    commit(tmp_path, "2026-03-01")
    with Repo(tmp_path) as repo:
        repo.git.mv("gammal", "ny")
    commit(tmp_path, "2026-09-01")
    assert gitinfo.first_commit_date(tmp_path, "ny/rapport.md") == dt.date(2026, 3, 1)


def test_untracked_file_has_no_date(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "a.md", "text")
    commit(tmp_path, "2026-01-10")
    write(tmp_path, "b.md", "text")
    assert gitinfo.first_commit_date(tmp_path, "b.md") is None
    assert gitinfo.first_commit_date(tmp_path, "finns-inte.md") is None


def test_root_below_the_work_tree(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "dokumentation/plans/huvudman.yaml", "namn: Test\n")
    commit(tmp_path, "2025-12-16")
    root = tmp_path / "dokumentation"
    assert gitinfo.work_tree(root) == tmp_path.resolve()
    assert gitinfo.first_commit_date(root, "plans/huvudman.yaml") == dt.date(2025, 12, 16)


def test_path_outside_the_work_tree(tmp_path: Path) -> None:
    init_git(tmp_path / "repo")
    write(tmp_path, "repo/a.md", "text")
    commit(tmp_path / "repo", "2026-01-10")
    assert gitinfo.first_commit_date(tmp_path / "repo", "../utanför.md") is None


def test_a_new_commit_is_seen_despite_the_cache(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "a.md", "text")
    commit(tmp_path, "2026-01-10")
    write(tmp_path, "b.md", "text")
    assert gitinfo.first_commit_date(tmp_path, "b.md") is None
    commit(tmp_path, "2026-02-11")
    assert gitinfo.first_commit_date(tmp_path, "b.md") == dt.date(2026, 2, 11)
    gitinfo.clear_cache()
    assert gitinfo.first_commit_date(tmp_path, "a.md") == dt.date(2026, 1, 10)


def test_a_copy_gets_its_own_date(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "templates/kvalitetsrapport.md", "# Kvalitetsrapport\n\nMall.\n")
    commit(tmp_path, "2025-08-01")
    write(tmp_path, "units/byskolan/2025-26/kvalitetsrapport.md", "# Kvalitetsrapport\n\nMall.\n")
    commit(tmp_path, "2026-07-05")
    path = "units/byskolan/2025-26/kvalitetsrapport.md"
    assert gitinfo.first_commit_date(tmp_path, path) == dt.date(2026, 7, 5)


def test_deleted_and_added_again_keeps_the_first_date(tmp_path: Path) -> None:
    init_git(tmp_path)
    write(tmp_path, "a.md", "första\n")
    commit(tmp_path, "2026-01-10")
    (tmp_path / "a.md").unlink()
    write(tmp_path, "b.md", "annan\n")
    commit(tmp_path, "2026-02-10")
    write(tmp_path, "a.md", "andra\n")
    commit(tmp_path, "2026-03-10")
    assert gitinfo.first_commit_date(tmp_path, "a.md") == dt.date(2026, 1, 10)


def test_renamed_twice_and_edited(tmp_path: Path) -> None:
    init_git(tmp_path)
    text = "".join(f"Rad {i} i rapporten om läsåret.\n" for i in range(20))
    write(tmp_path, "ett/rapport.md", text)
    commit(tmp_path, "2026-04-01")
    with Repo(tmp_path) as repo:
        repo.git.mv("ett", "två")
    commit(tmp_path, "2026-05-01")
    with Repo(tmp_path) as repo:
        repo.git.mv("två/rapport.md", "två/kvalitetsrapport.md")
    write(tmp_path, "två/kvalitetsrapport.md", text + "En rad till.\n")
    commit(tmp_path, "2026-06-01")
    assert gitinfo.first_commit_date(tmp_path, "två/kvalitetsrapport.md") == dt.date(2026, 4, 1)
