"""What start-up loads and builds (bench/bench_startup.py measures the time; these keep the
structure that makes it short from regressing). Each check runs in a fresh interpreter."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from ocpp.v16 import call

from everest_py.ocpp16.csms_actions.registry import ACTION_MODULES
from tests.impl.csms import WAIT, Csms

ROOT = Path(__file__).resolve().parents[1]

# Loaded only by the modes that use them, never by `run` without --simulate / --mqtt.
NOT_FOR_RUN = (
    "everest_py.ocpp16.simulation",
    "everest_py.ocpp16.simulated",
    "everest_py.ocpp16.fleet",
    "everest_py.ocpp16.demo",
    "everest_py.runtime.mqtt",
    "everest_py.runtime.hosting",
    "everest_py.runtime.inprocess",
    "everest_py.runtime.everest",
    # The runtime's module, its dispatch and validation: only with interfaces to serve.
    "everest_py.runtime.module",
    "everest_py.runtime.dispatch",
    "everest_py.runtime.validation",
    # The clients of the modules a charge point calls: only when it has modules to call.
    "everest_py.generated.interfaces.evse_manager",
    "everest_py.generated.interfaces.system",
    "everest_py.generated.interfaces.auth",
    # The EVSE, reservation and auth types (a tenth of a second of pydantic classes, with the
    # ISO 15118 types authorization pulls in): only with EVSEs, a reservation module, or
    # modules to serve the auth implementations on.
    "everest_py.generated.types.evse_manager",
    "everest_py.generated.types.reservation",
    "everest_py.generated.types.authorization",
    "everest_py.generated.types.iso15118",
    "everest_py.generated.interfaces.auth_token_provider",
    "everest_py.generated.interfaces.auth_token_validator",
)
# Loaded on first use, not by a charge point that booted and idles (`run` without --simulate /
# --mqtt, as bench/bench_startup.py measures it): the modules of the CSMS actions (on the first
# CALL of one of theirs, csms_actions/registry.py) and what only some actions, links or
# settings use.
NOT_FOR_BOOT = (
    *(f"everest_py.ocpp16.csms_actions.{name}" for name in set(ACTION_MODULES.values())),
    # Keyed by the evse_security types: with an evse_security module or a certificate message.
    "everest_py.ocpp16.certificates.mapping",
    # The ocpp_data_transfer interface's side: only with modules to serve it on or a linked one.
    "everest_py.ocpp16.data_transfer.outgoing",
    # Keyed by the system types: with a system module or a firmware / diagnostics request.
    "everest_py.ocpp16.firmware.mapping",
    # Smart Charging beyond its service and store (smart_charging/__init__.py): the profiles
    # with a stored profile file or the first profile from the CSMS (or a ClearChargingProfile),
    # their validation with a SetChargingProfile or a RemoteStartTransaction's profile, the
    # composite schedule with a GetCompositeSchedule or limits to compute, the limits and their
    # publisher with energy sinks to limit or a profile that follows transactions.
    "everest_py.ocpp16.smart_charging.profiles",
    "everest_py.ocpp16.smart_charging.validation",
    "everest_py.ocpp16.smart_charging.composite",
    "everest_py.ocpp16.smart_charging.limits",
    "everest_py.ocpp16.smart_charging.publisher",
)
# Pydantic and everything built on it: EVerest's types and interfaces (generated) and the
# runtime's contract. They load with what speaks EVerest's types (the interface, a linked
# module, GetConfiguration's reading, a profile's limits for an EVSE); a charge point that
# booted, changed its HeartbeatInterval by the BootNotification's answer and idles has none of
# them (about a third of its start-up and a fifth of its memory).
NO_PYDANTIC = ("pydantic", "pydantic_core", "everest_py.generated", "everest_py.runtime.contract")
# A charge point with nothing to serve its interfaces on, as `run` makes it.
MAKE_APP = (
    "import asyncio\n"
    "from everest_py.ocpp16 import build_settings\n"
    "from everest_py.ocpp16.app import ChargePointApp\n"
    "document = {'csms_url': 'ws://127.0.0.1:9/ocpp', 'charge_point_id': 'CP',\n"
    "            'data_dir': sys.argv[1]}\n"
    "bus = None\n"
    "if sys.argv[2] == 'bus':\n"
    "    from everest_py.runtime import InProcessBus\n"
    "    bus = InProcessBus()\n"
    "app = ChargePointApp(build_settings(document, {}, 'test'), bus=bus)\n"
    "async def started_and_closed() -> None:\n"
    "    await app.start()  # no CSMS at port 9: it keeps trying until closed\n"
    "    await app.close()\n"
    "asyncio.run(started_and_closed())\n"
)


def _loaded_after(code: str, *arguments: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (``arguments`` in sys.argv[1:]); it leaves a
    JSON-able ``result`` (dict)."""
    script = f"import json, sys\nresult = {{}}\n{code}\nresult['modules'] = sorted(sys.modules)\n"
    script += "print(json.dumps(result))"
    completed = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.splitlines()[-1])
    return result


