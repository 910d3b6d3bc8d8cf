from dronewatch.ingest.normalise import clean_text, content_id


def test_content_id_ignores_case_and_whitespace():
    a = "Drones  attacked police\nin Aguililla."
    b = "drones attacked police in   AGUILILLA."
    assert content_id(a) == content_id(b)
    assert content_id(a) != content_id("Drones attacked police in Tepalcatepec.")


def test_clean_text_keeps_paragraphs_and_drops_extra_blank_lines():
    assert clean_text("  One\u00a0 line \r\n\r\n\r\n Two ") == "One line\n\nTwo"


def test_control_characters_never_reach_the_store():
    from dronewatch.ingest.normalise import clean_text
    from dronewatch.ingest.pipeline import web_url

    assert clean_text("Un dron\x00 cayó\x1b[31m en\x07 Culiacán\x85.") == "Un dron cayó [31m en Culiacán ."
    assert clean_text("línea uno\n\tdos") == "línea uno\ndos"
    assert web_url("https://example.org/a\x00b") is None and web_url("https://exa mple.org") is None
