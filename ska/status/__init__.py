"""The completeness matrix per läsår: `ska status`."""
