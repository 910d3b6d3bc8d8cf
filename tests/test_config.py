import pytest

from dronewatch.config import load_config
from dronewatch.errors import ConfigError


def test_defaults_need_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = load_config(env={})
    assert cfg.db_url == "sqlite:///dronewatch.db"
    assert cfg.ingest.max_file_mb == 20


def test_file_then_environment(tmp_path):
    f = tmp_path / "dw.toml"
    f.write_text('db = "x.db"\n[ingest]\nmax_file_mb = 5\nlanguages = ["en", "es"]\n')
    cfg = load_config(f, env={"DRONEWATCH_INGEST_MAX_FILE_MB": "7.5"})
    assert cfg.db == "x.db" and cfg.ingest.max_file_mb == 7.5 and cfg.ingest.languages == ("en", "es")
    cfg = load_config(f, env={"DRONEWATCH_DB": "postgresql://u@h/db"})
    assert cfg.db_url == "postgresql://u@h/db"


@pytest.mark.parametrize(
    "content,message",
    [
        ("[ingest]\nmax_file_mb = \n", "not valid TOML"),
        ("[ingest]\nmax_mb = 3\n", "unknown setting 'max_mb'"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, content, message):
    f = tmp_path / "dw.toml"
    f.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(f, env={})


def test_named_missing_file_and_bad_env_value(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", env={})
    with pytest.raises(ConfigError, match="expected a float"):
        load_config(env={"DRONEWATCH_INGEST_MAX_FILE_MB": "lots", "DRONEWATCH_CONFIG": ""})


def test_wrong_type_in_file(tmp_path):
    f = tmp_path / "dw.toml"
    f.write_text('[ingest]\nmax_file_mb = "big"\n')
    with pytest.raises(ConfigError, match="expected a float"):
        load_config(f, env={})