# `run` through the program's entry point in a fresh interpreter; a line on stdin prints the
# loaded modules and the garbage collector's state (JSON), and stops it.
BOOTED = (
    "import gc, json, os, signal, sys, threading\n"
    "from everest_py.ocpp16.launch import main\n"
    "def modules_then_stop() -> None:\n"
    "    sys.stdin.readline()\n"
    "    state = {'modules': sorted(sys.modules), 'collecting': gc.isenabled(),\n"
    "             'frozen': gc.get_freeze_count()}\n"
    "    print(json.dumps(state), flush=True)\n"
    "    os.kill(os.getpid(), signal.SIGTERM)\n"
    "threading.Thread(target=modules_then_stop, daemon=True).start()\n"
    "sys.argv = ['ocpp16-charge-point', 'run', '--csms', sys.argv[1], '--id', 'CP',\n"
    "            '--data-dir', sys.argv[2], '--connectors', '2', '--log-level', 'WARNING']\n"
    "sys.exit(main())\n"
)


async def _loaded_when_idle(data_dir: Path, *calls: Any) -> list[str]:
    """The modules of a charge point that booted, reported its connectors and sent a
    Heartbeat (what it loaded for all that, and nothing else yet), then answered `calls`
    (CSMS requests, `ocpp` call payloads)."""
    modules: list[str] = (await _idle_state(data_dir, *calls))["modules"]
    return modules


async def _idle_state(data_dir: Path, *calls: Any) -> dict[str, Any]:
    """What BOOTED prints once the charge point idles (see _loaded_when_idle)."""
    csms = Csms(heartbeat_interval=1)
    await csms.start()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", BOOTED, csms.url, str(data_dir), cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        await csms.wait_for(lambda: csms.status_is(2, "Available"), what="connector 2's status")
        await csms.wait_action("Heartbeat")
        for payload in calls:
            await csms.call(payload)
        process.stdin.write(b"\n")
        line = await asyncio.wait_for(process.stdout.readline(), WAIT)
        assert await asyncio.wait_for(process.wait(), WAIT) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await csms.close()
    state: dict[str, Any] = json.loads(line)
    return state


async def test_the_program_collects_again_once_the_charge_point_is_built(tmp_path: Path) -> None:
    # launch.main stops the collector while start-up makes objects that live on; `run` starts
    # it again with what it built frozen out of its passes (cli.resume_collection).
    state = await _idle_state(tmp_path)
    assert state["collecting"] is True
    assert state["frozen"] > 10_000  # the modules and the charge point


