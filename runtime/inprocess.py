"""The in-process transport: modules in one asyncio loop, no broker.

Arguments go through the same validation as on the wire (validated, turned
into their JSON form, validated again by the provider), so a handler is never
handed something a wire call would reject. Results are validated by the
provider and handed over as they are (no JSON round trip): treat them as
read-only, they may be objects the handler keeps.
"""

import asyncio
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from pydantic import ValidationError

from .contract import CommandSpec, InterfaceSpec, VariableSpec
from .dispatch import Provider
from .errors import CmdTimeout, CommandError, NotReady, SchemaValidationError, Shutdown
from .subscriptions import Callback, Subscriber, SubscriberSet
from .validation import decode_result, describe_validation_error, encode_arguments, to_wire

__all__ = ["InProcessBus", "InProcessTransport"]

_log = logging.getLogger(__name__)


class InProcessBus:
    """Connects the InProcessTransports made from it, like a broker would."""

    def __init__(self) -> None:
        self.providers: dict[tuple[str, str], Provider] = {}
        self.subscribers = SubscriberSet()

    def transport(self) -> "InProcessTransport":
        return InProcessTransport(self)


def _variable_key(module_id: str, impl_id: str, variable: str) -> str:
    return f"{module_id}/{impl_id}/{variable}"


class InProcessTransport:
    """One module's connection to an InProcessBus."""

    def __init__(self, bus: InProcessBus) -> None:
        self.bus = bus
        self.module_id: str | None = None
        self._provided: list[Provider] = []

    @property
    def is_open(self) -> bool:
        return self.module_id is not None

    async def open(self, module_id: str, providers: Mapping[str, Provider]) -> None:
        taken = [impl for impl in providers if (module_id, impl) in self.bus.providers]
        if taken:
            raise ValueError(f"module '{module_id}' already serves {taken} on this bus")
        for impl_id, provider in providers.items():
            self.bus.providers[(module_id, impl_id)] = provider
            self._provided.append(provider)
        self.module_id = module_id

    async def close(self) -> None:
        module_id = self.module_id
        if module_id is None:
            return
        for provider in self._provided:
            self.bus.providers.pop((module_id, provider.impl_id), None)
        for provider in self._provided:
            await provider.stop()
        self._provided.clear()
        await self.bus.subscribers.cancel_all(tag=self)
        self.module_id = None

    def client(
        self,
        caller_id: str,
        interface: InterfaceSpec,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> "InProcessClient":
        return InProcessClient(self, module_id, impl_id, default_timeout)

    def publisher(self, module_id: str, impl_id: str) -> "InProcessPublisher":
        return InProcessPublisher(self.bus, module_id, impl_id)


def _wake(waiter: "asyncio.Future[None]", _task: "asyncio.Task[Any]") -> None:
    if not waiter.done():
        waiter.set_result(None)


def _expire(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


class InProcessClient:
    """ClientTransport for calls to one implementation over the bus."""

    def __init__(
        self,
        transport: InProcessTransport,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> None:
        self._transport = transport
        self._key = (module_id, impl_id)
        self._target = f"{module_id}:{impl_id}"
        self._default_timeout = default_timeout

    async def call(
        self, command: CommandSpec, arguments: dict[str, Any], timeout: float | None
    ) -> Any:
        if not self._transport.is_open:
            raise NotReady(command.name, "the calling module is not started", target=self._target)
        provider = self._transport.bus.providers.get(self._key)
        if provider is None:
            raise NotReady(command.name, "no started module serves it", target=self._target)
        served = provider.interface.commands.get(command.name)
        if served is None:
            raise CommandError(
                command.name,
                f"not a command of {provider.interface.name}, the interface served there",
                target=self._target,
            )
        wire_arguments = encode_arguments(command, arguments, target=self._target)
        # The handler runs as the provider's task: a caller's timeout or cancellation leaves it
        # running, as it would over the wire, and the provider's stop ends it.
        task = provider.spawn(provider.invoke(served, wire_arguments))
        limit = self._default_timeout if timeout is None else timeout
        # A bare future plus a timer costs less than asyncio.timeout + shield (bench/).
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        task.add_done_callback(partial(_wake, waiter))
        timer = None if limit is None else loop.call_later(limit, _expire, waiter)
        try:
            await waiter
        except TimeoutError:
            raise CmdTimeout(
                command.name, f"no result within {limit} s", target=self._target
            ) from None
        finally:
            if timer is not None:
                timer.cancel()
        if task.cancelled():
            raise Shutdown(
                command.name, "the providing module stopped during the call", target=self._target
            )
        result = task.result()
        if served is command:
            return result
        # A client generated into another package: validate with its own types.
        return decode_result(
            command, None if served.result is None else to_wire(served.result, result)
        )

    def subscribe(self, variable: VariableSpec, callback: Callback) -> Subscriber:
        subscriber = self._transport.bus.subscribers.add(
            _variable_key(*self._key, variable.name), variable, callback, tag=self._transport
        )
        subscriber.mark_active()
        return subscriber


class InProcessPublisher:
    """PublisherTransport delivering variable values to the bus's subscribers."""

    def __init__(self, bus: InProcessBus, module_id: str, impl_id: str) -> None:
        self._bus = bus
        self._module_id = module_id
        self._impl_id = impl_id

    def publish(self, variable: VariableSpec, value: Any) -> None:
        try:
            valid = variable.adapter.validate_python(value)
        except ValidationError as error:
            raise SchemaValidationError(
                variable.name,
                f"variable value: {describe_validation_error(error)}",
                target=f"{self._module_id}:{self._impl_id}",
            ) from None
        subscribers = self._bus.subscribers.get(
            _variable_key(self._module_id, self._impl_id, variable.name)
        )
        if not subscribers:
            return
        wire_value = to_wire(variable.adapter, valid)
        for subscriber in list(subscribers):
            # Each subscriber gets its own copy, validated with its own types, as over the wire.
            try:
                delivered = subscriber.variable.adapter.validate_python(wire_value)
            except ValidationError as error:
                _log.warning(
                    "dropped value of %s for a subscriber: %s",
                    variable.name,
                    describe_validation_error(error),
                )
                continue
            subscriber.deliver(delivered)
