"""What start-up loads and builds (bench/bench_startup.py measures the time; these keep the
structure that makes it short from regressing). Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
    # The clients of the modules a charge point calls: only when it has modules to call.
    "everest_py.generated.interfaces.evse_manager",
    "everest_py.generated.interfaces.system",
    "everest_py.generated.interfaces.auth",
)


def _loaded_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; it leaves a JSON-able ``result`` (dict)."""
    script = f"import json, sys\nresult = {{}}\n{code}\nresult['modules'] = sorted(sys.modules)\n"
    script += "print(json.dumps(result))"
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, object] = json.loads(completed.stdout.splitlines()[-1])
    return result


def _under(modules: object, prefixes: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


def test_the_charge_point_loads_no_mode_it_does_not_run() -> None:
    result = _loaded_after("import everest_py.ocpp16.app")
    assert _under(result["modules"], NOT_FOR_RUN) == []
    assert "everest_py.ocpp16.app" in result["modules"]  # the import did happen


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
