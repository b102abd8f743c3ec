"""JSON Schemas of the data files, generated from the model, for editors (VS Code + YAML
extension reads the ``# yaml-language-server: $schema=…`` line at the top of each file)."""

from __future__ import annotations

import json
from pathlib import Path

from .model import DATA_FILES


def schema_texts() -> dict[str, str]:
    """File name → JSON Schema text, for every data file."""
    out = {}
    for name, model in DATA_FILES.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"data/{name}"
        out[f"{Path(name).stem}.schema.json"] = json.dumps(schema, indent=2,
                                                           ensure_ascii=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
