from datetime import date

import pytest

from dronewatch.errors import InputError
from dronewatch.ingest.readers import RawDocument
from dronewatch.ingest.readers.feeds import html_fragment_to_text, read_feed

from ...conftest import CORPUS

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kyiv Ledger</title>
  <id>urn:kl</id>
  <updated>2025-08-05T10:00:00Z</updated>
  <entry>
    <title>SBU checks foreign volunteers</title>
    <id>urn:kl:1</id>
    <link href="https://example.org/kl/1"/>
    <updated>2025-08-05T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The SBU opened checks into Legion volunteers.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Empty</title><id>urn:kl:2</id><updated>2025-08-06T10:00:00Z</updated>
  </entry>
</feed>"""


def test_rss_entries_become_documents():
    path = CORPUS / "feeds/security-wire.xml"
    items = list(read_feed(str(path), path.read_bytes()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == 4
    first = docs[0]
    assert first.outlet == "Andes Dispatch"
    assert first.published == date(2024, 1, 16)
    assert first.url.endswith("ecuador-gang-drones")
    assert first.external_id == "andes-2024-01-ecuador-gang-drones"
    assert "Los Lobos" in first.text and "<p>" not in first.text
    assert first.origin.endswith("#entry1")


def test_atom_entries_and_an_empty_entry_is_reported():
    items = list(read_feed("kl.atom", ATOM.encode()))
    assert (
        isinstance(items[0], RawDocument) and items[0].text == "The SBU opened checks into Legion volunteers."
    )
    assert isinstance(items[1], InputError) and "entry 2" in str(items[1])


def test_truncated_xml_names_the_line():
    data = (CORPUS / "feeds/security-wire.xml").read_bytes()
    with pytest.raises(InputError) as exc:
        list(read_feed("cut.xml", data[: len(data) // 2]))
    assert "malformed or truncated XML" in str(exc.value)
    assert exc.value.line is not None and exc.value.line > 1


def test_xml_that_is_no_feed():
    with pytest.raises(InputError) as exc:
        list(read_feed("note.xml", b"<?xml version='1.0'?><note><to>x</to></note>"))
    assert "not an RSS or Atom feed" in str(exc.value)


def test_fragment_paragraphs_survive():
    assert html_fragment_to_text("<p>One.</p><p>Two.</p>").split() == ["One.", "Two."]
