"""``make serve``: MkDocs' live-reload server, fed by :class:`.preview.PreviewBuilder`.

The server watches the generator's inputs (never the Markdown the generator writes) with the
system's file events, rebuilds once per save and tells the browser to reload once. Its reload
script is a file of the site's own address (the pages' Content-Security-Policy forbids inline
scripts), and each page carries the preview's notice and the last save's problems, if any.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ....lang import Lang, load_strings
from ....project import Project
from .preview import ASSET_PREFIX, PreviewBuilder

log = logging.getLogger("generator.preview")
ASSETS = Path(__file__).with_name("assets") / "preview"
CHANGES = {"created", "modified", "moved", "deleted"}
"""The file events that start a rebuild."""


def serve(project: Project, lang: str | None, port: str) -> int:
    import watchdog.events
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    for name in ("mkdocs.commands.build", "mkdocs.structure", "mkdocs.plugins"):
        logging.getLogger(name).setLevel(logging.ERROR)  # the dirty build's standing warning
    language = next(item for item in project.languages if item.code == (lang or item.code))
    builder = PreviewBuilder(project, language)
    words = Lang(language.code, project.languages[0].code, load_strings())
    notice = words.string("preview_notice", command="make site")

    class PreviewServer(LiveReloadServer):
        """MkDocs' server with the preview's reload script, notice and problems."""

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            path = environ["PATH_INFO"]
            if path.startswith(ASSET_PREFIX):
                name = path[len(ASSET_PREFIX):]
                if name in ("reload.js", "preview.css"):
                    body = (ASSETS / name).read_bytes()
                    kind = "text/javascript" if name.endswith(".js") else "text/css"
                    start_response("200 OK", [("Content-Type", kind),
                                              ("Content-Length", str(len(body)))])
                    return [body]
            return super()._serve_request(environ, start_response)

        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            """As MkDocs' watch, on the system's file events, counting only changes: the
            build reads the inputs, and a read (opened, closed) must not start a build."""
            path = str(Path(path).resolve())
            self._watched_paths[path] = 1

            def changed(event: Any) -> None:
                if event.is_directory or event.event_type not in CHANGES:
                    return
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()

            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = changed  # type: ignore[method-assign]
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            script = (f'<script src="{ASSET_PREFIX}reload.js" data-epoch="{epoch}" '
                      f'data-request="{id(content)}"></script>').encode()
            banner = builder.banner(notice)
            body = content.find(b"<body")
            body_end = content.find(b">", body) + 1 if body >= 0 else 0
            closing = content.rfind(b"</body>")
            closing = closing if closing >= 0 else len(content)
            return (content[:body_end] + banner + content[body_end:closing] + script
                    + content[closing:])

    log.info("Preview of '%s' only, without the PDFs (make site builds everything)",
             language.code)
    builder.build()
    server = PreviewServer(builder=builder.build, host="127.0.0.1", port=int(port),
                           root=str(builder.site_dir))
    server.build_delay = 0.05
    # The system's file events (inotify), not MkDocs' polling every half second.
    server.observer = watchdog.observers.Observer()
    for path in builder.watched:
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down…")
    finally:
        server.shutdown()
    return 0

