"""Local servers for the watcher and alert tests, on 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def feed_xml(n: int, start: int = 0) -> bytes:
    items = []
    for i in range(start, start + n):
        country = ["Michoacán", "Cauca", "Sinaloa", "Antioquia"][i % 4]
        items.append(
            f"<item><title>Report {i}</title><link>http://127.0.0.1/r/{i}</link><guid>r-{i}</guid>"
            f"<pubDate>Mon, {1 + i % 28:02d} Sep 2025 10:00:00 GMT</pubDate>"
            f"<description>Report number {i}: drones dropped explosives on a police patrol in {country} "
            f"on Sunday, wounding {1 + i % 5} officers, officials said. Case {i * 7919}.</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Local Wire</title>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


class FeedServer:
    """Serves one feed with an ETag; counts 200s and 304s."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.hits = {"200": 0, "304": 0}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                etag = '"' + hashlib.sha256(outer.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    outer.hits["304"] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                outer.hits["200"] += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


class HookServer:
    """Receives webhook POSTs and keeps their headers and bodies."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
