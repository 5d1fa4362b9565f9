"""Import every rule module, so that each registers its rules in `engine.RULES`.

The order here is the order of `ska regler` and of the generated rule list.
"""

from ska.rules import (  # noqa: F401
    accessibility,
    advice,
    law_organiser,
    law_unit,
    local,
    publishing,
    terms,
)
