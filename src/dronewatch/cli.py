"""The ``dronewatch`` command line.

Every command takes ``--db`` (a SQLite path or a database URL) and
``--config``; errors a user can fix are printed as one line, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .config import Config, load_config
from .errors import DronewatchError
from .store import Store
from .store.repository import DocumentFilter

app = typer.Typer(
    name="dronewatch",
    help=(
        "Turn reports of drone use by cartels and armed groups into a traceable intelligence "
        "picture.\n\nStart with `dronewatch ingest examples/corpus`, then `dronewatch status` and "
        "`dronewatch docs --search drone`. The store is a SQLite file (dronewatch.db here) unless "
        "--db or DRONEWATCH_DB names another."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or database URL (default: dronewatch.db, or DRONEWATCH_DB)."),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings file (default: ./dronewatch.toml if present).")
]

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(fn: F) -> F:
    """Turn a DronewatchError into one red line and exit code 2."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DronewatchError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _config(db: str | None, config: Path | None) -> Config:
    cfg = load_config(config)
    if db:
        from dataclasses import replace

        cfg = replace(cfg, db=db)
    return cfg


def _store(cfg: Config, create: bool = False) -> Store:
    """The configured store; a read on a SQLite file that does not exist is an error, not a new empty store."""
    from .errors import StoreError

    url = cfg.db_url
    if not create and url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if str(path) not in ("", ":memory:") and not path.is_file():
            raise StoreError(
                f"no store at {path}: run `dronewatch ingest PATH --db {path}` first, or point --db "
                "(or DRONEWATCH_DB) at an existing one"
            )
    return Store(url)


def _progress(label: str, *extra: TextColumn) -> Progress:
    """The bar long commands show on a terminal (to standard error, gone when done, off when piped)."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        *extra,
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-07-31", param_hint=name) from None


@app.command()
@user_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively).")],
    workers: Annotated[
        int, typer.Option(help="Processes for language id and MinHash (default: the CPU count).")
    ] = 0,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Read articles into the store: .txt/.md (front matter), .html, RSS/Atom (.xml/.rss/.atom),
    .jsonl and .csv.

    Each document gets a content-hash id, its language, its outlet's reliability grade and a
    link to the document it near-duplicates. Re-running on the same input stores nothing new.
    Bad inputs are listed one per line and the exit code is 1; good documents are still stored.
    """
    from dataclasses import replace

    from .extract.run import default_workers
    from .ingest import ingest_paths
    from .ingest.pipeline import expand_paths

    cfg = _config(db, config)
    store = _store(cfg, create=True)
    files, _, _ = expand_paths(paths)
    with _progress("[bold]ingest", TextColumn("{task.fields[current]}")) as bar:
        task = bar.add_task("ingest", total=len(files), current="")

        def tick(path: str, done: int) -> None:
            bar.update(task, completed=done, current=Path(path).name[:40])

        settings = replace(cfg.ingest, workers=workers or default_workers())
        report = ingest_paths(paths, store, settings, progress=tick)
    for w in report.warnings:
        err.print(f"[yellow]warning:[/yellow] {w}", highlight=False, soft_wrap=True)
    for e in report.errors:
        err.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
    console.print(
        f"{report.files} file(s): {report.stored} new document(s) "
        f"({report.near_duplicates} near-duplicate), {report.already_stored} already stored, "
        f"{len(report.errors)} failed"
        + (f", {report.skipped_files} skipped (unknown type)" if report.skipped_files else ""),
        highlight=False,
    )
    if report.errors:
        raise typer.Exit(1)


