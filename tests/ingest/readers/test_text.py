from datetime import date

import pytest

from dronewatch.errors import InputError, InputWarning
from dronewatch.ingest.readers import RawDocument
from dronewatch.ingest.readers.text import read_text

ARTICLE = """---
title: Drones bomb police in Aguililla
published: 2021-04-21
outlet: Frontera Monitor
url: https://example.org/a
language: en
id: fm-1
---
Two state police officers were wounded when drones dropped explosives on them.
"""


def test_front_matter_fills_the_metadata():
    (doc,) = list(read_text("a.md", ARTICLE.encode()))
    assert isinstance(doc, RawDocument)
    assert doc.title == "Drones bomb police in Aguililla"
    assert doc.published == date(2021, 4, 21)
    assert doc.outlet == "Frontera Monitor"
    assert doc.language == "en"
    assert doc.external_id == "fm-1"
    assert doc.text.strip().startswith("Two state police officers")


def test_plain_text_without_front_matter():
    (doc,) = list(read_text("a.txt", b"Drones were seen over the prison.\n"))
    assert doc.title is None and doc.text.startswith("Drones")


def test_a_legacy_encoded_file_is_read_and_mixed_encoding_warns():
    mixed = (
        ARTICLE.replace("Aguililla", "Aguililla, Michoacán").encode()
        + "Según la fiscalía, nadie murió.\n".encode("cp1252") * 2
    )
    items = list(read_text("a.md", mixed))
    assert isinstance(items[0], InputWarning)
    assert "Según la fiscalía" in items[1].text


@pytest.mark.parametrize(
    "content,reason",
    [
        ("---\ntitle: x\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
        ("---\nauthor: me\n---\nbody\n", "unknown front matter key"),
        ("---\ntitle: x\n---\n\n", "no text after the front matter"),
        ("---\npublished: the day before yesterday-ish\n---\nbody\n", "unreadable publication date"),
    ],
)
def test_bad_front_matter(content, reason):
    with pytest.raises(InputError) as exc:
        list(read_text("bad.md", content.encode()))
    assert reason in str(exc.value)
    assert "bad.md" in str(exc.value)