def _under(modules: object, prefixes: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


def test_the_charge_point_loads_no_mode_it_does_not_run() -> None:
    result = _loaded_after("import everest_py.ocpp16.app")
    assert _under(result["modules"], NOT_FOR_RUN) == []
    # The schema gate's compiler loads with the first frame checked, after the boot went out.
    assert "fastjsonschema" not in result["modules"]
    assert "everest_py.ocpp16.app" in result["modules"]  # the import did happen


def test_a_charge_point_with_nothing_to_serve_loads_no_link_types(tmp_path: Path) -> None:
    result = _loaded_after(MAKE_APP, str(tmp_path), "none")
    assert _under(result["modules"], NOT_FOR_RUN + NO_PYDANTIC) == []


async def test_a_booted_idle_charge_point_loads_nothing_it_defers(tmp_path: Path) -> None:
    modules = await _loaded_when_idle(tmp_path)
    assert _under(modules, NOT_FOR_RUN + NOT_FOR_BOOT + NO_PYDANTIC) == []
    assert "everest_py.ocpp16.core" in modules  # it did run


async def test_the_csmss_configuration_requests_load_no_pydantic(tmp_path: Path) -> None:
    # A standalone charge point speaks OCPP only: its answers need no EVerest type.
    modules = await _loaded_when_idle(
        tmp_path,
        call.GetConfiguration(),
        call.GetConfiguration(key=["HeartbeatInterval", "Nope"]),
        call.ChangeConfiguration(key="HeartbeatInterval", value="120"),
    )
    assert "everest_py.ocpp16.csms_actions.configuration" in modules  # they were answered
    assert _under(modules, NO_PYDANTIC) == []


def test_a_key_read_through_everest_types_loads_them(tmp_path: Path) -> None:
    # The other side of NO_PYDANTIC: the interface's reading of a key is an EVerest type.
    code = MAKE_APP.replace(
        "    await app.close()\n",
        "    result['type'] = type(app.core.get_configuration_key([])).__module__\n"
        "    await app.close()\n",
    )
    result = _loaded_after(code, str(tmp_path), "none")
    assert result["type"] == "everest_py.generated.types.ocpp"
    assert "pydantic" in result["modules"]


def test_a_stored_profile_loads_the_profiles_at_start(tmp_path: Path) -> None:
    # The other side of NOT_FOR_BOOT's Smart Charging modules: a profile file is read at start
    # (its profiles load with it); the composite schedule waits for a schedule to compute.
    profile = {
        "chargingProfileId": 7,
        "stackLevel": 0,
        "chargingProfilePurpose": "TxDefaultProfile",
        "chargingProfileKind": "Absolute",
        "chargingSchedule": {
            "chargingRateUnit": "A",
            "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16}],
            "startSchedule": "2024-01-01T00:00:00Z",
        },
    }
    document = {"version": 1, "profiles": [{"connectorId": 0, "csChargingProfiles": profile}]}
    (tmp_path / "charging-profiles.json").write_text(json.dumps(document))
    code = MAKE_APP.replace(
        "    await app.close()\n",
        "    result['ids'] = [p.id for p in app.core.smart_charging.profiles]\n"
        "    await app.close()\n",
    )
    result = _loaded_after(code, str(tmp_path), "none")
    assert result["ids"] == [7]
    loaded = _under(result["modules"], ("everest_py.ocpp16.smart_charging",))
    assert "everest_py.ocpp16.smart_charging.profiles" in loaded
    assert "everest_py.ocpp16.smart_charging.composite" not in loaded


def test_serving_the_interfaces_loads_the_auth_types(tmp_path: Path) -> None:
    # The other side of the rule: with a bus, the auth_provider and auth_validator
    # implementations are provided, and their interfaces' types load.
    loaded = _under(_loaded_after(MAKE_APP, str(tmp_path), "bus")["modules"], NOT_FOR_RUN)
    assert "everest_py.generated.interfaces.auth_token_provider" in loaded
    assert "everest_py.generated.interfaces.auth_token_validator" in loaded
    assert "everest_py.generated.types.authorization" in loaded


def test_the_command_line_parses_before_it_loads_the_charge_point() -> None:
    code = (
        "import runpy\nsys.argv = ['ocpp16-charge-point', 'run', '--help']\n"
        "try:\n    runpy.run_module('everest_py.ocpp16', run_name='__main__')\n"
        "except SystemExit as exit:\n    result['code'] = exit.code\n"
    )
    result = _loaded_after(code)
    assert result["code"] == 0
    assert _under(result["modules"], ("everest_py.ocpp16.app", "everest_py.generated")) == []


def test_the_package_door_still_hands_out_its_names() -> None:
    result = _loaded_after(
        "from everest_py.ocpp16 import ChargePointApp, Settings\n"
        "result['names'] = [ChargePointApp.__name__, Settings.__name__]"
    )
    assert result["names"] == ["ChargePointApp", "Settings"]


def test_the_lazy_package_doors_list_every_name_they_hand_out() -> None:
    from everest_py.ocpp16 import (
        authorization,
        charging,
        csms_actions,
        data_transfer,
        firmware,
        smart_charging,
    )

    for door in (authorization, charging, csms_actions, data_transfer, firmware, smart_charging):
        assert set(door.__all__) <= set(dir(door)), door.__name__
        for name in door.__all__:
            getattr(door, name)


def test_generated_models_build_their_validators_on_first_use() -> None:
    code = (
        "from everest_py.generated.types import evse_manager, ocpp\n"
        "models = [v for m in (evse_manager, ocpp) for v in vars(m).values()\n"
        "          if isinstance(v, type) and hasattr(v, '__pydantic_complete__')]\n"
        "result['count'] = len(models)\n"
        "result['built'] = [m.__name__ for m in models if m.__pydantic_complete__]\n"
        "key = ocpp.KeyValue.model_validate({'key': 'K', 'read_only': True})\n"
        "result['used'] = [key.key, ocpp.KeyValue.__pydantic_complete__]\n"
        "result['description'] = ocpp.KeyValue.model_fields['read_only'].description\n"
    )
    result = _loaded_after(code)
    assert isinstance(result["count"], int) and result["count"] > 10
    assert result["built"] == []
    assert result["used"] == ["K", True]
    assert result["description"]  # descriptions come with the fields, built or not


# The tables below are keyed by value (string enums) so that they need no EVSE types loaded:
# each must still name the members it maps.


def test_every_reservation_result_has_the_ocpp_status_of_its_name() -> None:
    from everest_py.generated.types.reservation import ReservationResult
    from everest_py.ocpp16.csms_actions import reservation

    for result in ReservationResult:
        assert reservation._STATUS[result].value == result.value


def test_the_phase_table_names_session_events() -> None:
    from everest_py.generated.types.evse_manager import SessionEventEnum
    from everest_py.ocpp16.charging import station

    names = {SessionEventEnum(key).value for key in station._PHASES}
    assert names == {"SessionStarted", "ChargingStarted", "ChargingPausedEV",
                     "ChargingPausedEVSE", "SwitchingPhases", "SessionFinished"}  # fmt: skip


def test_stop_reasons_map_by_name_and_the_rest_is_other() -> None:
    from everest_py.generated.types.evse_manager import StopTransactionReason
    from everest_py.ocpp16.charging.mapping import _SAME_NAME, ocpp_reason

    assert all(StopTransactionReason(name).value == name for name in _SAME_NAME)
    assert ocpp_reason(StopTransactionReason.Remote).value == "Remote"
    assert ocpp_reason(StopTransactionReason.DeAuthorized).value == "DeAuthorized"
    assert ocpp_reason(StopTransactionReason.EnergyLimitReached).value == "Other"
    assert ocpp_reason(None).value == "Other"
