"""Fixture making transports of either kind, so behaviour tests run over both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from everest_py.runtime import InProcessBus, MqttTransport
from tests.support.mosquitto import MosquittoBroker

TransportFactory = Callable[[], Any]


@pytest.fixture(params=["inprocess", "mqtt"])
def new_transport(request: pytest.FixtureRequest) -> TransportFactory:
    """Returns a function giving a fresh transport per module, all on one bus/broker."""
    if request.param == "inprocess":
        bus = InProcessBus()
        return bus.transport
    broker: MosquittoBroker = request.getfixturevalue("mosquitto_broker")
    return lambda: MqttTransport(broker.host, broker.port, prefix="test/")
