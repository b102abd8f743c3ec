"""Command line: ``python -m generator check|build|render|serve|changes|schema|report…``."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import build as pipeline
from .data.model import DATA_FILES
from .data.report import completeness_report
from .data.translations import stamp_file, translation_problems
from .errors import DataError, GeneratorError
from .project import Project
from .site.assemble import missing_pages
from .site.engines import load_engine

PARTNER_EDITIONS = "livrets-partenaires"
"""Where partner editions go: apart from site/, so the common edition never changes."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder to use instead of <root>/data (a partner's draft)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the data only")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument("--strict", action="store_true",
                       help="also fail on missing or outdated translations")
    commands.add_parser("render", help="write the Markdown pages into build/docs/")
    build = commands.add_parser("build", help="validate, render and build site/")
    build.add_argument("--no-print", action="store_true",
                       help="leave the PDFs out (quicker; the pages then offer no download)")
    build.add_argument("--publish", action="store_true",
                       help="refuse to build a draft: list what site.yaml still lacks")
    serve = commands.add_parser("serve", help="live preview of one language")
    serve.add_argument("--lang", default=None)
    serve.add_argument("--port", default="8000")
    commands.add_parser("schema", help="write the JSON Schemas into schema/")
    commands.add_parser("stamp", help="record the French text each new translation translates")
    report = commands.add_parser(
        "report", help="contacts to fill in, old verifications (Markdown), and the partner kit "
        "(one page per body to fill in and send back, livrets-partenaires/kit-partenaires.pdf)")
    report.add_argument("--no-kit", action="store_true", help="the Markdown report only")
    commands.add_parser("links", help="check the links of the built site; list external ones")
    communes = commands.add_parser(
        "communes", help="write data/communes.yaml from the unpacked npm package "
        "@etalab/decoupage-administratif (make communes)")
    communes.add_argument("package", type=Path, help="the package's folder (package/)")
    changes = commands.add_parser(
        "changes", help="what readers will see change since a git ref (Markdown report)")
    changes.add_argument("--base", default="HEAD", help="git ref to compare with (HEAD)")
    changes.add_argument("--output", type=Path, default=None,
                         help="also write the report to this file")
    booklet = commands.add_parser("booklet", help="a partner's edition of the booklet")
    booklet.add_argument("--partner", required=True, help="the partner's id in actors.yaml")
    args = parser.parse_args(argv)
    project = Project.at(args.root, args.data)
    try:
        return _run(args, project)
    except DataError as exc:
        style = getattr(args, "format", "text")
        for problem in exc.problems:
            print(problem.format(style), file=sys.stderr)
        print(f"\n{len(exc.problems)} problem(s) found; {exc.outcome}.", file=sys.stderr)
        return 1
    except GeneratorError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, project: Project) -> int:
    if args.command == "check":
        data = pipeline.load(project)
        missing = missing_pages(project)
        if missing:
            raise DataError(missing, "a language lacks pages")
        notices = completeness_report(data, project)
        for notice in notices:
            print(notice.format(args.format))
        level = "error" if args.strict else "notice"
        translations = translation_problems(data, level)
        for problem in translations:
            print(problem.format(args.format), file=sys.stderr if args.strict else sys.stdout)
        if args.strict and translations:
            print(f"\n{len(translations)} translation problem(s) (strict mode).", file=sys.stderr)
            return 1
        print(f"data OK: {len(data.steps.steps)} stages, {len(data.actors.actors)} actors, "
              f"{len(data.dispositifs.dispositifs)} dispositifs; "
              f"{len(notices) + len(translations)} notice(s).")
        return 0
    if args.command == "stamp":
        pipeline.load(project)
        total = 0
        for name in DATA_FILES:
            count = stamp_file(project.data_dir / name, project.codes)
            if count:
                print(f"{name}: {count} translation(s) stamped")
            total += count
        print(f"{total} translation(s) stamped.")
        return 0
    if args.command == "render":
        data = pipeline.load(project)
        engine = load_engine(project.engine)
        for language in project.languages:
            pipeline.render_language(project, data, language, engine.page_url)
        print(f"Markdown written to {project.build_dir / 'docs'}")
        return 0
    if args.command == "build":
        timings = pipeline.Timings()
        site = pipeline.build_site(project, timings, with_print=not args.no_print,
                                   publish=args.publish).site_dir
        spent = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.steps.items())
        print(f"Site built in {site}/ (open {site / 'index.html'}); {spent}")
        return 0
    if args.command == "serve":
        return load_engine(project.engine).serve(project, args.lang, args.port)
    if args.command == "schema":
        from .data.schema import write_schemas

        for path in write_schemas(project.root / "schema"):
            print(path.relative_to(project.root))
        return 0
    if args.command == "report":
        from .print.partner_kit import build_partner_kit
        from .site.near_you import numbers_report

        data = pipeline.load(project)
        print(completeness_report(data, project, markdown=True))
        print(numbers_report(data))
        if not args.no_kit:
            kit = build_partner_kit(data, project, project.root / PARTNER_EDITIONS)
            print(f"Partner kit: {kit.path} ({kit.pages} pages, one per body of the directory)",
                  file=sys.stderr)
        return 0
    if args.command == "booklet":
        from .print.booklet import build_print_documents

        data = pipeline.load(project)
        out_dir = project.root / PARTNER_EDITIONS / args.partner
        out_dir.mkdir(parents=True, exist_ok=True)
        reuse = project.build_dir / pipeline.REUSED_PDFS / args.partner
        for document in build_print_documents(data, project, out_dir, partner=args.partner,
                                              reuse=reuse):
            print(f"{document.path} ({document.pages} pages, {document.size // 1024} KB)")
        return 0
    if args.command == "changes":
        from .changes import changes as report_changes

        report = report_changes(project.root, args.base)
        if args.output:
            args.output.write_text(report, encoding="utf-8")
        print(report)
        return 0
    if args.command == "communes":
        import yaml

        from .data.territory import extract

        site = yaml.safe_load((project.data_dir / "site.yaml").read_text(encoding="utf-8"))
        target = project.data_dir / "communes.yaml"
        target.write_text(extract(args.package, str(site["area"]["code"])), encoding="utf-8")
        pipeline.load(project)  # the new file validates with the rest
        print(f"{target.relative_to(project.root)} written from {args.package}")
        return 0
    if args.command == "links":
        from .site.linkcheck import check_links

        report = check_links(project.site_dir)
        print(report.markdown())
        for problem in report.broken:
            print(f"broken: {problem}", file=sys.stderr)
        return 1 if report.broken else 0
    raise AssertionError(args.command)
