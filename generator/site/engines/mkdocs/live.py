"""MkDocs hook for the live preview (make serve): re-render the Markdown before each rebuild.

Thin on purpose: the work is done by :mod:`generator.build`, which writes only the files whose
content changed, so the preview does not rebuild in a loop. A data error is printed and the
last good pages stay in place.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from generator import build as pipeline  # noqa: E402
from generator.errors import DataError, GeneratorError  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.site.engines.mkdocs import page_url, state  # noqa: E402

log = logging.getLogger("mkdocs.plugins.generator")


def on_pre_build(config: Any) -> None:
    # The config is build/mkdocs.<lang>.yml of the project being previewed.
    project = Project.at(Path(config["config_file_path"]).resolve().parents[1])
    language = next(lang for lang in project.languages
                    if lang.code == config["theme"]["language"])
    try:
        data = pipeline.load(project)
        state.publish(pipeline.render_language(project, data, language, page_url))
    except DataError as exc:
        for problem in exc.problems:
            log.error(problem.format())
    except GeneratorError as exc:
        log.error(str(exc))
