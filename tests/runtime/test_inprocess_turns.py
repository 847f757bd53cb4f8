"""How many turns of the event loop an in-process call takes: each turn is a pass over every
ready callback of the process, so a call that waits for needless turns waits behind everyone's
work (bench/bench_runtime.py measures the time)."""

from __future__ import annotations

import asyncio

import pytest

from everest_py.runtime import InProcessBus, Module, Shutdown
from tests.runtime.probe import ProbeClient, ProbeHandler


async def turns_until_done(call: asyncio.Task[object]) -> int:
    turns = 0
    while not call.done():
        await asyncio.sleep(0)
        turns += 1
    return turns


async def test_the_caller_resumes_in_the_turn_after_the_handler_returns() -> None:
    bus = InProcessBus()
    provider, user = Module("prov", bus.transport()), Module("user", bus.transport())
    provider.provide("main", ProbeHandler())
    client = user.require(ProbeClient, module_id="prov", impl_id="main")
    async with provider, user:
        await client.call("echo", text="warm")
        call = asyncio.create_task(client.call("echo", text="ab", times=2))
        # The call starts the handler's task; the handler returns and wakes the caller in its
        # own step; the caller resumes. No turn for a done callback in between.
        assert await turns_until_done(call) == 3
        assert call.result() == "abab"


async def test_a_provider_stopping_before_the_handler_starts_ends_the_call_at_once() -> None:
    """The handler's task is cancelled before its first step: it never reaches the code that
    wakes the caller, so its done callback must (else the caller waits for its timeout)."""
    bus = InProcessBus()
    provider, user = Module("prov", bus.transport()), Module("user", bus.transport())
    provider.provide("main", ProbeHandler())
    client = user.require(ProbeClient, module_id="prov", impl_id="main")
    async with user:
        await provider.start()
        call = asyncio.create_task(client.call("echo", text="ab", timeout=None))
        await asyncio.sleep(0)  # the call spawned the handler's task, which has not run yet
        await provider.stop()
        with pytest.raises(Shutdown):
            await asyncio.wait_for(call, 5)
