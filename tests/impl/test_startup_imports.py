"""A charge point without EVSEs or modules to serve does not load the EVerest types only those
need: the evse_manager, reservation, authorization and ISO 15118 types cost about a tenth of a
second of pydantic classes at every start-up (bench/bench_startup.py). Each case runs in a fresh
interpreter, which is the only place "not imported yet" means anything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from everest_py.ocpp16.charging.mapping import ocpp_reason
from everest_py.ocpp16.csms_actions import reservation as reservation_action

# Loaded by the EVSE, reservation and auth links only.
LINK_ONLY_TYPES = (
    "everest_py.generated.types.evse_manager",
    "everest_py.generated.types.reservation",
    "everest_py.generated.types.authorization",
    "everest_py.generated.types.iso15118",
    "everest_py.generated.interfaces.auth_token_provider",
    "everest_py.generated.interfaces.auth_token_validator",
)

# Builds a ChargePointApp (in-process bus or none) and prints which of LINK_ONLY_TYPES loaded.
PROBE = """
import asyncio, json, sys
from everest_py.ocpp16 import build_settings
from everest_py.ocpp16.app import ChargePointApp

async def main() -> None:
    document = {"csms_url": "ws://127.0.0.1:9/ocpp", "charge_point_id": "CP", "data_dir": sys.argv[1]}
    bus = None
    if sys.argv[2] == "bus":
        from everest_py.runtime import InProcessBus
        bus = InProcessBus()
    app = ChargePointApp(build_settings(document, {}, "test"), bus=bus)
    await app.core.close()
    print(json.dumps(sorted(name for name in json.loads(sys.argv[3]) if name in sys.modules)))

asyncio.run(main())
"""


def loaded(tmp_path: Path, served: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / served), served, json.dumps(LINK_ONLY_TYPES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names: list[str] = json.loads(result.stdout)
    return names


def test_a_charge_point_without_modules_does_not_load_the_link_types(tmp_path: Path) -> None:
    assert loaded(tmp_path, "none") == []


def test_serving_the_interfaces_loads_the_auth_types(tmp_path: Path) -> None:
    # The other side of the rule: the probe sees these modules when they are needed (the
    # auth_provider and auth_validator implementations are provided on the bus).
    names = loaded(tmp_path, "bus")
    assert "everest_py.generated.interfaces.auth_token_provider" in names
    assert "everest_py.generated.interfaces.auth_token_validator" in names
    assert "everest_py.generated.types.authorization" in names


def test_every_reservation_result_has_its_ocpp_status() -> None:
    # The table is keyed by value so it needs no reservation types: each EVerest result must
    # still find the OCPP status of the same name.
    from everest_py.generated.types.reservation import ReservationResult

    for result in ReservationResult:
        assert reservation_action._STATUS[result].value == result.value


def test_stop_reasons_of_the_same_name_map_to_ocpp() -> None:
    from everest_py.generated.types.evse_manager import StopTransactionReason

    assert ocpp_reason(StopTransactionReason.Remote).value == "Remote"
    assert ocpp_reason(StopTransactionReason.DeAuthorized).value == "DeAuthorized"
    assert ocpp_reason(StopTransactionReason.EnergyLimitReached).value == "Other"
    assert ocpp_reason(None).value == "Other"


def test_the_phase_table_names_session_events() -> None:
    # Keyed by value too: a misspelt key would silently never match an event.
    from everest_py.generated.types.evse_manager import SessionEventEnum
    from everest_py.ocpp16.charging import station

    assert {SessionEventEnum(key) for key in station._PHASES} >= {
        SessionEventEnum.SessionStarted,
        SessionEventEnum.SessionFinished,
    }
    assert len(station._PHASES) == 6
