"""CSV exports and screening output never hand a spreadsheet a formula."""

import csv
import io

from dronewatch.export.cells import safe_cell, safe_list, safe_row
from dronewatch.ingest.pipeline import web_url


def test_formula_cells_are_quoted_and_the_rest_left_alone():
    for bad in ('=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("Culiacán") == "Culiacán" and safe_cell(-3) == -3 and safe_cell(None) is None
    assert safe_row({"a": "=1", "b": 2}) == {"a": "'=1", "b": 2}
    out = io.StringIO()
    csv.writer(out).writerow(safe_list(["=cmd|' /C calc'!A0", "ok"]))
    assert out.getvalue().startswith("'=cmd")


def test_only_web_addresses_are_kept():
    assert web_url("https://example.org/a") == "https://example.org/a"
    assert web_url(" HTTP://EXAMPLE.ORG ") == "HTTP://EXAMPLE.ORG"
    for bad in ("javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x",
                "//evil.example", "ftp://x", "", None):
        assert web_url(bad) is None
