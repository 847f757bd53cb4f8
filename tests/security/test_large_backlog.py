"""100,000 critical security events recorded while the CSMS is down, all delivered through the
real charge point once it is up.

The events go in through the core's security path (`ChargePointCore.security_event`, one
fsync'ed SQLite transaction per event: the core has no batch API, and this is the path every
event of the `security_event` command takes). Recording takes about 30 s (~300 µs an event,
two thirds of it the fsync), delivery about 20 s at ~5,200 events/s.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from .csms import ScriptedCsms
from .test_e2e_faults import _assert_at_least_once_in_order, make_core

TAMPER = "TamperDetectionActivated"
STARTUP = "StartupOfTheDevice"
BACKLOG = 100_000
WAIT = 100.0


# 150-400 s here, most of it 100,000 fsyncs: `make test-slow`, which .ci/run also runs, so that
# the plain suite stays well under five minutes.
@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_100000_events_recorded_offline_all_reach_the_csms_in_order(tmp_path: Path) -> None:
    csms = ScriptedCsms()
    await csms.start()
    await csms.kill()  # down while the events are recorded; it comes back on the same port
    core = make_core(csms.url, tmp_path)
    await core.start()  # running, trying to reconnect
    try:
        infos = [str(n) for n in range(BACKLOG)]
        for info in infos:
            recorded = core.security_event(TAMPER, info)  # queued for the writer thread
            assert recorded.critical
        await core.security.durable()
        assert core.security.queued == BACKLOG + 1  # + StartupOfTheDevice, queued first
        assert csms.events == []

        await csms.start()
        # A counter, not a list comprehension: the predicate runs on every frame.
        await csms.wait(lambda: len(csms.events) >= BACKLOG + 1, WAIT)
        assert csms.events[0].type == STARTUP
        tamper = [event for event in csms.events if event.type == TAMPER]
        _assert_at_least_once_in_order(tamper, infos)
        assert len(csms.infos(STARTUP)) == 1
        await asyncio.wait_for(core.security.wait_idle(), WAIT)
        assert core.security.queued == 0  # every answered event left the queue
    finally:
        await core.close()
        await csms.close()
