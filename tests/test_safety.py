"""Attacks on ska, each tried against the real pipeline: every one must fail safely.

Content is data, never code; nothing outside the repository is read; published output
never reveals a pupil; nothing a person wrote is lost. Each test here fails if the
protection it tests is removed.
"""

from __future__ import annotations

import os
import shutil
import zlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ska.errors import UsageError
from ska.files import inside_folder, write_atomic
from ska.load.discovery import discover
from ska.load.documents import load_document
from ska.render import convert
from ska.render.build import BuildOptions, build
from ska.validate.run import validate_repository
from tests.conftest import (
    RESOURCES,
    findings,
    html_text,
    pdf_text,
    replace_in,
    table_after,
    write,
)

REPORT = "units/testskolan/2025-26/kvalitetsrapport.md"
SECRET = "hemlig-uppgift-7731"
KINDS = ("plan", "huvudmannarapport", "enhetsrapport")


def _png() -> bytes:
    """A valid 1×1 PNG, made here so that no binary file is needed in the repository."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0]))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + chunk(b"IEND", b"")


# -- 1. Content is data, never code --------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the repository that nothing may read."""
    path = tmp_path / "utanför" / "hemlig.svg"
    write(
        path.parent,
        path.name,
        f'<svg xmlns="http://www.w3.org/2000/svg"><text>{SECRET}</text></svg>',
    )
    return path


def test_images_outside_the_repository_are_findings(repo: Path, secret: Path) -> None:
    link = repo / "units/testskolan/2025-26/länk.svg"
    link.symlink_to(secret)
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        f"![a]({secret})\n\n![b](../../../../utanför/hemlig.svg)\n\n![c](länk.svg)\n\n"
        "![d](https://example.com/bild.png)",
    )
    found = [(f.line, f.rule, f.message) for f in findings(repo, REPORT)]
    assert found == [
        (22, "BILD-utanför", f"Bilden '{secret}' har en absolut sökväg."),
        (
            24,
            "BILD-utanför",
            "Bilden '../../../../utanför/hemlig.svg' är en sökväg som går utanför repositoriet.",
        ),
        (26, "BILD-utanför", "Bilden 'länk.svg' är en länk som pekar utanför repositoriet."),
        (28, "BILD-extern", "Bilden 'https://example.com/bild.png' ligger på webben."),
    ]


def test_the_build_never_reads_a_refused_image(repo: Path, secret: Path, tmp_path: Path) -> None:
    (repo / "units/testskolan/2025-26/länk.svg").symlink_to(secret)
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        f"![Hemligt]({secret}) ![Länk](länk.svg) ![Upp](../../../../utanför/hemlig.svg)",
    )
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, kinds=KINDS)).ok
    out = folder / "2025-26/testskolan"
    for name in ("kvalitetsrapport.md", "kvalitetsrapport.typ", "kvalitetsrapport.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert SECRET not in text, name
        assert "hemlig.svg" not in text, name
    assert b"hemlig" not in (out / "kvalitetsrapport.pdf").read_bytes()
    assert "*Hemligt* *Länk* *Upp*" in (out / "kvalitetsrapport.md").read_text(encoding="utf-8")


def test_a_document_linked_from_outside_is_never_read(repo: Path, tmp_path: Path) -> None:
    """A unit folder's report that is a symbolic link to a file elsewhere on the computer
    (which could be anything) is refused, and neither validation nor the build reads it."""
    outside = write(
        tmp_path / "utanför",
        "rapport.md",
        (repo / REPORT).read_text(encoding="utf-8").replace("280 elever", SECRET),
    )
    (repo / REPORT).unlink()
    (repo / REPORT).symlink_to(outside)
    inside = repo / "units/testskolan/2025-26/resultat/kopia.csv"
    inside.symlink_to(repo / "units/testskolan/2025-26/resultat/screening.csv")
    result = validate_repository(repo)
    assert [(f.path, f.rule) for f in result.findings if f.rule.startswith("FIL")] == [
        (REPORT, "FIL-läsning")
    ]
    assert all(SECRET not in f.message + f.hint for f in result.findings)
    assert "units/testskolan/2025-26/resultat/kopia.csv" in discover(repo).files
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, kinds=KINDS, formats=("html",)))
    assert [p for p in folder.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] == []


