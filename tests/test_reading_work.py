"""Reading a large repository: the work grows with the files, not with their depth or
their words. Counted, never timed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ska.files import Refused, folders_remembered, read_inside
from ska.load import wordchars


def _tree(root: Path, folders: int, per_folder: int) -> list[str]:
    made = []
    for f in range(folders):
        folder = root / "units" / f"enhet-{f}" / "2025-26" / "resultat"
        folder.mkdir(parents=True)
        for i in range(per_folder):
            (folder / f"fil-{i}.csv").write_text("mått\n", encoding="utf-8")
            made.append(f"units/enhet-{f}/2025-26/resultat/fil-{i}.csv")
    return made


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = os.path.realpath

    def counted(path: str | os.PathLike[str], *args: object, **kwargs: object) -> str:
        calls.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os.path, "realpath", counted)
    return calls


def test_each_folder_is_resolved_once_while_a_repository_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rels = _tree(tmp_path, folders=5, per_folder=20)
    calls = _counting(monkeypatch)
    for rel in rels:
        read_inside(tmp_path, rel)
    outside = len(calls)
    calls.clear()
    with folders_remembered():
        for rel in rels:
            assert read_inside(tmp_path, rel) == b"m\xc3\xa5tt\n"
    assert outside == 3 * len(rels)  # the file, the root and the file again, each time
    assert len(calls) <= 1, calls  # only the file system root, once


def test_a_link_out_is_refused_while_folders_are_remembered(tmp_path: Path) -> None:
    root, secret = tmp_path / "repo", tmp_path / "hemligt"
    (root / "units" / "a").mkdir(parents=True)
    secret.mkdir()
    (secret / "x.yaml").write_text("namn: hemlig\n", encoding="utf-8")
    (root / "units" / "a" / "ok.yaml").write_text("namn: a\n", encoding="utf-8")
    (root / "units" / "b").symlink_to(secret)
    (root / "units" / "a" / "fil.yaml").symlink_to(secret / "x.yaml")
    with folders_remembered():
        assert read_inside(root, "units/a/ok.yaml") == b"namn: a\n"
        for rel in ("units/b/x.yaml", "units/a/fil.yaml", "units/a/../../../hemligt/x.yaml"):
            with pytest.raises(Refused):
                read_inside(root, rel)


def test_the_remembered_paths_are_forgotten_after_the_run(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "units" / "a").mkdir(parents=True)
    (root / "units" / "a" / "f.yaml").write_text("x: 1\n", encoding="utf-8")
    with folders_remembered():
        read_inside(root, "units/a/f.yaml")
    outside = tmp_path / "ute"
    (root / "units" / "a").rename(outside)
    (root / "units" / "a").symlink_to(outside)  # swapped for a link between runs
    with folders_remembered(), pytest.raises(Refused):
        read_inside(root, "units/a/f.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "namn: Åsa Öberg\nmål: läsförståelse ökar\n",  # Swedish letters only: nothing odd
        "namn:\u00a0Åsa\n",
        "a: 1\n- \u200bb\n",
        "citat: ”hej”\n",
        "# kommentar med\u00a0hårt mellanslag\nnamn: x\n",
        "rad:\u00a0\u00a0två\nannan: ”x”\nosynlig: a\u00adb\n",
    ],
)
def test_the_quick_look_finds_what_the_line_by_line_scan_finds(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = wordchars.scan(text)
    monkeypatch.setattr(wordchars, "_ANY_ODD", _Always())
    assert quick == wordchars.scan(text)
    assert wordchars.findings_of(quick, "p.yaml") == wordchars.findings(text, "p.yaml")
    assert wordchars.breaks(quick) == wordchars.breaks_structure(text)


class _Always:
    """A stand-in for the quick look that always says: look line by line."""

    def search(self, text: str) -> object:
        return True


def test_result_rows_naming_the_same_columns_share_one_set_of_them() -> None:
    from ska.load.csvtable import parse_results

    text = "mått,termin,grupp,kön,antal,totalt\n" + "".join(
        f"Läsning,vt2026,åk {g},{k},{g},20\n" for g in range(1, 10) for k in ("flickor", "pojkar")
    )
    text += "Läsning,vt2026,åk 9,alla,3,20\n"
    table, found = parse_results(text, "units/a/2025-26/resultat/r.csv")
    assert table is not None
    assert not found
    sets = {id(row.__pydantic_fields_set__) for row in table.rows}
    assert len(table.rows) == 19
    assert len(sets) == 1
    first = table.rows[0]
    assert first.model_fields_set == {"measure", "term", "group", "gender", "count", "total"}
