"""``dronewatch claim ...``: an analyst's confirm, reject and correct on claims, and their export as gold.

Decisions are stored apart from extraction and applied on every ``process``;
``claim export`` writes the reviewed documents in the gold JSONL format that
``dronewatch train --db`` learns from.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .cli import ConfigOption, DbOption, _config, _store, _who, app, console, user_errors
from .corrections import CorrectionError

claim_app = typer.Typer(help="Confirm, reject or correct an extracted claim; list and export the decisions.")
app.add_typer(claim_app, name="claim")

ClaimId = Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id from `dronewatch claims --json`.")]


def _decide(claim_id: str, action: str, changes: dict[str, str] | None, db: str | None, config: object) -> None:
    from .resolve.events import resolve_store

    store = _store(_config(db, config))  # type: ignore[arg-type]
    c = store.correct_claim(claim_id, action, changes, who=_who())
    report = resolve_store(store)
    shown = ", ".join(f"{k}={v}" for k, v in sorted((changes or {}).items()))
    console.print(
        f"{action} {claim_id} ({c.original_type}){': ' + shown if shown else ''}; "
        f"{report.events} event(s) after re-resolving",
        highlight=False,
    )


@claim_app.command("confirm")
@user_errors
def claim_confirm(claim_id: ClaimId, db: DbOption = None, config: ConfigOption = None) -> None:
    """The claim is right as extracted."""
    _decide(claim_id, "confirm", None, db, config)


@claim_app.command("reject")
@user_errors
def claim_reject(claim_id: ClaimId, db: DbOption = None, config: ConfigOption = None) -> None:
    """The claim is no event (hypothetical, out of scope, misread): it stops counting everywhere."""
    _decide(claim_id, "reject", None, db, config)


@claim_app.command("correct")
@user_errors
def claim_correct(
    claim_id: ClaimId,
    changes: Annotated[
        list[str], typer.Argument(metavar="FIELD=VALUE...", help="e.g. type=drone_seizure country=MX date=2025-03")
    ],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Change a claim's type or fields (type, date, country, admin1, place, actor, target, drone_type,
    payload, killed, injured); `field=` clears one."""
    parsed: dict[str, str] = {}
    for item in changes:
        if "=" not in item:
            raise CorrectionError(f"{item!r} is not FIELD=VALUE (e.g. type=drone_seizure)")
        k, v = item.split("=", 1)
        parsed[k.strip()] = v.strip()
    _decide(claim_id, "correct", parsed, db, config)


@claim_app.command("list")
@user_errors
def claim_list(
    as_json: Annotated[bool, typer.Option("--json")] = False, db: DbOption = None, config: ConfigOption = None
) -> None:
    """Every decision on claims, oldest first."""
    rows = _store(_config(db, config)).correction_rows()
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table(title=f"{len(rows)} decision(s) on claims", title_justify="left")
    for col in ("when", "who", "action", "claim", "was", "now"):
        t.add_column(col, overflow="fold")
    for r in rows:
        now = "" if r["action"] == "reject" else f"{r['fields'].get('type')} {r['fields'].get('country') or ''}"
        t.add_row(r["created_at"], r["who"] or "", r["action"], r["claim_id"][:12], r["original_type"], now)
    console.print(t)


@claim_app.command("export")
@user_errors
def claim_export(
    output: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="Where to write the reviewed documents.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write every reviewed document, with the decisions applied, as gold JSONL (shared/eval/SCHEMA.md)."""
    docs = _store(_config(db, config)).export_gold()
    with output.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    events = sum(len(d["events"]) for d in docs)
    console.print(f"wrote {len(docs)} reviewed document(s), {events} gold event(s) to {output}", highlight=False)
