"""Import every rule module, so that each registers its rules in `engine.RULES`.

`ska regler` and docs/regler.md list the rules by class (law, allmänna råd, publishing,
local), and within a class in the order they are registered: module by module in the
order below, rule by rule as written in each module.
"""

import importlib

MODULES = (
    "law_organiser",
    "law_unit",
    "kaa",
    "advice_organisation",
    "advice_follow_up",
    "results",
    "terms",
    "publishing",
    "accessibility",
    "local",
)

for _name in MODULES:
    importlib.import_module(f"ska.rules.{_name}")
