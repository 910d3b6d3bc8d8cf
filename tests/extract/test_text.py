from dronewatch.extract.text import fold, split_sentences


def test_fold_keeps_length_and_offsets():
    for s in ("Cártel Jalisco Nueva Generación", "Інтернаціональний легіон", "«Лос-Сетас» — ЁЖ"):
        assert len(fold(s)) == len(s)
    assert fold("Cártel Michoacán") == "cartel michoacan"
    assert fold("Київ Йосип") == "київ йосип"  # ї and й are letters of their own


def test_sentences_respect_abbreviations_and_paragraphs():
    text = "Oct. 14, 2025 — Gen. Sandoval spoke. Two officers were hurt.\n\nДругий абзац. Ще речення!"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Oct. 14, 2025 — Gen. Sandoval spoke.",
        "Two officers were hurt.",
        "Другий абзац.",
        "Ще речення!",
    ]
    assert [s.paragraph for s in sents] == [0, 0, 1, 1]
    assert all(text[s.start : s.end] == s.text for s in sents)
