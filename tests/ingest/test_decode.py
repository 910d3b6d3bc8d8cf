import pytest

from dronewatch.errors import InputError
from dronewatch.ingest.decode import decode_bytes, looks_binary

SPANISH = "El cártel atacó con drones a la policía en Aguililla, Michoacán; hubo dos heridos.\n"
RUSSIAN = "Дроны картеля атаковали полицию в Мичоакане, двое раненых.\n"


def test_utf8_is_read_as_is():
    assert decode_bytes(SPANISH.encode(), "a.txt").text == SPANISH


def test_cp1252_is_detected():
    d = decode_bytes((SPANISH * 3).encode("cp1252"), "a.txt")
    assert d.text == SPANISH * 3
    assert d.encoding == "cp1252"
    assert d.warning is None


def test_cp1251_russian_is_detected():
    d = decode_bytes((RUSSIAN * 3).encode("cp1251"), "a.txt")
    assert d.text == RUSSIAN * 3


def test_utf16_with_bom():
    assert decode_bytes("\ufeff".encode("utf-16-le") + SPANISH.encode("utf-16-le"), "a.txt").text.endswith(
        SPANISH
    )


def test_mixed_encodings_are_decoded_line_by_line_with_a_warning():
    data = SPANISH.encode("utf-8") + ("Señora Núñez dijo que vio los drones.\n" * 2).encode("cp1252")
    d = decode_bytes(data, "mixed.txt")
    assert "Señora Núñez" in d.text
    assert "Michoacán" in d.text
    assert d.warning and "mixed encodings" in d.warning


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x41]) * 40, "undecodable"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "bad.txt")
    assert reason in str(exc.value)
    assert str(exc.value).startswith("bad.txt")


def test_binary_detection_ignores_ordinary_whitespace():
    assert not looks_binary(b"line one\r\n\tline two\n\x0c")
    assert looks_binary(b"abc\x00def")
