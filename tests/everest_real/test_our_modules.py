"""Our modules started BY the real 2025 and 2026 managers next to the C++ Store, Example and
ExampleUser, from examples/everest-config.yaml (the YAML docs/everest.md shows).

PyExample calls Store and Example and is called by ExampleUser; the charge point boots at a
loopback CSMS and answers a C++-style ``args: null`` command; an error PyExample raises reaches
a subscriber; every module of ours ends with exit code 0 when the manager stops.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest

from everest_py.runtime.everest.environment import (
    TcpBroker,
    UnixSocketBroker,
    read_module_environment,
)
from everest_py.runtime.everest.errors import decode_error_message
from everest_py.runtime.everest.protocol import WireVersion

from .csms import ThreadedCsms
from .managed import ManagedSystem
from .manager import Installation, LogWatch
from .raw_module import WAIT, RawModule

pytestmark = pytest.mark.everest_real

OURS = ("py_example", "charge_point")


@pytest.fixture
def csms() -> Iterator[ThreadedCsms]:
    server = ThreadedCsms()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def system(
    installation: Installation, broker: TcpBroker | UnixSocketBroker, csms: ThreadedCsms
) -> Iterator[ManagedSystem]:
    # 2026: announce the shutdown on everest/shutdown as well as by SIGTERM.
    args = ("--graceful-shutdown",) if installation.version is WireVersion.V2026 else ()
    managed = ManagedSystem(installation, broker, csms.url(), *args)
    try:
        yield managed
    finally:
        managed.close()


@pytest.fixture
def caller(system: ManagedSystem, module_environment: dict[str, str]) -> Iterator[RawModule]:
    """A raw MQTT peer calling like a C++ module (it is in no config: it only calls)."""
    module = RawModule(read_module_environment(module_environment | {"EV_MODULE": "cpp_caller"}))
    module.connect()
    try:
        yield module
    finally:
        module.close()


def _assert_stopped_cleanly(system: ManagedSystem, log: LogWatch) -> None:
    system.terminate()
    for module_id in OURS:
        assert log.contains(f"module '{module_id}' stopped (exit code 0)"), module_id


def test_our_modules_run_inside_the_real_manager(
    system: ManagedSystem, csms: ThreadedCsms, caller: RawModule
) -> None:
    log = system.start()  # returns once every module, ours included, is ready

    # PyExample's ready(): its calls to the C++ Store and Example returned.
    log.wait_for("PyExample: Store load -> {'ready': True}", timeout=WAIT)
    log.wait_for("PyExample: Example uses_something -> True", timeout=WAIT)
    # The C++ ExampleUser called our example implementation (after its own GlobalReady).
    log.wait_for("hello from Python: uses_something(hello_there) -> False", timeout=WAIT)

    # The charge point booted at the CSMS after GlobalReady ...
    charge_point, boot = csms.wait_for("BootNotification")
    assert charge_point == "CP001" and boot["chargePointVendor"]
    # ... and answers a command sent the way ev-cli's C++ code sends a no-argument one.
    assert caller.call("charge_point", "main", "restart", None) is False  # type: ignore[arg-type]

    # An error PyExample raises reaches a subscriber, in the framework's JSON.
    errors: queue.Queue[bytes] = queue.Queue()
    caller.subscribe(
        "everest/modules/py_example/impl/errors/error/example/ExampleErrorA", errors.put
    )
    assert caller.call("py_example", "main", "uses_something", {"key": "raise_now"}) is False
    msg_type, error = decode_error_message(errors.get(timeout=WAIT))
    assert (msg_type, error.type, error.message, error.is_active) == (
        "RaiseError", "example/ExampleErrorA", "raise_now", True,
    )  # fmt: skip
    assert (error.origin.module_id, error.origin.implementation_id) == ("py_example", "errors")

    _assert_stopped_cleanly(system, log)


@pytest.mark.parametrize("broker", ["unix"], indirect=True)
def test_our_modules_join_over_the_managers_unix_socket(
    system: ManagedSystem, csms: ThreadedCsms
) -> None:
    """The manager hands out EV_MQTT_BROKER_SOCKET_PATH only; our modules connect there."""
    log = system.start()
    log.wait_for("PyExample: Example uses_something -> True", timeout=WAIT)
    assert csms.wait_for("BootNotification")[0] == "CP001"
    _assert_stopped_cleanly(system, log)
