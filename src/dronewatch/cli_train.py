"""``dronewatch train``: rebuild the learned model from the training corpus (and analysts' corrections).

Training is deterministic: the same corpus gives the same model file, byte for
byte. The thresholds are chosen by grouped cross-validation on the corpus
itself (folds split by cluster and outlet), and those out-of-fold figures are
printed, beside the rules' on the same documents: that is the honest estimate
of how the model does on text it has not seen.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .cli import ConfigOption, _config, _store, app, console, err, score_table, user_errors

DEFAULT_CORPUS = Path("corpus/train")


@app.command()
@user_errors
def train(
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="Gold JSONL files or folders (default: corpus/train). Repeatable."),
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Also learn from this store's corrections (`dronewatch claim ...`).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the model (default: the package's data/models).")
    ] = None,
    folds: Annotated[int, typer.Option(min=2, max=10, help="Cross-validation folds for the thresholds.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    config: ConfigOption = None,
) -> None:
    """Rebuild the sentence model from the corpus: grouped cross-validation chooses the thresholds and
    prints honest figures, then the model is fitted on everything and written with its data hash."""
    from .extract.learned import default_model_dir, load_model_file
    from .learn.corpus import load_corpus
    from .learn.measure import cross_validate
    from .learn.train import train_model

    sources = list(corpus or [DEFAULT_CORPUS])
    with tempfile.TemporaryDirectory(prefix="dronewatch-train-") as tmp:
        if db:
            gold = _store(_config(db, config)).export_gold()
            path = Path(tmp) / "corrections.jsonl"
            path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in gold), encoding="utf-8")
            sources.append(path)
            err.print(f"with {len(gold)} reviewed document(s) from {db}", highlight=False)
        docs = load_corpus(sources)
    if len(docs) < folds * 2:
        from .errors import InputError

        raise InputError(", ".join(map(str, sources)), f"{len(docs)} gold document(s): too few to train on")
    with console.status("cross-validating") as status:
        cv = cross_validate(docs, k=folds, progress=lambda m: status.update(m))
        status.update(f"fitting on all {len(docs)} documents")
        model, ex = train_model(docs, thresholds=cv["thresholds"])
    target = out or default_model_dir()
    model.save(target)
    model = load_model_file(target)  # as stored (float16): the signature claims will carry
    summary = {
        "documents": len(docs),
        "groups": cv["groups"],
        "examples": len(ex.rows),
        "coverage": round(ex.coverage, 4),
        "thresholds": cv["thresholds"],
        "signature": model.signature,
        "model": str(target),
        "cv": {"learned": cv["learned"], "rules": cv["rules"]},
    }
    if as_json:
        console.print_json(json.dumps(summary))
        return
    console.print(
        score_table(
            f"grouped {folds}-fold cross-validation on {len(docs)} documents ({cv['groups']} groups)",
            cv["learned"],
            cv["rules"],
        )
    )
    console.print(
        f"candidate sentences cover {ex.coverage:.1%} of gold events; thresholds {cv['thresholds']}\n"
        f"wrote {target} ({model.signature})",
        highlight=False,
    )