def test_an_image_inside_the_repository_is_published(repo: Path, tmp_path: Path) -> None:
    (repo / "units/testskolan/2025-26/elevrad.png").write_bytes(_png())
    replace_in(repo, REPORT, "Skolan har 280 elever.", "![Elevrådet i aulan](elevrad.png)")
    assert findings(repo) == []
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, kinds=KINDS)).ok
    out = folder / "2025-26/testskolan"
    assert (out / "bild-1.png").read_bytes() == _png()
    page = (out / "kvalitetsrapport.html").read_text(encoding="utf-8")
    assert '<img src="bild-1.png" alt="Elevrådet i aulan"' in page


def test_typst_cannot_read_outside_its_folder(tmp_path: Path, secret: Path) -> None:
    for attempt in (f'#read("{secret}")', f'#image("{secret}", alt: "x")', '#read("../x")'):
        typ = tmp_path / "dokument.typ"
        typ.write_text(
            f'#set document(title: "T")\n#set text(lang: "sv")\n{attempt}\n', encoding="utf-8"
        )
        with pytest.raises(convert.ConversionError):
            convert.to_pdf(typ, [], tmp_path / "dokument.pdf")
    assert not (tmp_path / "dokument.pdf").exists()


def test_template_syntax_in_content_is_printed(repo: Path, tmp_path: Path) -> None:
    # In Markdown, `__init__` is bold "init": escaped here so the text is shown as written.
    payload = "{{ cycler.__init__.__globals__.os.environ }} {% for x in range(3) %}x{% endfor %}"
    written = payload.replace("_", "\\_")
    replace_in(repo, REPORT, "Skolan har 280 elever.", written)
    replace_in(repo, "units/testskolan/enhet.yaml", "rektor: Karin Alm", "rektor: '{{ 7*7 }}'")
    folder = tmp_path / "bygg"
    build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS))
    text = html_text(folder / "2025-26/testskolan/kvalitetsrapport.html")
    assert payload in text
    assert "Rektor {{ 7*7 }}" in text  # YAML text is shown as written
    assert "49" not in text


def test_raw_formats_in_content_are_neutralised(repo: Path, tmp_path: Path) -> None:
    replace_in(
        repo,
        REPORT,
        "Skolan har 280 elever.",
        '```{=typst}\n#read("/etc/hostname")\n```\n\n`#image("/etc/x")`{=typst}\n\n'
        "<script>alert(1)</script>\n\n\\input{/etc/passwd}",
    )
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, formats=("pdf", "html"), kinds=KINDS)).ok
    typ = (folder / "2025-26/testskolan/kvalitetsrapport.typ").read_text(encoding="utf-8")
    assert "\n#read(" not in typ.replace("```\n#read(", "")  # only inside a raw block
    assert '`#image("/etc/x")`' in typ  # Typst raw text: shown, never run
    pdf = pdf_text(folder / "2025-26/testskolan/kvalitetsrapport.pdf")
    assert '#read("/etc/hostname")' in pdf
    assert '#image("/etc/x")' in pdf
    assert "<script>alert(1)</script>" in pdf
    html = (folder / "2025-26/testskolan/kvalitetsrapport.html").read_text(encoding="utf-8")
    assert "<script>" not in html


def test_billion_laughs_and_huge_files_are_refused(repo: Path) -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    write(repo, "plans/mal.yaml", laughs)
    assert "YAML-alias" in {f.rule for f in findings(repo, "plans/mal.yaml")}
    write(repo, "plans/fokusomraden.yaml", "x: " + "a" * (3 * 1024 * 1024))
    assert [f.rule for f in findings(repo, "plans/fokusomraden.yaml")] == ["FIL-storlek"]


# -- 2. Published output never reveals a pupil ------------------------------------------


