"""The static site: an index page linking every built document, per läsår and unit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ska.files import write_atomic
from ska.load.repository import Repository
from ska.render.templating import Target, environment, render

if TYPE_CHECKING:
    from ska.render.documents import Job

FORMAT_NAMES = {
    "pdf": "PDF",
    "html": "webbsida",
    "docx": "Word",
    "ics": "kalenderfil",
    "svg": "hjulet som bild",
}


def write_site(
    folder: Path, repo: Repository, jobs: list[Job], outputs: dict[str, list[Path]]
) -> Path:
    """Write index.html in the build folder; documents not built are left out."""
    groups: dict[str, list[dict[str, object]]] = {}
    for job in jobs:
        files = [p for p in outputs.get(job.id, []) if p.exists()]
        if not files:
            continue
        heading = f"Läsåret {job.year}" if job.year else "Planer"
        groups.setdefault(heading, []).append(
            {
                "titel": job.title,
                "länkar": [
                    {"href": p.relative_to(folder).as_posix(), "format": FORMAT_NAMES[p.suffix[1:]]}
                    for p in files
                ],
            }
        )
    organiser = repo.organiser
    context = {
        "huvudman": organiser.name if organiser else "Systematiskt kvalitetsarbete",
        "grupper": [{"rubrik": h, "dokument": d} for h, d in sorted(groups.items(), reverse=True)],
    }
    page = render(environment(repo.root, Target.HTML), "webb/index.html.j2", context)
    target = folder / "index.html"
    write_atomic(target, page)
    return target
