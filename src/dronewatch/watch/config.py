"""The watch configuration: sources to poll and alert rules, one TOML file.

[[source]]
name = "andes-dispatch"
feed = "https://example.org/feed.xml"    # or: folder = "/data/inbox"
interval = 300                            # seconds between polls

[alerts]
webhook_secret = "..."                    # required with webhooks: signs timestamp + "." + body (HMAC-SHA256)
smtp = "127.0.0.1:25"
mail_from = "dronewatch@example.org"

[[alert]]
name = "guanajuato"
type = "drone_attack"                     # any `dronewatch events` filter
admin1 = "Guanajuato"
min_sources = 2
deliver = ["webhook:https://hooks.example.org/x", "email:desk@example.org", "file:alerts.jsonl"]

[[alert]]
name = "legion-links"
kind = "new_link"                         # a new actor linked to this one
actor = "International Legion"
deliver = ["file:alerts.jsonl"]

[[alert]]
name = "surge"
kind = "surge"                            # this month above factor x the mean of the months before
factor = 2.0
months = 6
deliver = ["file:alerts.jsonl"]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

FILTER_KEYS = ("type", "country", "admin1", "actor", "since", "until", "min_sources")


@dataclass(frozen=True)
class SourceConf:
    name: str
    feed: str | None = None
    folder: str | None = None
    interval: int = 300


@dataclass(frozen=True)
class AlertRule:
    name: str
    kind: str = "events"  # events | new_link | surge
    filters: dict[str, Any] = field(default_factory=dict)
    actor: str | None = None
    factor: float = 2.0
    months: int = 6
    deliver: tuple[str, ...] = ()


@dataclass(frozen=True)
class WatchConfig:
    sources: tuple[SourceConf, ...]
    rules: tuple[AlertRule, ...]
    webhook_secret: str = ""
    smtp: str = "127.0.0.1:25"
    mail_from: str = "dronewatch@localhost"


def load_watch_config(path: Path) -> WatchConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    sources = []
    for i, s in enumerate(data.get("source", []), start=1):
        if not isinstance(s, dict) or "name" not in s or (("feed" in s) == ("folder" in s)):
            raise ConfigError(f"{path}: source {i} needs a name and exactly one of feed or folder")
        sources.append(
            SourceConf(str(s["name"]), s.get("feed"), s.get("folder"), int(s.get("interval", 300)))
        )
    rules = []
    for i, r in enumerate(data.get("alert", []), start=1):
        if not isinstance(r, dict) or "name" not in r:
            raise ConfigError(f"{path}: alert {i} needs a name")
        kind = r.get("kind", "events")
        if kind not in ("events", "new_link", "surge"):
            raise ConfigError(f"{path}: alert {r['name']}: kind is events, new_link or surge")
        deliver = r.get("deliver", [])
        for d in deliver:
            if not str(d).startswith(("webhook:", "email:", "file:")):
                raise ConfigError(
                    f"{path}: alert {r['name']}: deliver to webhook:URL, email:ADDRESS or file:PATH"
                )
        from ..store.events import FilterError, parse_filter

        try:
            parse_filter(**{k: r[k] for k in FILTER_KEYS if k in r})
        except (FilterError, TypeError) as exc:
            raise ConfigError(f"{path}: alert {r['name']}: {exc}") from exc
        rules.append(
            AlertRule(
                name=str(r["name"]),
                kind=kind,
                filters={k: r[k] for k in FILTER_KEYS if k in r},
                actor=r.get("actor"),
                factor=float(r.get("factor", 2.0)),
                months=int(r.get("months", 6)),
                deliver=tuple(map(str, deliver)),
            )
        )
    a = data.get("alerts", {})
    secret = str(a.get("webhook_secret", ""))
    hooked = [r.name for r in rules if any(d.startswith("webhook:") for d in r.deliver)]
    if hooked and len(secret) < 16:
        # an empty or short key signs nothing a receiver can trust
        raise ConfigError(
            f"{path}: alert {hooked[0]} delivers to a webhook, so [alerts] webhook_secret must be set "
            "(at least 16 characters; the receiver checks X-Dronewatch-Signature with it)"
        )
    return WatchConfig(
        tuple(sources),
        tuple(rules),
        str(a.get("webhook_secret", "")),
        str(a.get("smtp", "127.0.0.1:25")),
        str(a.get("mail_from", "dronewatch@localhost")),
    )
