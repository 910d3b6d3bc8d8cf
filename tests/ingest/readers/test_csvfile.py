from datetime import date

import pytest

from dronewatch.errors import InputError
from dronewatch.ingest.readers import RawDocument
from dronewatch.ingest.readers.csvfile import read_csv

from ...conftest import CORPUS


def test_documented_columns_and_multiline_text():
    path = CORPUS / "smuggling/prisons.csv"
    docs = list(read_csv(str(path), path.read_bytes()))
    assert [d.external_id for d in docs] == ["prisiones-ec-001", "prisiones-co-002", "prisiones-mx-003"]
    assert docs[0].published == date(2023, 8, 14)
    assert "\n" in docs[0].text and "Los Choneros" in docs[0].text
    assert docs[1].outlet == "Crónica del Cauca"


def test_source_is_an_alias_of_outlet_and_extra_columns_are_ignored():
    data = b"text,source,notes\nDrone seized at the prison.,Reuters,x\n"
    (doc,) = list(read_csv("a.csv", data))
    assert doc.outlet == "Reuters"


def test_missing_required_column_refuses_the_file():
    with pytest.raises(InputError) as exc:
        list(read_csv("a.csv", b"title,url\nx,y\n"))
    assert "missing required column(s): text" in str(exc.value)
    assert exc.value.line == 1


def test_bad_rows_are_reported_by_line():
    data = b'title,text\nok,"Drone over the prison"\nempty,\ntoo,many,fields\nok2,"Second, fine"\n'
    items = list(read_csv("a.csv", data))
    good = [i.title for i in items if isinstance(i, RawDocument)]
    bad = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert good == ["ok", "ok2"]
    assert "empty 'text'" in bad[3] and "fields" in bad[4]
