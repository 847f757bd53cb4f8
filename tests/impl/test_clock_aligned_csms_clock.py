"""Clock-aligned meter values are aligned on the charge point's clock, the one it adopted from
the CSMS (OCPP 1.6: ClockAlignedDataInterval splits each day from 00:00:00 into evenly spaced
intervals), and stamped with their boundary."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from everest_py.ocpp16.charging.station import next_boundary
from everest_py.ocpp16.demo.csms import Request
from tests.impl.charging_fakes import station
from tests.impl.csms import Csms, Received


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("offset", [1002.5, -1002.5], ids=["csms-ahead", "csms-behind"])
async def test_aligned_values_fall_on_the_boundaries_of_the_csms_clock(
    csms: Csms, tmp_path: Path, offset: float
) -> None:
    def boot(_: Request) -> dict[str, object]:
        moment = datetime.now(UTC) + timedelta(seconds=offset)
        current = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return {"status": "Accepted", "currentTime": current, "interval": 3600}

    csms.loopback.script.answer("BootNotification", boot)
    config = {"ClockAlignedDataInterval": "1"}
    async with station(csms.url, tmp_path, configuration=config) as site:
        site.evses[0].publish_meter()

        def aligned() -> list[Received]:
            return [
                r
                for r in csms.actions("MeterValues")
                if r.payload["connectorId"] == 1
                and r.payload["meterValue"][0]["sampledValue"][0]["context"] == "Sample.Clock"
            ]

        await csms.wait_for(lambda: len(aligned()) >= 2, what="two aligned readings")
        loop_now, wall_now = asyncio.get_running_loop().time(), time.time()
        for reading in aligned():
            stamp = _moment(reading.payload["meterValue"][0]["timestamp"]).timestamp()
            assert stamp % 1 == 0, f"{stamp} is not on a 1 s boundary"
            # Sent at its boundary on the charge point's clock: not before it, nor a boundary
            # of this machine's clock that the adopted time had long passed.
            received = wall_now - (loop_now - reading.at) + offset
            assert 0 <= received - stamp < 1.0, (stamp, received)


def test_the_boundaries_start_again_at_midnight() -> None:
    day = 86400 * 20_000  # a midnight (UTC)
    assert next_boundary(day - 1, 7000, sent_for=0) == day
    assert next_boundary(day, 7000, sent_for=0) == day + 7000
    assert next_boundary(day + 12 * 7000 + 5, 7000, sent_for=0) == day + 86400  # not 13 * 7000
    assert next_boundary(day + 86400 - 1, 900, sent_for=0) == day + 86400
    assert next_boundary(day - 1, 7000, sent_for=day) == day + 7000
