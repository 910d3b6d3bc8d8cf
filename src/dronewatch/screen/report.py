"""A screening report an officer can read and print: one section per roster row."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from .screening import RowResult

CSS = """body{font:13px/1.45 system-ui,sans-serif;margin:2em;color:#1d2430}h1{font-size:1.3em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1.2em}td,th{border:1px solid #ccd3dd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f0f3f7}.likely{color:#b42318;font-weight:700}
.row{page-break-inside:avoid;margin-bottom:1.2em}.muted{color:#5a6474}@media print{body{margin:0}}"""


def render(roster_id: str, roster_name: str, results: list[RowResult], threshold: float) -> str:
    e = html.escape
    likely = sum(1 for r in results if r.matches and r.matches[0]["likely"])
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Screening {e(roster_id)}</title>"
        f"<style>{CSS}</style></head><body>",
        f"<h1>Screening report — {e(roster_name)}</h1>",
        f"<p class='muted'>roster {e(roster_id)} · {len(results)} row(s) · {likely} likely match(es) at threshold "
        f"{threshold:.2f} · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · dronewatch</p>",
    ]
    for rr in results:
        parts.append(f"<div class='row'><h2>Row {rr.row.row}: {e(rr.row.name)}</h2>")
        if not rr.matches:
            parts.append("<p>No match on any watchlist.</p>")
        else:
            parts.append("<table><tr><th>match</th><th>list</th><th>score</th><th>why</th></tr>")
            for m in rr.matches:
                cls = " class='likely'" if m["likely"] else ""
                tie = f" (tied to {e(m['tie'])})" if m.get("tie") and m["tie"] != m["name"] else ""
                parts.append(
                    f"<tr><td{cls}>{e(m['name'])}{tie}</td><td>{e(m['watchlist'])}</td>"
                    f"<td{cls}>{m['score']:.2f}</td><td>{'<br>'.join(e(r) for r in m['reasons'])}</td></tr>"
                )
            parts.append("</table>")
        for path in rr.paths:
            if not path:
                continue
            hops = " → ".join([e(path[0]["from"]), *[f"<i>{e(h['link'])}</i> {e(h['to'])}" for h in path]])
            ev = "<br>".join(
                f"{e(h['from'])} {e(h['link'])} {e(h['to'])}: “{e(h['evidence'][:200])}”" for h in path
            )
            parts.append(f"<p>Recruiter path: {hops}</p><p class='muted'>{ev}</p>")
        parts.append("</div>")
    parts.append("</body></html>")
    return "".join(parts)
