"""The charge point as an EVerest module: its manifest, config mapping and MQTT prefix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from everest_py.ocpp16.app import ChargePointApp
from everest_py.ocpp16.everest_module import CONFIG_FILE_KEY, CONFIG_KEYS, settings_from_config
from everest_py.ocpp16.settings import build_settings

MANIFEST = Path(__file__).resolve().parents[2] / "impl" / "manifest.yaml"


def test_every_manifest_config_entry_is_read_and_every_requirement_is_optional() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert set(manifest["config"]) == set(CONFIG_KEYS) | {CONFIG_FILE_KEY}
    assert manifest["provides"]["main"]["interface"] == "ocpp_1_6_charge_point"
    assert all(r["min_connections"] == 0 for r in manifest["requires"].values())
    assert manifest["requires"]["evse_manager"]["max_connections"] == 128


def test_config_values_become_settings_and_empty_means_default(tmp_path: Path) -> None:
    settings = settings_from_config(
        {
            "CsmsUrl": "ws://127.0.0.1:1/ocpp",
            "ChargePointId": "CP9",
            "DataDir": str(tmp_path),
            "Connectors": 2,
            "Vendor": "",
            "LogLevel": "DEBUG",
            "ConfigFile": "",
        }
    )
    assert (settings.charge_point_id, settings.connectors, settings.data_dir) == (
        "CP9",
        2,
        tmp_path,
    )
    assert settings.identity.vendor == "EVerest-py" and settings.log_level == "DEBUG"


def test_the_cli_leaves_the_managers_prefix_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EV_MQTT_EVEREST_PREFIX", "site7")
    document = {
        "csms_url": "ws://127.0.0.1:1/ocpp",
        "charge_point_id": "CP",
        "data_dir": str(tmp_path),
    }
    settings = build_settings(document, {"mqtt": "127.0.0.1:1883", "module_id": "cp"}, "test")
    app = ChargePointApp(settings)
    assert app.module is not None
    assert app.module.transport.topics.prefix == "site7/"  # type: ignore[attr-defined]
    explicit = build_settings(
        document | {"mqtt": {"prefix": "mine"}},
        {"mqtt": "127.0.0.1:1883", "module_id": "cp"},
        "test",
    )
    assert ChargePointApp(explicit).module.transport.topics.prefix == "mine/"  # type: ignore[union-attr,attr-defined]
