"""Temporary checker for helpers: schema validation + id cross-check against BRIEF.md lists."""
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generator.model import DATA_FILES  # noqa: E402

brief = Path(__file__).with_name("BRIEF.md").read_text()
known = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`", brief))
path = Path(sys.argv[1])
data = yaml.safe_load(path.read_text())
model = DATA_FILES[path.name]
try:
    model.model_validate(data)
    print("schema: OK")
except Exception as exc:  # noqa: BLE001
    print(exc)
REF_KEYS = {"actors", "sender_actors", "member_actors", "ask", "stages", "dispositifs",
            "instances", "source", "organiser", "category", "parent", "see"}


def walk(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            walk(v, k)
    elif isinstance(node, list):
        for v in node:
            walk(v, key)
    elif isinstance(node, str) and key in REF_KEYS and key != "see":
        if node not in known:
            print(f"unknown id in '{key}': {node}")


walk(data)
