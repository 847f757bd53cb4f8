"""Behaviour every transport must show: validation, errors, concurrency, timeouts, variables."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import ValidationError

from everest_py.runtime import (
    CmdTimeout,
    HandlerException,
    Module,
    NotReady,
    SchemaValidationError,
    Shutdown,
)
from tests.runtime.probe import ProbeClient, ProbeHandler, ProbePublisher, Reading
from tests.runtime.transports import TransportFactory

WAIT = 10.0


class Pair:
    def __init__(self, new_transport: TransportFactory) -> None:
        self.handler = ProbeHandler()
        self.provider = Module("prov", new_transport())
        self.provider.provide("main", self.handler)
        self.publisher = self.provider.publisher(ProbePublisher, "main")
        self.user = Module("user", new_transport(), call_timeout=WAIT)
        self.client = self.user.require(ProbeClient, module_id="prov", impl_id="main")


@pytest.fixture
async def pair(new_transport: TransportFactory) -> AsyncIterator[Pair]:
    modules = Pair(new_transport)
    await modules.provider.start()
    await modules.user.start()
    yield modules
    await modules.user.stop()
    await modules.provider.stop()


async def test_call_returns_the_handlers_result(pair: Pair) -> None:
    assert await pair.client.call("echo", text="ab", times=3) == "ababab"
    assert await pair.client.call("echo", text="ab") == "ab"  # optional argument left out
    assert await pair.client.call("nothing") is None


async def test_models_cross_with_their_aliases(pair: Pair) -> None:
    sent = Reading(value=1.5, **{"unit-name": "kWh"})
    received = await pair.client.call("store", reading=sent)
    assert isinstance(received, Reading)
    assert received == sent
    assert pair.handler.stored == [sent]
    # A plain dict in wire form is accepted and arrives as the model.
    received = await pair.client.call("store", reading={"value": 2, "unit-name": "W"})
    assert received == Reading(value=2.0, **{"unit-name": "W"})


async def test_invalid_argument_is_refused_before_the_handler_runs(pair: Pair) -> None:
    with pytest.raises(SchemaValidationError) as caught:
        await pair.client.call("echo", text="x" * 11)
    assert caught.value.argument == "text"
    assert caught.value.command == "echo"
    assert "at most 10 characters" in str(caught.value)
    with pytest.raises(SchemaValidationError) as caught:
        await pair.client.call("store", reading={"value": "high", "unit-name": "W"})
    assert caught.value.argument == "reading"
    assert "at 'value'" in str(caught.value)


async def test_missing_and_unknown_arguments_are_named(pair: Pair) -> None:
    with pytest.raises(SchemaValidationError, match="argument 'text': missing") as caught:
        await pair.client.call("echo")
    assert caught.value.argument == "text"
    with pytest.raises(SchemaValidationError, match="argument 'colour'") as caught:
        await pair.client.call("echo", text="a", colour="red")
    assert caught.value.argument == "colour"


async def test_a_model_mutated_into_an_invalid_state_does_not_reach_the_handler(
    pair: Pair,
) -> None:
    reading = Reading(value=1.0, **{"unit-name": "W"})
    with pytest.raises(ValidationError):
        reading.unit_name = 42  # type: ignore[assignment]  # assignments are validated
    # Forced past validate_assignment, the bad value is still caught before the handler.
    object.__setattr__(reading, "unit_name", 42)
    with pytest.warns(UserWarning), pytest.raises(SchemaValidationError):
        await pair.client.call("store", reading=reading)
    assert pair.handler.stored == []


async def test_handler_exception_reaches_the_caller_and_the_provider_keeps_serving(
    pair: Pair,
) -> None:
    with pytest.raises(HandlerException, match="KeyError") as caught:
        await pair.client.call("fail")
    assert caught.value.command == "fail"
    assert caught.value.event == "HandlerException"
    assert await pair.client.call("echo", text="still") == "still"


async def test_invalid_result_is_refused_by_the_provider(pair: Pair) -> None:
    with pytest.raises(SchemaValidationError, match="result") as caught:
        await pair.client.call("bad_result")
    assert caught.value.command == "bad_result"
    assert await pair.client.call("echo", text="ok") == "ok"


async def test_a_slow_handler_does_not_hold_up_other_calls(pair: Pair) -> None:
    first = asyncio.ensure_future(pair.client.call("wait", gate="a"))
    second = asyncio.ensure_future(pair.client.call("wait", gate="b"))
    await asyncio.wait_for(pair.handler.entered_gate("a").wait(), WAIT)
    await asyncio.wait_for(pair.handler.entered_gate("b").wait(), WAIT)
    assert await pair.client.call("echo", text="meanwhile") == "meanwhile"
    pair.handler.gate("b").set()
    assert await asyncio.wait_for(second, WAIT) == "opened b"
    assert not first.done()
    pair.handler.gate("a").set()
    assert await asyncio.wait_for(first, WAIT) == "opened a"


async def test_many_concurrent_calls_get_their_own_results(pair: Pair) -> None:
    texts = [f"t{index}" for index in range(40)]
    results = await asyncio.wait_for(
        asyncio.gather(*(pair.client.call("echo", text=text, times=2) for text in texts)), WAIT
    )
    assert results == [text * 2 for text in texts]


async def test_per_call_timeout(pair: Pair) -> None:
    with pytest.raises(CmdTimeout, match=r"within 0\.2 s") as caught:
        await pair.client.call("wait", gate="never", timeout=0.2)
    assert caught.value.command == "wait"
    assert await pair.client.call("echo", text="after") == "after"


async def test_module_default_timeout(new_transport: TransportFactory) -> None:
    handler = ProbeHandler()
    provider = Module("prov", new_transport())
    provider.provide("main", handler)
    user = Module("user", new_transport(), call_timeout=0.2)
    client = user.require(ProbeClient, module_id="prov", impl_id="main")
    async with provider, user:
        with pytest.raises(CmdTimeout, match=r"within 0\.2 s"):
            await client.call("wait", gate="never")
        handler.gate("slow").set()
        # A per-call timeout overrides the module's default.
        assert await client.call("wait", gate="slow", timeout=WAIT) == "opened slow"


async def test_calls_before_start_fail_with_not_ready(new_transport: TransportFactory) -> None:
    user = Module("user", new_transport())
    client = user.require(ProbeClient, module_id="prov", impl_id="main")
    with pytest.raises(NotReady):
        await client.call("echo", text="early")


async def test_provider_stopping_mid_call_ends_the_call_with_shutdown(pair: Pair) -> None:
    call = asyncio.ensure_future(pair.client.call("wait", gate="held"))
    await asyncio.wait_for(pair.handler.entered_gate("held").wait(), WAIT)
    await pair.provider.stop()
    with pytest.raises(Shutdown) as caught:
        await asyncio.wait_for(call, WAIT)
    assert caught.value.command == "wait"
    assert pair.handler.cancelled == ["held"]


async def test_variables_reach_several_subscribers_in_order(
    pair: Pair, new_transport: TransportFactory
) -> None:
    other = Module("other", new_transport())
    other_client = other.require(ProbeClient, module_id="prov", impl_id="main")
    plain: list[int] = []
    plain_done = asyncio.Event()
    awaited: asyncio.Queue[int] = asyncio.Queue()
    readings: asyncio.Queue[Reading] = asyncio.Queue()

    def on_count(value: int) -> None:
        plain.append(value)
        if len(plain) == 3:
            plain_done.set()

    async def on_count_async(value: int) -> None:
        await awaited.put(value)

    async with other:
        subscriptions = [
            pair.client.subscribe("count", on_count),
            pair.client.subscribe("count", on_count_async),
            other_client.subscribe("reading", readings.put_nowait),
        ]
        for subscription in subscriptions:
            await asyncio.wait_for(subscription.wait_active(), WAIT)
        for value in (1, 2, 3):
            pair.publisher.publish("count", value)
        pair.publisher.publish("reading", {"value": 7, "unit-name": "A"})
        await asyncio.wait_for(plain_done.wait(), WAIT)
        assert plain == [1, 2, 3]
        assert [await asyncio.wait_for(awaited.get(), WAIT) for _ in range(3)] == [1, 2, 3]
        reading = await asyncio.wait_for(readings.get(), WAIT)
        assert reading == Reading(value=7, **{"unit-name": "A"})

        # A cancelled subscriber gets nothing more; the others still do.
        subscriptions[0].cancel()
        pair.publisher.publish("count", 4)
        assert await asyncio.wait_for(awaited.get(), WAIT) == 4
        assert plain == [1, 2, 3]


async def test_an_invalid_variable_value_is_refused_at_the_publisher(pair: Pair) -> None:
    received: asyncio.Queue[Any] = asyncio.Queue()
    subscription = pair.client.subscribe("count", received.put_nowait)
    await asyncio.wait_for(subscription.wait_active(), WAIT)
    with pytest.raises(SchemaValidationError, match="variable value") as caught:
        pair.publisher.publish("count", "many")
    assert caught.value.command == "count"
    pair.publisher.publish("count", 5)
    assert await asyncio.wait_for(received.get(), WAIT) == 5  # the refused value never arrived


async def test_a_failing_subscriber_does_not_stop_delivery(pair: Pair) -> None:
    received: asyncio.Queue[int] = asyncio.Queue()

    def broken(value: int) -> None:
        raise RuntimeError("subscriber bug")

    subscriptions = [
        pair.client.subscribe("count", broken),
        pair.client.subscribe("count", received.put_nowait),
    ]
    for subscription in subscriptions:
        await asyncio.wait_for(subscription.wait_active(), WAIT)
    pair.publisher.publish("count", 1)
    pair.publisher.publish("count", 2)
    assert [await asyncio.wait_for(received.get(), WAIT) for _ in range(2)] == [1, 2]


async def test_stop_leaves_no_task_behind(new_transport: TransportFactory) -> None:
    modules = Pair(new_transport)
    before = asyncio.all_tasks()
    async with modules.provider, modules.user:

        async def on_count(value: int) -> None:
            return None

        subscription = modules.client.subscribe("count", on_count)
        await asyncio.wait_for(subscription.wait_active(), WAIT)
        modules.publisher.publish("count", 1)
        pending = asyncio.ensure_future(modules.client.call("wait", gate="x"))
        await asyncio.wait_for(modules.handler.entered_gate("x").wait(), WAIT)
        assert await modules.client.call("echo", text="a") == "a"
    with pytest.raises(Shutdown):
        await pending
    assert asyncio.all_tasks() - before == set()
