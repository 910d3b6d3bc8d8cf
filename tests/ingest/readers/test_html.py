from datetime import date

import pytest

from dronewatch.errors import InputError
from dronewatch.ingest.readers.html import read_html

from ...conftest import CORPUS


def test_main_text_title_and_date_and_no_furniture():
    path = CORPUS / "legion/legion-cartel-drones.html"
    (doc,) = list(read_html(str(path), path.read_bytes()))
    assert doc.title.startswith("Alertan que cárteles")
    assert doc.published == date(2025, 7, 25)
    assert doc.outlet == "Noticias de Occidente"
    assert "Centro Nacional de Inteligencia" in doc.text
    for furniture in ("Comparte en Facebook", "Deja un comentario", "Lo más leído", "Inicio"):
        assert furniture not in doc.text


def test_truncated_html_is_refused():
    path = CORPUS / "legion/legion-cartel-drones.html"
    data = path.read_bytes()
    with pytest.raises(InputError) as exc:
        list(read_html("cut.html", data[: len(data) // 2]))
    assert "truncated HTML" in str(exc.value) and "cut.html" in str(exc.value)


def test_a_page_without_main_text_is_refused():
    with pytest.raises(InputError) as exc:
        list(read_html("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    assert "no main text" in str(exc.value)
