from importlib import resources

import pytest

from dronewatch.errors import ConfigError
from dronewatch.extract import lexicon
from dronewatch.extract.lexicon import LANGUAGES, load_lexicon


def test_languages_are_the_files_present() -> None:
    folder = resources.files("dronewatch.data").joinpath("lexicons")
    files = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
    assert list(LANGUAGES) == files
    assert {"en", "es", "pt", "fr", "uk", "ru"} <= set(LANGUAGES)


def test_word_lists_live_in_the_data() -> None:
    uk = load_lexicon("uk")
    assert uk.infiltration is not None and uk.infiltration.search("проникнення картелів")
    assert "біля" in uk.locative and "ул" in uk.abbreviations
    assert load_lexicon("es").legion_units is not None
    # the country name alone is not a unit of the Legion
    assert not load_lexicon("es").legion_units.search("ucrania")  # type: ignore[union-attr]


def test_an_unknown_key_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = resources.files("dronewatch.data").joinpath("lexicons/en.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "lexicons"
    bad.mkdir()
    (bad / "en.yaml").write_text(src + "drones_typo: ['x']\n", encoding="utf-8")

    class Files:
        def joinpath(self, name: str):  # type: ignore[no-untyped-def]
            return tmp_path / name

    monkeypatch.setattr(lexicon.resources, "files", lambda _pkg: Files())
    load_lexicon.cache_clear()
    try:
        with pytest.raises(ConfigError, match="unknown key.*drones_typo"):
            load_lexicon("en")
    finally:
        load_lexicon.cache_clear()
