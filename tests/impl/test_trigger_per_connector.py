"""TriggerMessage(MeterValues) for two connectors while our call slot is busy: both are sent
(triggers of one message coalesce, but MeterValues of different connectors are different)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocpp.v16 import call

from everest_py.ocpp16.demo.script import NoAnswer
from tests.impl.charging_fakes import station
from tests.impl.csms import Csms


async def test_meter_values_triggered_for_two_connectors_are_both_sent(
    csms: Csms, tmp_path: Path
) -> None:
    async with station(csms.url, tmp_path, connectors=2, response_timeout=2) as site:
        await csms.wait_action("StatusNotification", 3)
        site.evses[0].publish_meter(add_wh=5)
        site.evses[1].publish_meter(add_wh=7)
        answer_normally = csms.loopback.script.default
        held: list[int] = []

        def react(request: Any) -> Any:
            if request.action == "Heartbeat" and not held:
                held.append(1)
                return NoAnswer()  # our one call slot stays busy until the response timeout
            return answer_normally(request)

        csms.loopback.script.default = react
        heartbeat = call.TriggerMessage(requested_message="Heartbeat")
        assert (await csms.call(heartbeat)).status == "Accepted"
        await csms.wait_action("Heartbeat")
        for connector in (1, 2):
            trigger = call.TriggerMessage(requested_message="MeterValues", connector_id=connector)
            assert (await csms.call(trigger)).status == "Accepted"
        await csms.wait_action("MeterValues", 2)
        assert sorted(r.payload["connectorId"] for r in csms.actions("MeterValues")) == [1, 2]
