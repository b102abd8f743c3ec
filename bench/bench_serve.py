"""How fast `make serve` shows a data edit: the median of 10 edits of data/steps.yaml, from
the save to the served page carrying the change, and how many times the browser is told to
reload for each edit.

    .venv/bin/python bench/bench_serve.py [--edits 10] [--lang fr]

It runs the preview (`python -m generator serve`) on a copy of the project, so the checkout is
never touched. Measured here, never asserted by a test (it depends on the machine).
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_project  # noqa: E402

EDITED = "Contactez tout de suite votre bailleur"
"""A tenant's first action on the stage « Commandement de payer » (data/steps.yaml)."""
PAGE = "locataire/commandement-de-payer/"
RELOAD = re.compile(r"Reloading browsers")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    return urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds to wait after each edit, counting reloads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = copy_project(Path(folder))
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "serve", "--lang",
             args.lang, "--port", str(port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        log: list[tuple[float, str]] = []

        def read() -> None:
            for line in process.stdout:
                log.append((time.perf_counter(), line.rstrip()))

        threading.Thread(target=read, daemon=True).start()
        prefix = "" if args.lang == "fr" else f"{args.lang}/"
        url = f"http://127.0.0.1:{port}/{prefix}{PAGE}"
        try:
            start = time.perf_counter()
            while True:
                try:
                    fetch(url)
                    break
                except OSError:
                    if time.perf_counter() - start > 120 or process.poll() is not None:
                        print("\n".join(line for _, line in log))
                        return 1
                    time.sleep(0.1)
            print(f"Preview ready {time.perf_counter() - start:.1f} s after start")
            time.sleep(args.settle)
            steps = root / "data" / "steps.yaml"
            original = steps.read_text(encoding="utf-8")
            assert EDITED in original
            latencies, reloads = [], []
            for attempt in range(args.edits):
                marker = f"{EDITED} (essai {attempt} {time.time_ns() % 100000})"
                before = len(log)
                saved = time.perf_counter()
                steps.write_text(original.replace(EDITED, marker, 1), encoding="utf-8")
                while time.perf_counter() - saved < 30:
                    try:
                        if marker in fetch(url):
                            latencies.append(time.perf_counter() - saved)
                            break
                    except OSError:
                        pass
                    time.sleep(0.02)
                time.sleep(args.settle)
                reloads.append(sum(1 for _, line in log[before:] if RELOAD.search(line)))
            steps.write_text(original, encoding="utf-8")
        finally:
            process.terminate()
            process.wait(timeout=10)
    shown = ", ".join(f"{value:.2f}" for value in latencies)
    print(f"make serve ({args.lang}), {len(latencies)}/{args.edits} edits of data/steps.yaml "
          f"shown; seconds from save to served page: {shown}")
    if latencies:
        print(f"  median {statistics.median(latencies):.2f} s, "
              f"min {min(latencies):.2f} s, max {max(latencies):.2f} s")
    print(f"  browser reloads per edit: {reloads}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