def test_small_groups_are_hidden_in_the_rendered_report(repo: Path, tmp_path: Path) -> None:
    write(
        repo,
        "units/testskolan/2025-26/resultat/screening.csv",
        "mått,termin,grupp,kön,antal,totalt\n"
        "Läsflyt,ht2025,åk 2,flickor,3,4\nLäsflyt,ht2025,åk 2,pojkar,17,21\n"
        "Läsflyt,ht2025,åk 2,alla,20,25\n",
    )
    folder = tmp_path / "bygg"
    assert build(repo, BuildOptions(folder=folder, formats=("html",), kinds=KINDS)).ok
    text = (folder / "2025-26/testskolan/kvalitetsrapport.md").read_text(encoding="utf-8")
    assert ["Läsflyt", "ht2025", "åk 2", "..", "..", "80 %", "25"] in table_after(
        text, "## Screening för flickor och pojkar"
    )
    assert ["Läsflyt", "åk 2", "80 %", "25"] in table_after(text, "## Screening")  # overview
    assert "75 %" not in text  # flickor 3 of 4
    assert "81 %" not in text  # pojkar 17 of 21, which would reveal flickor


def test_personnummer_is_an_error_with_the_number_masked(repo: Path) -> None:
    replace_in(repo, REPORT, "Skolan har 280 elever.", "Kontakt: 121212-1212.")
    result = validate_repository(repo, None, rules=True)
    found = [f for f in result.findings if f.rule == "PUB-personnummer"]
    assert [(f.path, f.severity) for f in found] == [(REPORT, "fel")]
    assert "121212-1212" not in found[0].message
    assert "121212-****" in found[0].message


# -- 3. Nothing is lost -------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"gammal")

    def crash(*args: object) -> None:
        raise OSError("strömavbrott")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="strömavbrott"):
        write_atomic(target, b"ny")
    assert target.read_bytes() == b"gammal"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.pdf"]


@pytest.mark.parametrize("folder", ["plans", "units/testskolan", "templates", ".", ".."])
def test_build_refuses_a_folder_with_peoples_files(repo: Path, folder: str) -> None:
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    with pytest.raises(UsageError):
        build(repo, BuildOptions(folder=repo / folder, kinds=KINDS))
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before


def test_build_output_stays_inside_the_build_folder(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="utanför byggmappen"):
        inside_folder(tmp_path / "bygg", tmp_path / "bygg" / ".." / "plans")


_KIND_FILES = sorted({located.path for located in discover(RESOURCES / "minimal").files.values()})


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("lek") / "kommun"
    shutil.copytree(RESOURCES / "minimal", target)
    return target


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(_KIND_FILES), st.binary(max_size=2000))
def test_arbitrary_bytes_give_findings_or_success(playground: Path, rel: str, data: bytes) -> None:
    path = playground / rel
    original = path.read_bytes()
    try:
        path.write_bytes(data)
        located = discover(playground).files[rel]
        document = load_document(playground, located)
        assert document.model is not None or document.findings
    finally:
        path.write_bytes(original)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)


_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    _nested,
    max_leaves=15,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from([p for p in _KIND_FILES if p.endswith(".yaml")]), _YAML_VALUES)
def test_arbitrary_yaml_gives_findings_or_success(
    playground: Path, rel: str, value: object
) -> None:
    path = playground / rel
    original = path.read_bytes()
    try:
        path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        document = load_document(playground, discover(playground).files[rel])
        assert document.model is not None or document.findings
    finally:
        path.write_bytes(original)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400), st.text(max_size=400))
def test_arbitrary_markdown_and_the_rules_never_crash(
    playground: Path, front: str, body: str
) -> None:
    path = playground / REPORT
    original = path.read_bytes()
    try:
        path.write_text(f"---\n{front}\n---\n## Analys\n{body}\n", encoding="utf-8")
        result = validate_repository(playground, None, rules=True)
        assert result.files > 0
    finally:
        path.write_bytes(original)


def test_a_template_cannot_reach_python(repo: Path, tmp_path: Path) -> None:
    write(
        repo,
        "templates/enhetsrapport.md.j2",
        "---\ntitle: x\n---\n\n{{ ().__class__.__base__.__subclasses__() }}\n",
    )
    result = build(
        repo, BuildOptions(folder=tmp_path / "bygg", formats=("html",), kinds=("enhetsrapport",))
    )
    assert {(f.path, f.line, f.rule) for f in result.findings} == {
        ("templates/enhetsrapport.md.j2", 5, "BYGG-mall")
    }
    assert "subclasses" not in " ".join(f.message for f in result.findings)
    assert result.built == []
