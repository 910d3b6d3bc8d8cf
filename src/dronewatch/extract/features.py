"""Features of a candidate sentence for the learned decisions: hashed, language-neutral, cheap.

The rules see a sentence through word lists; the learned stage sees it through
what the words look like (word and character n-grams of the folded text, so
"soltó un explosivo" and "soltaron explosivos" share most of their features),
what its neighbours say (a sentence that names only "el artefacto" follows one
that names the drone), and what the rules found (their triggers, dates,
actors, places), so the model learns where the rules can be trusted.

Hashing keeps the model a fixed-size table with no vocabulary to ship, and
``zlib.crc32`` (unlike ``hash``) is the same in every process, so training is
reproducible and a model file means the same thing everywhere.
"""

from __future__ import annotations

import re
import zlib
from datetime import date

from .frames import PRIORITY, Context, is_aggregate
from .text import Sentence

DIM = 1 << 18
FEATURES_VERSION = "dronewatch.features.v2"
_WORD = re.compile(r"\w+")


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _grams(words: list[str], prefix: str, out: set[str], chars: bool) -> None:
    prev = "<s>"
    for w in words:
        if w.isdigit():
            w = "<num>" if len(w) != 4 else "<year>"
        out.add(prefix + w)
        out.add(prefix + prev + "_" + w)
        prev = w
        if chars and len(w) > 3:
            p = f"<{w}>"
            for i in range(len(p) - 3):
                out.add("c" + prefix + p[i : i + 4])


def rule_cues(ctx: Context, sent: Sentence) -> list[str]:
    """What the lexicons and gazetteer say of a sentence, as feature names."""
    lex = ctx.lex
    fs = ctx.folded[sent.start : sent.end]
    out = []
    for name, pat in (
        ("drone", lex.drone),
        ("oos", lex.out_of_scope),
        ("hyp", lex.hypothetical),
        ("opinion", lex.opinion),
        ("habitual", lex.habitual),
        ("legion", lex.legion_units),
        ("agents", lex.agents),
        ("crime", lex.crime),
        ("blame", lex.blame),
        ("reporting", lex.reporting),
    ):
        if pat is not None and pat.search(fs):
            out.append("r:" + name)
    for t in PRIORITY:
        if lex.types[t.value].search(fs):
            out.append("r:lex=" + t.value)
    for key, pat in lex.drone_types:
        if pat.search(fs):
            out.append("r:dt=" + key)
    for key, pat in lex.payload:
        if pat.search(fs):
            out.append("r:pay=" + key)
    if is_aggregate(ctx, sent):
        out.append("r:aggregate")
    if sent.text[:1] in "“\"«„‘'" or sent.text[:2] in ("— ", "– "):
        out.append("r:quote")
    if sent.index == 0:
        out.append("r:first")
    if sent.end <= ctx.dateline_end:
        out.append("r:dateline")
    if len(sent.text) < 90 and not sent.text.rstrip().endswith((".", "!", "?", "…")):
        out.append("r:fragment")  # a headline, a caption line, a list item
    actors = ctx.within(ctx.actors, sent.start, sent.end)
    for a in actors:
        if a.candidate:
            continue
        kind = ctx.registry.kind(a.name) or "other"
        out.append("r:actor=" + kind.replace(" ", "_"))
    for p in ctx.within(ctx.places, sent.start, sent.end):
        out.append("r:place=" + p.level)
        if ctx.main_country and p.country != ctx.main_country and p.level == "country":
            out.append("r:other_country")
    for d in ctx.within(ctx.dates, sent.start, sent.end):
        out.append("r:date=" + d.precision + ("_rel" if d.relative else ""))
        if ctx.published and int(d.value[:4]) < ctx.published.year:
            out.append("r:date_before_year")
        if ctx.published and d.precision == "day":
            gap = (ctx.published - date.fromisoformat(d.value)).days
            out.append(
                "r:gap=" + ("0-7" if gap <= 7 else "8-60" if gap <= 60 else "61-365" if gap <= 365 else ">1y")
            )
    if ctx.legion_doc:
        out.append("r:legion_doc")
    return out


def sentence_features(ctx: Context, sent: Sentence, rule_types: list[str]) -> tuple[list[int], list[float]]:
    """Hashed feature indices of a sentence in its context, and the value of each.

    The words share one unit of weight between them (a long sentence is not
    more of anything); each rule cue counts in full, so that under the
    regularisation the model can lean on the rules where they are right, and
    learn from the words where they are not.
    """
    grams: set[str] = set()
    fs = ctx.folded[sent.start : sent.end]
    _grams(_words(fs), "", grams, chars=True)
    i = sent.index
    prev = ctx.sentences[i - 1] if i > 0 else None
    nxt = ctx.sentences[i + 1] if i + 1 < len(ctx.sentences) else None
    cues: set[str] = {"bias", "lang=" + ctx.lex.language}
    if prev is not None:
        pf = ctx.folded[prev.start : prev.end]
        _grams(_words(pf), "p:", grams, chars=False)
        if ctx.lex.drone.search(pf):
            cues.add("r:drone_prev")
        cues.update("p:r:lex=" + t.value for t in PRIORITY if ctx.lex.types[t.value].search(pf))
    if nxt is not None:
        _grams(_words(ctx.folded[nxt.start : nxt.end]), "n:", grams, chars=False)
    p0, p1 = ctx.paragraph_span(sent)
    if ctx.lex.drone.search(ctx.folded[p0:p1]):
        cues.add("r:drone_para")
    retraction = ctx.lex.retraction
    if retraction is not None:
        # "the blast first blamed on a drone turned out to be a gas tank": a report taking it back
        if retraction.search(fs):
            cues.add("r:retraction_here")
        later = ctx.sentences[i + 1 : i + 4]
        if any(retraction.search(ctx.folded[x.start : x.end]) for x in later):
            cues.add("r:retraction_after")
        if retraction.search(ctx.folded[p0:p1]):
            cues.add("r:retraction_para")
    found = rule_cues(ctx, sent)
    cues.update(found)
    cues.update("r:rule=" + t for t in rule_types)
    cues.add("r:rule_first=" + (rule_types[0] if rule_types else "none"))
    # the rule cues crossed with the language: a trigger list is better in one language than another
    lang = ctx.lex.language
    cues.update(f"{lang}|{c}" for c in found if c.startswith("r:lex=") or c in ("r:drone", "r:oos", "r:hyp"))
    cues.update(f"{lang}|r:rule_first={rule_types[0] if rule_types else 'none'}" for _ in (0,))
    weights: dict[int, float] = {}
    g = {_h(x) for x in grams}
    gv = 1.0 / max(1, len(g)) ** 0.5
    for k in g:
        weights[k] = gv
    for x in cues:
        k = _h(x)
        weights[k] = weights.get(k, 0.0) + 1.0
    idx = sorted(weights)
    return idx, [weights[k] for k in idx]
