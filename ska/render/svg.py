"""What every hand-drawn picture (the year wheel, the risk matrix, the målkarta) shares:
the font, and the SVG document around the drawing with its title and description for
screen readers. Texts pass through markupsafe's `escape`, the one escaping step of ska's
HTML templates."""

from __future__ import annotations

from markupsafe import escape

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def document(name: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    """An SVG picture `width` × `height` on white, named by `title` and described in words
    by `desc` (ids `<name>-titel`, `<name>-beskrivning`), around the drawn `body`."""
    size = f'width="{width:.0f}" height="{height:.0f}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" {size} viewBox="0 0 {width:.0f} '
        f'{height:.0f}" role="img" lang="sv" xml:lang="sv" '
        f'aria-labelledby="{name}-titel {name}-beskrivning" font-family="{FONT}">'
    )
    lines = [
        head,
        f'<title id="{name}-titel">{escape(title)}</title>',
        f'<desc id="{name}-beskrivning">{escape(desc)}</desc>',
        f'<rect {size} fill="#FFFFFF"/>',
        *body,
        "</svg>",
    ]
    return "\n".join(lines) + "\n"
