"""The kommun's logotype on every document's cover (`logotyp` under `inställningar` in
ska.yaml): a PNG, JPEG or SVG file inside the repository, read through the one file
opener and copied beside each document under a name ska chooses. An SVG is checked like
every published picture before it is written."""

from __future__ import annotations

from pathlib import Path

from ska.checks.commands import BYGG_LOGOTYP
from ska.files import Refused, read_inside
from ska.findings import Finding
from ska.model import kinds as K
from ska.render import pagecheck
from ska.render.convert import LOGO

# The file's kind by its first bytes, so a renamed file is what it says it is.
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


def _kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


def read_logo(root: Path, rel: str) -> tuple[dict[str, bytes], Finding | None]:
    """`{'logotyp.png': bytes}` for the setting, or nothing and the finding why not."""

    def refused(why: str) -> tuple[dict[str, bytes], Finding]:
        return {}, BYGG_LOGOTYP.warning(
            K.CONFIG.pattern,
            f"Logotypen {rel} {why}; dokumenten byggs utan logotyp.",
            "Lägg logotypen som PNG, JPEG eller SVG i repositoriet, t.ex. "
            "plans/logotyp.png, och ange sökvägen under inställningar: logotyp.",
        )

    try:
        data = read_inside(root, rel)
    except Refused as exc:
        return refused(str(exc))
    except OSError:
        return refused("finns inte")
    kind = _kind(data)
    if kind is None:
        return refused("är inte en PNG-, JPEG- eller SVG-bild")
    if kind == "svg" and pagecheck.problems(data.decode("utf-8", "replace"), svg=True):
        return refused("innehåller sådant som skulle kunna köras i en webbläsare")
    return {f"{LOGO}.{kind}": data}, None
