"""Usage errors from the command-line library and pydantic's messages, in Swedish."""

from __future__ import annotations

from pathlib import Path

import pytest

from ska import cli, translate

ENGLISH = ("No such", "Missing", "Invalid value", "Input should", "Usage:", "Did you mean")


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["valdate"], "Kommandot 'valdate' finns inte. Menade du 'validate'?"),
        (["forklara"], "Argumentet 'REGEL' saknas."),
        (["status", "--veckor", "x"], "Ogiltigt värde för '--veckor': ska vara ett heltal."),
        (["status", "--veckor", "-1"], "ska vara minst 0"),
        (["validate", "--formt", "json"], "Flaggan --formt finns inte."),
        (["status", "--format", "xml"], "'xml' är inte ett av 'text', 'markdown', 'json'."),
        (["ny", "enhet", "x"], "Flaggan '--namn' saknas."),
        (["validate", "--lasar"], "Flaggan '--lasar' behöver ett värde."),
    ],
)
def test_usage_errors_are_in_swedish(
    args: list[str], swedish: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(args) == 2
    err = " ".join(capsys.readouterr().err.replace("│", " ").split())
    assert swedish in err
    assert "Användning: ska" in err or "--lasar" in args  # (click gives no usage there)
    assert not [word for word in ENGLISH if word in err]


def test_a_läsår_may_be_written_as_its_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = ["--rot", str(repo), "--datum", "2026-08-15"]
    assert cli.main(["validate", "--lasar", "2025-26", *root]) == 0
    assert cli.main(["validate", "--lasar", "2025/26", *root]) == 0
    assert cli.main(["validate", "--lasar", "2025-27", *root]) == 2
    assert "läsår" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        (
            "Input should be a valid integer, unable to parse string as an integer",
            "ska vara ett heltal",
        ),
        ("List should have at most 3 items after validation, not 4", "listan får ha högst 3 delar"),
        ("Value error, 'x' is not one of 'a', 'b'.", "'x' är inte ett av 'a', 'b'."),
        ("Något eget", "Något eget"),
    ],
)
def test_pydantic_messages(english: str, swedish: str) -> None:
    assert translate.value(english) == swedish
