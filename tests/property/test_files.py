"""Files the operator provides or the charge point left behind: any bytes, YAML or TOML in the
config file, any bytes in the state file or its journal, end in a one-line error naming the
file (or load), never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from everest_py.ocpp16.configuration.store import FILE_NAME, JOURNAL_NAME, StateFile, StateFileError
from everest_py.ocpp16.settings import SettingsError, build_settings, read_config_file
from tests.property.strategies import PROPERTY, huge_integer, json_values, nested

SUFFIXES = st.sampled_from([".yaml", ".yml", ".toml"])


def check_config(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        build_settings(read_config_file(path), {}, str(path))
    except SettingsError as error:
        # One line per problem, each naming the file (and the setting), no traceback.
        lines = str(error).split("\n")
        assert all(line.startswith(f"{path}: ") for line in lines), str(error)


def check_state(directory: Path, snapshot: bytes | None, journal: bytes | None) -> None:
    for name, data in ((FILE_NAME, snapshot), (JOURNAL_NAME, journal)):
        target = directory / name
        target.unlink(missing_ok=True)
        if data is not None:
            target.write_bytes(data)
    state = StateFile(directory)
    try:
        state.load()
    except StateFileError as error:
        message = str(error)
        assert str(directory) in message and "\n" not in message, message
    finally:
        state.close()


@PROPERTY
@given(st.binary(max_size=300), SUFFIXES)
def test_config_file_of_any_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    check_config(tmp_path / f"config{suffix}", data)


@PROPERTY
@given(json_values)
def test_config_file_of_any_yaml_document(tmp_path: Path, document: object) -> None:
    check_config(tmp_path / "config.yaml", yaml.safe_dump(document).encode())


@PROPERTY
@given(
    st.dictionaries(
        st.sampled_from(["csms_url", "charge_point_id", "data_dir", "connectors",
                         "response_timeout", "reconnect", "identity", "log_level", "mqtt"]),
        json_values, max_size=6,
    )
)  # fmt: skip
def test_config_file_with_known_sections_of_any_value(tmp_path: Path, document: object) -> None:
    check_config(tmp_path / "config.yaml", yaml.safe_dump(document).encode())


def test_a_missing_mqtt_module_id_names_the_file(tmp_path: Path) -> None:
    check_config(tmp_path / "config.yaml", b"mqtt:\n  host: localhost\n")


def test_a_setting_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b'"a\\rb": 1\n')
    with pytest.raises(SettingsError) as error:
        build_settings(read_config_file(path), {}, str(path))
    assert all(line.startswith(f"{path}: ") for line in str(error.value).splitlines())


@settings(PROPERTY, max_examples=6)
@given(
    st.sampled_from(["yaml-nan", "yaml-inf", "deep", "digits", "toml-deep", "toml-digits"]),
    st.integers(min_value=1, max_value=2),
)
def test_config_files_that_used_to_crash(tmp_path: Path, kind: str, scale: int) -> None:
    texts = {
        "yaml-nan": "reconnect:\n  initial_delay: .nan\n",
        "yaml-inf": "response_timeout: .inf\n",
        "deep": "a: " + nested(2000 * scale) + "\n",
        "digits": "connectors: " + huge_integer(4400 * scale) + "\n",
        "toml-deep": "a = " + nested(2000 * scale) + "\n",
        "toml-digits": "connectors = " + huge_integer(4400 * scale) + "\n",
    }
    suffix = ".toml" if kind.startswith("toml") else ".yaml"
    check_config(tmp_path / f"config{suffix}", texts[kind].encode())


@PROPERTY
@given(st.binary(max_size=300) | st.none(), st.binary(max_size=300) | st.none())
def test_state_file_and_journal_of_any_bytes(
    tmp_path: Path, snapshot: bytes | None, journal: bytes | None
) -> None:
    check_state(tmp_path, snapshot, journal)


@PROPERTY
@given(json_values, st.lists(json_values, max_size=4))
def test_state_file_and_journal_of_any_json(
    tmp_path: Path, snapshot: object, changes: list[object]
) -> None:
    lines = [json.dumps({"journal": 1, "generation": 0}), *map(json.dumps, changes)]
    check_state(tmp_path, json.dumps(snapshot).encode(), "\n".join(lines).encode() + b"\n")


@PROPERTY
@given(st.sampled_from(["deep", "digits"]), st.booleans())
def test_state_files_that_used_to_crash(tmp_path: Path, kind: str, in_journal: bool) -> None:
    bad = nested(3000) if kind == "deep" else huge_integer(5000)
    text = '{"version": 1, "configuration": {"A": ' + bad + "}}"
    if in_journal:
        header = json.dumps({"journal": 1, "generation": 0})
        check_state(tmp_path, b'{"version": 1}', f"{header}\n{text}\n".encode())
    else:
        check_state(tmp_path, text.encode(), None)