@app.command()
@user_errors
def docs(
    search: Annotated[str | None, typer.Option("--search", "-q", help="Full-text search words.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. es.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name, e.g. Reuters.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    duplicates: Annotated[
        bool | None, typer.Option("--duplicates/--originals", help="Only near-duplicates, or only originals.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List stored documents, newest first, with filters and full-text search."""
    cfg = _config(db, config)
    store = _store(cfg)
    f = DocumentFilter(
        language=language,
        outlet=outlet,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        query=search,
        duplicates=duplicates,
    )
    rows = store.list_documents(f, limit=limit)
    if as_json:
        for d in rows:
            sys.stdout.write(json.dumps(_doc_json(d, with_text=False), ensure_ascii=False) + "\n")
        return
    total = store.count_documents(f)
    table = Table(title=f"{len(rows)} of {total} document(s)", title_justify="left")
    for col in ("id", "published", "lang", "outlet", "grade", "title", "dup of"):
        table.add_column(col, overflow="fold" if col == "title" else "ellipsis")
    for d in rows:
        table.add_row(
            d.id[:12],
            str(d.published or ""),
            d.language or "",
            d.outlet or "",
            d.grade,
            (d.title or d.text[:80]).replace("\n", " "),
            (d.near_duplicate_of or "")[:12],
        )
    console.print(table)


def _doc_json(d: Any, with_text: bool = True) -> dict[str, Any]:
    from .model import document_fields

    return document_fields(d, with_text)


@app.command()
@user_errors
def doc(
    doc_id: Annotated[
        str, typer.Argument(metavar="ID", help="Document id, a unique prefix, or its source id.")
    ],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Show one document: metadata, where it was seen, and its text."""
    store = _store(_config(db, config))
    d = store.get_document(doc_id)
    if d is None:
        err.print(f"[red]error:[/red] no document {doc_id!r}", highlight=False)
        raise typer.Exit(2)
    seen = store.sightings_of(d.id)
    if as_json:
        out = _doc_json(d)
        out["sightings"] = [{k: str(v) for k, v in s.items()} for s in seen]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return
    console.print(f"[bold]{d.title or '(untitled)'}[/bold]", highlight=False)
    meta = Table.grid(padding=(0, 2))
    for k, v in _doc_json(d, with_text=False).items():
        meta.add_row(k, str(v) if v is not None else "")
    console.print(meta)
    if len(seen) > 1:
        console.print(f"seen {len(seen)} times: " + "; ".join(s["outlet"] or s["url"] for s in seen))
    console.print()
    console.print(d.text, highlight=False)


@app.command()
@user_errors
def status(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Counts: documents by language, outlet and month, and duplicates found."""
    cfg = _config(db, config)
    s = _store(cfg).summary()
    if as_json:
        sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=1) + "\n")
        return
    console.print(
        f"[bold]{s['documents']}[/bold] documents in {cfg.db_url} (schema v{s['schema_version']}): "
        f"{s['near_duplicates']} near-duplicates, {s['exact_copies']} exact copies seen again",
        highlight=False,
    )
    for key, title in (("by_language", "language"), ("by_outlet", "outlet"), ("by_month", "month")):
        t = Table(title=f"by {title}", title_justify="left")
        t.add_column(title)
        t.add_column("documents", justify="right")
        for k, v in s[key].items():
            t.add_row(str(k), str(v))
        console.print(t)


@app.command()
@user_errors
def extract(
    workers: Annotated[int, typer.Option(help="Processes to extract with (default: the CPU count).")] = 0,
    limit: Annotated[int | None, typer.Option(help="Stop after this many documents.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Find drone events in stored documents: claims with their evidence sentences.

    Only documents not yet extracted by the current extractor version are read, each saved
    in its own transaction: stop it any time and run it again to carry on.
    """
    from .extract import extractor_version
    from .extract.run import default_workers, extract_store

    store = _store(_config(db, config))
    pending = store.count_pending(extractor_version())
    total = min(pending, limit) if limit is not None else pending
    with _progress("[bold]extract") as bar:
        task = bar.add_task("extract", total=total)
        done = extract_store(
            store,
            workers=workers or default_workers(),
            limit=limit,
            progress=lambda n: bar.update(task, completed=n),
        )
    c = store.extraction_counts()
    console.print(
        f"extracted {done} document(s) with {extractor_version()}; the store holds {c['claims']} claim(s), "
        f"{c['statistics']} statistic(s), {c['candidate_actors']} candidate actor(s) for review",
        highlight=False,
    )


@app.command()
@user_errors
def claims(
    document: Annotated[str | None, typer.Option("--doc", help="Only this document (id or prefix).")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List extracted claims: one event as one document tells it, with its evidence."""
    from .predict import claim_json

    store = _store(_config(db, config))
    doc_id = None
    if document:
        d = store.get_document(document)
        if d is None:
            err.print(f"[red]error:[/red] no document {document!r}", highlight=False)
            raise typer.Exit(2)
        doc_id = d.id
    rows = store.list_claims(doc_id, limit=limit)
    if as_json:
        event_of = store.claim_events()
        for c in rows:
            line = {"document_id": c.document_id, "claim_id": c.id, **claim_json(c)}
            line["event_id"] = event_of.get(c.id or "")  # None until `process` has resolved it
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} claim(s)", title_justify="left")
    for col in ("type", "date", "where", "actor", "drone", "payload", "k/i"):
        table.add_column(col, no_wrap=col in ("type", "date", "k/i"), overflow="fold")
    table.add_column("evidence", min_width=40, overflow="fold")
    for c in rows:
        where = ", ".join(filter(None, [c.place, c.admin1, c.country]))
        ki = f"{'' if c.killed is None else c.killed}/{'' if c.injured is None else c.injured}"
        table.add_row(
            str(c.type),
            c.date or "",
            where,
            c.actor or "",
            str(c.drone_type),
            str(c.payload),
            ki,
            c.evidence_text if len(c.evidence_text) <= 140 else c.evidence_text[:139] + "…",
        )
    console.print(table)


@app.command()
@user_errors
def predict(
    path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help="Documents in the eval JSONL format.")],
    workers: Annotated[int, typer.Option(help="Extraction processes (default: 1).")] = 1,
) -> None:
    """Run the whole pipeline on a JSONL file of documents in a temporary store and write one
    JSON line per document to standard output: `{"id", "events": [...], "statistics": [...]}`.
    Gold `events` in the input are ignored."""
    from .errors import InputError
    from .predict import predict as run_predict

    if not path.is_file():
        raise InputError(str(path), "no such file")
    errors: list[InputError] = []
    for line in run_predict(path, workers=workers, errors=errors):
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    for e in errors:
        err.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
    if errors:
        raise typer.Exit(1)


@app.command(name="eval")
@user_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(metavar="GOLD.jsonl", help="Documents with gold events.")],
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Score these predictions instead of running predict.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score extraction against gold: precision, recall and F1 overall, per type and per language,
    and each field's accuracy on matched events (the matching rules of the shared scorer)."""
    from .errors import InputError
    from .evaluate import score
    from .predict import load_jsonl
    from .predict import predict as run_predict

    if not gold.is_file():
        raise InputError(str(gold), "no such file")
    gold_docs = load_jsonl(gold)
    if pred is not None:
        pred_docs = load_jsonl(pred)
    else:
        pred_docs = {str(d["id"]): d for d in run_predict(gold)}
    result = score(gold_docs, pred_docs)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=1) + "\n")
        return
    t = score_table("events", result)
    console.print(t)
    f = Table(title="field accuracy on matched events", title_justify="left")
    f.add_column("field")
    f.add_column("accuracy", justify="right")
    for k, v in result["fields"].items():
        f.add_row(k, "" if v is None else f"{v:.3f}")
    console.print(f)
    d = result["dedup"]
    console.print(f"cross-document dedup  P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}")


def score_table(title: str, result: dict[str, Any], rules: dict[str, Any] | None = None) -> Table:
    """Precision, recall and F1 overall, per type and per language (and the rules' F1 beside, if given)."""
    t = Table(title=title, title_justify="left")
    for col in ("", "P", "R", "F1", *(("rules F1",) if rules else ()), "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col else "left")

    def row(name: str, r: dict[str, Any], base: dict[str, Any] | None) -> None:
        t.add_row(
            name,
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"{r['f1']:.3f}",
            *((f"{base['f1']:.3f}" if base else "",) if rules else ()),
            str(r["tp"]),
            str(r["fp"]),
            str(r["fn"]),
        )

    row("all", result, rules)
    for k, r in result["per_type"].items():
        row(k, r, (rules or {}).get("per_type", {}).get(k))
    for k, r in result["per_language"].items():
        row(f"lang {k}", r, (rules or {}).get("per_language", {}).get(k))
    return t


def _bar(n: int, top: int, width: int = 30) -> str:
    return "█" * max(1 if n else 0, round(width * n / top)) if top else ""


@app.command()
@user_errors
def process(
    full: Annotated[
        bool, typer.Option("--full", help="Re-resolve every block, not only the changed ones.")
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Ingest and extraction processes (default: the CPU count).")
    ] = 0,
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: start a local one).")
    ] = None,
    ingest_paths_: Annotated[
        list[Path] | None, typer.Option("--ingest", help="Files or folders to ingest first (Ray: as a map).")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Extract what is new, then resolve claims into events: one event per real event, with its
    sources, corroboration, disagreements and Admiralty grade. Safe to re-run; event ids stay
    stable while their founding claim stays. `--engine ray` runs ingest and extraction as Ray
    Data maps and resolution as one Ray task per block (use PostgreSQL for a shared store)."""
    from .extract import extractor_version
    from .extract.run import default_workers, extract_store
    from .ingest import ingest_paths
    from .resolve.events import resolve_store

    cfg = _config(db, config)
    store = _store(cfg)
    if engine == "ray":
        from .engines import ray_engine

        out = ray_engine.process(
            store,
            [str(p) for p in ingest_paths_ or []],
            address=address,
            num_cpus=workers or None,
            settings=cfg.ingest,
        )
        console.print(
            f"ray: ingested {out['ingested']}, extracted {out['extracted']} document(s); "
            f"{out['events']} event(s)",
            highlight=False,
        )
        return
    if engine != "local":
        raise typer.BadParameter("local or ray", param_hint="--engine")
    if ingest_paths_:
        from dataclasses import replace

        ingest_paths(ingest_paths_, store, replace(cfg.ingest, workers=workers or default_workers()))
    pending = store.count_pending(extractor_version())
    with _progress("[bold]{task.description}") as bar:
        task = bar.add_task("extract", total=pending)
        done = extract_store(
            store, workers=workers or default_workers(), progress=lambda n: bar.update(task, completed=n)
        )
        rtask = bar.add_task("resolve", total=None)
        report = resolve_store(store, full=full)
        bar.update(rtask, total=1, completed=1)
    console.print(
        f"extracted {done} document(s); resolved {report.claims} claim(s) into {report.events} event(s) "
        f"({len(report.changed_blocks)} of {report.blocks} block(s) changed)",
        highlight=False,
    )


def _event_filter(
    type_: str | None,
    country: str | None,
    admin1: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    min_sources: int | None,
    search: str | None,
) -> Any:
    from .store.events import parse_filter

    return parse_filter(type_, country, admin1, actor, since, until, min_sources, search)


TypeOption = Annotated[str | None, typer.Option("--type", help="Event type, e.g. drone_attack.")]
CountryOption = Annotated[str | None, typer.Option(help="ISO country code, e.g. MX.")]
Admin1Option = Annotated[str | None, typer.Option(help="State, department or oblast, e.g. Michoacán.")]
ActorOption = Annotated[str | None, typer.Option(help="Canonical actor name.")]
SinceOption = Annotated[str | None, typer.Option(help="On or after YYYY[-MM[-DD]].")]
UntilOption = Annotated[str | None, typer.Option(help="On or before YYYY[-MM[-DD]].")]
MinSourcesOption = Annotated[int | None, typer.Option(help="At least this many independent sources.")]


@app.command()
@user_errors
def events(
    type_: TypeOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: MinSourcesOption = None,
    search: Annotated[str | None, typer.Option("--search", "-q", help="Words in the reports' text.")] = None,
    sort: Annotated[str, typer.Option(help="-date, date, -sources, sources, credibility.")] = "-date",
    limit: Annotated[int, typer.Option(min=1, max=100000)] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table, json (lines) or csv.")] = "table",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List resolved events, newest first, with their sources and Admiralty grade (e.g. B2)."""
    import csv

    from .store.events import check_sort

    f = _event_filter(type_, country, admin1, actor, since, until, min_sources, search)
    sort = check_sort(sort)
    store = _store(_config(db, config))
    rows = store.list_events(f, sort=sort, limit=limit)
    if fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        from .export.cells import safe_row

        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        w.writeheader()
        w.writerows(safe_row(r) for r in rows)
        return
    if fmt != "table":
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    table = Table(title=f"{len(rows)} of {store.count_events(f)} event(s)", title_justify="left")
    for col in ("id", "date", "type", "where", "actor", "k/i", "src", "grade", ""):
        table.add_column(col, no_wrap=col in ("id", "date", "type", "grade"))
    for r in rows:
        where = ", ".join(filter(None, [r["place"], r["admin1"], r["country"]]))
        ki = f"{'' if r['killed'] is None else r['killed']}/{'' if r['injured'] is None else r['injured']}"
        table.add_row(
            r["id"][:10],
            r["date"] or "",
            r["type"],
            where,
            r["actor"] or "",
            ki,
            f"{r['independent_sources']}/{r['sources']}",
            r["grade"],
            "disputed" if r["disputed"] else "",
        )
    console.print(table)


@app.command()
@user_errors
def event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="Event id or a unique prefix.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One event: every field with the claims that support and contradict it, each source's grade
    and the evidence sentences."""
    store = _store(_config(db, config))
    ev = store.get_event(event_id)
    if ev is None:
        err.print(f"[red]error:[/red] no event {event_id!r}", highlight=False)
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(ev, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    console.print(
        f"[bold]{ev['type']}[/bold] {ev['date'] or ''} {', '.join(filter(None, [ev['place'], ev['admin1'], ev['country']]))}"
        f"  grade [bold]{ev['grade']}[/bold]  {ev['independent_sources']} independent of {ev['sources']} source(s)"
        + ("  [red]disputed[/red]" if ev["disputed"] else ""),
        highlight=False,
    )
    label = {c["id"]: f"{c['outlet'] or '?'} ({c['grade']}) {c['published'] or ''}" for c in ev["claims"]}
    t = Table(title="fields", title_justify="left")
    for col in ("field", "value", "supported by", "contradicted by"):
        t.add_column(col, overflow="fold")
    for name, d in ev["fields"].items():
        if d["value"] is None and not d["contradicting"]:
            continue
        alts = "; ".join(f"{v}: " + ", ".join(label[c] for c in ids) for v, ids in d["alternatives"].items())
        t.add_row(
            name,
            str(d["value"]),
            ", ".join(label[c] for c in d["supporting"]),
            f"[red]{alts}[/red]" if alts else "",
        )
    console.print(t)
    for c in ev["claims"]:
        dup = f" (copy of {c['near_duplicate_of'][:10]})" if c["near_duplicate_of"] else ""
        console.print(f"\n[bold]{label[c['id']]}[/bold]{dup} — {c['title'] or ''}", highlight=False)
        console.print(f"  “{c['evidence']}”", highlight=False)


@app.command()
@user_errors
def trend(
    by: Annotated[str, typer.Option(help="type, country, admin1 or actor.")] = "type",
    period: Annotated[str, typer.Option(help="month or week.")] = "month",
    type_: TypeOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: MinSourcesOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Events per month or week, by type, country, admin1 or actor, with the change against the
    previous period, as a table and a terminal chart."""
    from .analyze.trends import totals
    from .analyze.trends import trend as compute

    store = _store(_config(db, config))
    f = _event_filter(type_, country, admin1, actor, since, until, min_sources, None)
    try:
        rows = compute(store.list_events(f, limit=1_000_000), by=by, period=period)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if as_json:
        for r in rows:
            sys.stdout.write(
                json.dumps(
                    {
                        "period": r.period,
                        by: r.key,
                        "count": r.count,
                        "previous": r.previous,
                        "change": r.change,
                    }
                )
                + "\n"
            )
        return
    t = Table(title=f"events per {period} by {by}", title_justify="left")
    for col in (period, by, "events", "previous", "change"):
        t.add_column(col, justify="right" if col in ("events", "previous", "change") else "left")
    for r in rows:
        ch = "new" if r.change is None else f"{r.change:+.0%}"
        t.add_row(r.period, r.key, str(r.count), str(r.previous), ch)
    console.print(t)
    tot = totals(rows)
    top = max(tot.values(), default=0)
    chart = Table.grid(padding=(0, 1))
    for p, n in tot.items():
        chart.add_row(p, f"[cyan]{_bar(n, top)}[/cyan]", str(n))
    console.print(f"\n[bold]all events per {period}[/bold]")
    console.print(chart)


actors_app = typer.Typer(help="Actors: who is known, who is a candidate, and the analyst's decisions.")
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
@user_errors
def actors_list(
    ctx: typer.Context,
    candidates: Annotated[bool, typer.Option("--candidates", help="Only names awaiting review.")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 40,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """The most active actors, and the candidate names extraction found for review.

    Decisions: `dronewatch actors merge A B` (B is A), `split A B` (undo), `rename A NEW`,
    `confirm NAME [--kind cartel]`, `reject NAME`. They are kept and applied on every run.
    """
    if ctx.invoked_subcommand is not None:
        return
    from .resolve.actors import ActorNames
    from .resolve.overview import actor_overview

    store = _store(_config(db, config))
    names = ActorNames(store.actor_decisions())
    rows = actor_overview(store, names, candidates_only=candidates)[:limit]
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table(title="candidates for review" if candidates else "actors by events", title_justify="left")
    for col in ("actor", "kind", "country", "events", "last event", "mentions", "status"):
        t.add_column(col)
    for r in rows:
        t.add_row(
            r["name"],
            r["kind"],
            r["country"] or "",
            str(r["events"]),
            r["last_event"] or "",
            str(r["mentions"]),
            r["status"],
        )
    console.print(t)


def _decide(
    action: str, subject: str, obj: str | None, db: str | None, config: Path | None, kind: str | None = None
) -> None:
    from .resolve.actors import check_decision
    from .resolve.events import resolve_store

    store = _store(_config(db, config))
    check_decision(store, action, subject, obj, kind)
    store.add_decision(action, subject, obj, kind)
    report = resolve_store(store)
    console.print(
        f"{action}: {subject}"
        + (f" / {obj}" if obj else "")
        + f" — kept; {report.events} event(s) after re-resolution",
        highlight=False,
    )


@actors_app.command("decisions")
@user_errors
def actors_decisions(db: DbOption = None, config: ConfigOption = None) -> None:
    """Every decision on actors, in the order they apply."""
    t = Table(title="actor decisions", title_justify="left")
    for col in ("#", "action", "actor", "other / new name", "kind"):
        t.add_column(col)
    for n, d in enumerate(_store(_config(db, config)).actor_decisions(), start=1):
        t.add_row(str(n), d.action, d.subject, d.object or "", d.kind or "")
    console.print(t)


@actors_app.command("merge")
@user_errors
def actors_merge(a: str, b: str, db: DbOption = None, config: ConfigOption = None) -> None:
    """B is the same actor as A: B's claims count as A's."""
    _decide("merge", a, b, db, config)


@actors_app.command("split")
@user_errors
def actors_split(a: str, b: str, db: DbOption = None, config: ConfigOption = None) -> None:
    """Undo `merge A B`: B is its own actor again."""
    _decide("split", a, b, db, config)


@actors_app.command("rename")
@user_errors
def actors_rename(name: str, new: str, db: DbOption = None, config: ConfigOption = None) -> None:
    """Show actor NAME as NEW everywhere."""
    _decide("rename", name, new, db, config)


@actors_app.command("confirm")
@user_errors
def actors_confirm(
    name: str,
    kind: Annotated[str, typer.Option(help="cartel, armed group, gang, faction, ...")] = "armed group",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Accept a candidate name as an actor."""
    _decide("confirm", name, None, db, config, kind)


@actors_app.command("reject")
@user_errors
def actors_reject(name: str, db: DbOption = None, config: ConfigOption = None) -> None:
    """Drop a candidate name from review: it is not an actor."""
    _decide("reject", name, None, db, config)


@app.command()
@user_errors
def actor(
    name: Annotated[str, typer.Argument(help="Any name or alias, in any script.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One actor: kind, aliases, events over time, and its links with their evidence."""
    from .resolve.actors import ActorNames
    from .resolve.overview import actor_detail

    store = _store(_config(db, config))
    detail = actor_detail(store, ActorNames(store.actor_decisions()), name)
    if detail is None:
        err.print(
            f"[red]error:[/red] no actor {name!r} in the registry, the decisions or the events",
            highlight=False,
        )
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    console.print(
        f"[bold]{detail['name']}[/bold] — {detail['kind']}, {detail['country'] or '?'}", highlight=False
    )
    if detail["parents"]:
        console.print("part of: " + ", ".join(detail["parents"]), highlight=False)
    if detail["aliases"]:
        console.print("aliases: " + " · ".join(detail["aliases"]), highlight=False)
    months = detail["events_by_month"]
    top = max(months.values(), default=0)
    chart = Table.grid(padding=(0, 1))
    for m, n in months.items():
        chart.add_row(m, f"[cyan]{_bar(n, top)}[/cyan]", str(n))
    console.print(f"\n[bold]{detail['events']} event(s)[/bold]")
    console.print(chart)
    t = Table(title="links", title_justify="left")
    for col in ("subject", "link", "object", "evidence"):
        t.add_column(col, overflow="fold")
    for e in detail["links"]:
        t.add_row(e["subject"], e["predicate"], e["object"], e["evidence"][0]["evidence"][:140])
    console.print(t)


@app.command()
@user_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI at /docs) on localhost."""
    import uvicorn

    from .serve.api import create_app

    cfg = _config(db, config)
    app_ = create_app(cfg)
    console.print(
        f"dronewatch dashboard: [bold]http://{host}:{port}/[/bold]  (API docs: http://{host}:{port}/docs)"
    )
    uvicorn.run(app_, host=host, port=port, log_level="warning")


token_app = typer.Typer(help="API tokens: reader tokens read, analyst tokens also write.")
app.add_typer(token_app, name="token")


@token_app.command("create")
@user_errors
def token_create(
    role: Annotated[str, typer.Option(help="reader or analyst.")] = "reader",
    name: Annotated[str, typer.Option(help="Who or what the token is for.")] = "cli",
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Make a token; it is shown once and only its hash is stored."""
    from .serve.auth import ROLES, create_token

    if role not in ROLES:
        raise typer.BadParameter(f"one of {', '.join(ROLES)}", param_hint="--role")
    console.print(create_token(_store(_config(db, config), create=True), role, name), highlight=False)


@token_app.command("list")
@user_errors
def token_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """The tokens of this store: id, name, role, when made (the tokens themselves are never kept)."""
    from .serve.auth import list_tokens

    t = Table(title="tokens", title_justify="left")
    for col in ("id", "name", "role", "created"):
        t.add_column(col)
    for r in list_tokens(_store(_config(db, config))):
        t.add_row(r["id"], r["name"], r["role"], r["created_at"])
    console.print(t)


@token_app.command("revoke")
@user_errors
def token_revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="An id from `dronewatch token list`.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Revoke a token: requests with it are refused from now on."""
    from .serve.auth import revoke_token

    revoke_token(_store(_config(db, config)), token_id)
    console.print(f"revoked {token_id}")


@app.command()
@user_errors
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv (ACLED-like), geojson, stix, ftm or graphml.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    type_: TypeOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    actor: ActorOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: MinSourcesOption = None,
    search: Annotated[str | None, typer.Option("--search", "-q", help="Words in the reports' text.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Export events, actors and links for the tools analysts already use: spreadsheets and ACLED
    (csv), QGIS (geojson), OpenCTI and MISP (stix), Aleph and nomenklatura (ftm), Gephi (graphml).
    Takes the filters of `dronewatch events`: export exactly the view you looked at."""
    from .export import export as run_export
    from .export import formats

    if fmt not in formats():
        raise typer.BadParameter(f"one of {', '.join(formats())}", param_hint="--format")
    f = _event_filter(type_, country, admin1, actor, since, until, min_sources, search)
    content, _, _ = run_export(_store(_config(db, config)), fmt, f)
    if output:
        output.write_text(content, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        sys.stdout.write(content)


watchlist_app = typer.Typer(help="Watchlists to screen rosters against.")
app.add_typer(watchlist_app, name="watchlist")


@watchlist_app.command("import")
@user_errors
def watchlist_import(
    path: Annotated[Path, typer.Argument(help="FollowTheMoney JSON lines (.json/.jsonl) or CSV.")],
    name: Annotated[str, typer.Option("--name", help="The watchlist's name; re-importing replaces it.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Import a watchlist: FollowTheMoney entities (the format OpenSanctions publishes) or CSV with
    columns name, aliases (| separated), birth_date, nationality, identifiers (| separated)."""
    from .errors import InputError
    from .screen.watchlists import Entity, import_entities, load_file

    errors: list[InputError] = []

    def good() -> Any:
        for item in load_file(path):
            if isinstance(item, Entity):
                yield item
            else:
                errors.append(item)

    n = import_entities(_store(_config(db, config), create=True), name, good())
    for e in errors:
        err.print(f"[red]error:[/red] {e}", highlight=False)
    console.print(f"watchlist {name}: {n} entities", highlight=False)
    if errors:
        raise typer.Exit(1)


@watchlist_app.command("builtin")
@user_errors
def watchlist_builtin(db: DbOption = None, config: ConfigOption = None) -> None:
    """Load dronewatch's own lists: the registry's groups and their known leaders ("dronewatch"),
    and the persons the stored reports name and tie to a group ("extracted")."""
    from .screen.watchlists import builtin_entities, extracted_persons, import_entities

    store = _store(_config(db, config), create=True)
    n = import_entities(store, "dronewatch", builtin_entities())
    m = import_entities(store, "extracted", extracted_persons(store))
    console.print(f"watchlist dronewatch: {n} entities; watchlist extracted: {m} persons")


@watchlist_app.command("list")
@user_errors
def watchlist_list(db: DbOption = None, config: ConfigOption = None) -> None:
    """The watchlists in the store and their sizes."""
    from .screen.watchlists import watchlist_summary

    for w in watchlist_summary(_store(_config(db, config))):
        console.print(f"{w['watchlist']}: {w['entities']} entities", highlight=False)


def _who() -> str:
    import getpass

    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@app.command()
@user_errors
def screen(
    roster: Annotated[
        Path, typer.Argument(help="CSV: name, aliases, birth_date, nationality, document_numbers, recruiter.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or html.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Likely-match threshold.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Screen a roster of names against the watchlists: best matches with scores broken down by
    feature and reasons in words, and paths from each recruiter or contractor to flagged groups.
    Screening is logged (who, which roster, when, how many rows; never the names); rosters and
    results are deleted after the retention period (setting screening.retention_days)."""
    from .errors import InputError
    from .screen import report
    from .screen.screening import results_csv, results_json
    from .screen.screening import screen as run_screen

    if not roster.is_file():
        raise InputError(str(roster), "no such file")
    cfg = _config(db, config)
    th = cfg.screening.threshold if threshold is None else threshold
    store = _store(cfg)
    with _progress("[bold]screen") as bar:
        task = bar.add_task("screen", total=None)
        roster_id, results = run_screen(
            store,
            roster,
            _who(),
            th,
            cfg.screening.retention_days,
            cfg.screening.max_hops,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if fmt == "json":
        content = json.dumps(
            {"roster": roster_id, "rows": results_json(results)}, ensure_ascii=False, indent=1
        )
    elif fmt == "csv":
        content = results_csv(results)
    elif fmt == "html":
        content = report.render(roster_id, roster.name, results, th)
    elif fmt == "table":
        t = Table(title=f"roster {roster_id}: {len(results)} row(s)", title_justify="left")
        for col in ("row", "name", "best match", "list", "score", "why", "recruiter path"):
            t.add_column(col, overflow="fold")
        for rr in results:
            m = rr.matches[0] if rr.matches else None
            path = ""
            if rr.paths and rr.paths[0]:
                path = " → ".join([rr.paths[0][0]["from"], *[f"{h['link']} {h['to']}" for h in rr.paths[0]]])
            score = (
                f"[red]{m['score']:.2f}[/red]" if m and m["likely"] else (f"{m['score']:.2f}" if m else "")
            )
            t.add_row(
                str(rr.row.row),
                rr.row.name,
                m["name"] if m else "",
                m["watchlist"] if m else "",
                score,
                "; ".join(m["reasons"]) if m else "",
                path,
            )
        console.print(t)
        return
    else:
        raise typer.BadParameter("table, csv, json or html", param_hint="--format")
    if output:
        output.write_text(content, encoding="utf-8")
        console.print(f"wrote {output} (roster {roster_id})")
    else:
        sys.stdout.write(content + ("" if content.endswith("\n") else "\n"))


@app.command()
@user_errors
def decide(
    roster_id: Annotated[str, typer.Argument(metavar="ROSTER")],
    row: int,
    decision: Annotated[str, typer.Argument(help="confirmed or cleared")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Mark a screened row's match confirmed or cleared; kept with the roster and logged."""
    from .screen.screening import decide as run_decide

    if decision not in ("confirmed", "cleared"):
        raise typer.BadParameter("confirmed or cleared", param_hint="DECISION")
    if not run_decide(_store(_config(db, config)), roster_id, row, decision, _who()):
        err.print(f"[red]error:[/red] no row {row} in roster {roster_id!r}", highlight=False)
        raise typer.Exit(2)
    console.print(f"row {row} of roster {roster_id}: {decision}")


@app.command()
@user_errors
def paths(
    entity: Annotated[str, typer.Argument(help="A person or organisation, by any known name.")],
    hops: Annotated[int | None, typer.Option(min=1, max=6)] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Shortest paths (up to K hops) from a person or organisation to any flagged group, through
    actor links and watchlist ties, with the evidence of each hop."""
    from .screen.screening import paths as find_paths

    cfg = _config(db, config)
    found = find_paths(_store(cfg), entity, hops or cfg.screening.max_hops)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    if not found:
        console.print(
            f"no path from {entity!r} to a flagged group within {hops or cfg.screening.max_hops} hops"
        )
        return
    for p in found:
        if not p:
            console.print(f"{entity} is itself a flagged group", highlight=False)
            continue
        console.print(
            " → ".join([p[0]["from"], *[f"[i]{h['link']}[/i] {h['to']}" for h in p]]), highlight=False
        )
        for h in p:
            console.print(f"   {h['from']} {h['link']} {h['to']}: “{h['evidence'][:160]}”", highlight=False)


@app.command(name="audit")
@user_errors
def audit_log(
    limit: Annotated[int, typer.Option(min=1)] = 50, db: DbOption = None, config: ConfigOption = None
) -> None:
    """Who screened which roster when (never the names screened)."""
    from .screen.screening import audit

    for a in audit(_store(_config(db, config)), limit):
        console.print(
            f"{a['at']}  {a['who']}  {a['action']}  {a['subject'] or ''}  {a['detail'] or ''}",
            highlight=False,
        )


@app.command()
@user_errors
def watch(
    config_file: Annotated[
        Path, typer.Argument(metavar="CONFIG", help="TOML with [[source]] and [[alert]] tables.")
    ],
    once: Annotated[
        bool, typer.Option("--once", help="Poll every source once, process, alert, and stop.")
    ] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Poll RSS/Atom feeds and folders on a schedule (per-source intervals, conditional GET,
    backoff on failure), process only what is new, and raise alerts. Safe to kill at any moment:
    a restart loses nothing and duplicates nothing."""
    import logging

    from .watch.config import load_watch_config
    from .watch.watcher import run_once
    from .watch.watcher import watch as run_watch

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cfg = _config(db, config)
    wcfg = load_watch_config(config_file)
    store = _store(cfg, create=True)
    if once:
        for r in run_once(store, wcfg, cfg.ingest):
            console.print(
                f"{r.source}: {r.status}, {r.stored} new" + (f" ({r.error})" if r.error else ""),
                highlight=False,
            )
        return
    console.print(f"watching {len(wcfg.sources)} source(s); Ctrl-C to stop")
    try:
        run_watch(store, wcfg, cfg.ingest)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command()
@user_errors
def alerts(
    rule: Annotated[str | None, typer.Option(help="Only this rule.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """The alert history: every alert raised, by rule, and whether it was delivered."""
    from .watch.alerts import history

    for a in history(_store(_config(db, config)), rule):
        console.print(
            f"{a['created_at']}  {a['rule']}  {a['subject']}  {a['status']}  {a['sent_at'] or ''}",
            highlight=False,
        )


@app.command()
@user_errors
def backup(
    output: Annotated[Path, typer.Argument(help="The backup file to write (an SQLite store).")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Copy a SQLite store consistently while it is in use (SQLite's online backup). For
    PostgreSQL use pg_dump; see the README."""
    import sqlite3

    from .errors import StoreError

    cfg = _config(db, config)
    if not cfg.db_url.startswith("sqlite:///"):
        raise StoreError(
            "dronewatch backup copies SQLite stores; for PostgreSQL use pg_dump -Fc (see README)"
        )
    src = sqlite3.connect(cfg.db_url[len("sqlite:///") :])
    dst = sqlite3.connect(str(output))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    console.print(f"wrote {output}")


@app.command()
def version() -> None:
    """Print the dronewatch version."""
    console.print(__version__)


# Commands kept in modules of their own register themselves on ``app`` when imported.
from . import cli_review, cli_train  # noqa: E402, F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()
