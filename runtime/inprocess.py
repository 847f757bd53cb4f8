"""The in-process transport: modules in one asyncio loop, no broker.

Arguments go through the same validation as on the wire (validated, turned
into their JSON form, validated again by the provider), so a handler is never
handed something a wire call would reject. Results are validated by the
provider and handed over as they are (no JSON round trip): treat them as
read-only, they may be objects the handler keeps.

EVerest errors travel too, with the shapes of ``runtime.hosting``: a module raises and clears
the errors of one implementation (``transport.errors(impl_id, allowed)``, like
``ImplementationContext.raise_error``/``clear_error``); others subscribe to the errors of an
implementation they require (``subscribe_errors``) or to every error on the bus
(``subscribe_all_errors``, EVerest's global errors). Callbacks get the same ``EverestError``
values as over MQTT (``error.is_active`` tells raise from clear).
"""

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from .contract import CommandSpec, InterfaceSpec, VariableSpec
from .dispatch import Provider
from .errors import CmdTimeout, CommandError, NotReady, SchemaValidationError, Shutdown
from .everest.config import Mapping3Tier
from .everest.errors import ActiveErrors, ErrorOrigin, EverestError
from .subscriptions import Callback, Subscriber, SubscriberSet
from .validation import decode_result, describe_validation_error, encode_arguments, to_wire

_T = TypeVar("_T")

__all__ = [
    "ErrorCallback",
    "InProcessBus",
    "InProcessErrorSubscription",
    "InProcessErrors",
    "InProcessTransport",
]

_log = logging.getLogger(__name__)


ErrorCallback = Callable[[EverestError], None]
"""Gets every error raised or cleared (``error.is_active``), as ``runtime.hosting``'s."""

_ANY = "*"  # the key of subscriptions to every implementation's errors


class InProcessErrorSubscription:
    """One error callback on the bus; ``cancel`` stops delivery."""

    def __init__(
        self,
        board: "_ErrorBoard",
        key: tuple[str, str],
        types: frozenset[str] | None,
        callback: ErrorCallback,
        tag: object,
    ) -> None:
        self._board = board
        self.key = key
        self.types = types  # None: every type
        self.callback = callback
        self.tag = tag

    def cancel(self) -> None:
        self._board.remove(self)


class _ErrorBoard:
    """The bus's error routing: subscriptions per (module, impl), plus global ones."""

    def __init__(self) -> None:
        self._subscriptions: dict[tuple[str, str], list[InProcessErrorSubscription]] = {}

    def add(
        self,
        key: tuple[str, str],
        types: Iterable[str] | None,
        callback: ErrorCallback,
        tag: object,
    ) -> InProcessErrorSubscription:
        wanted = None if types is None else frozenset(str(t) for t in types)
        subscription = InProcessErrorSubscription(self, key, wanted, callback, tag)
        self._subscriptions.setdefault(key, []).append(subscription)
        return subscription

    def remove(self, subscription: InProcessErrorSubscription) -> None:
        subscriptions = self._subscriptions.get(subscription.key, [])
        if subscription in subscriptions:
            subscriptions.remove(subscription)
        if not subscriptions:
            self._subscriptions.pop(subscription.key, None)

    def remove_tagged(self, tag: object) -> None:
        for subscriptions in list(self._subscriptions.values()):
            for subscription in list(subscriptions):
                if subscription.tag is tag:
                    self.remove(subscription)

    def deliver(self, error: EverestError) -> None:
        key = (error.origin.module_id, error.origin.implementation_id)
        targets = [*self._subscriptions.get(key, ()), *self._subscriptions.get((_ANY, _ANY), ())]
        for subscription in targets:
            if subscription.types is not None and error.type not in subscription.types:
                continue
            try:
                subscription.callback(error)
            except Exception:  # one subscriber's bug must not stop the others
                _log.exception("error callback for %s failed", error.type)


class InProcessBus:
    """Connects the InProcessTransports made from it, like a broker would."""

    def __init__(self) -> None:
        self.providers: dict[tuple[str, str], Provider] = {}
        self.subscribers = SubscriberSet()
        self.error_board = _ErrorBoard()
        self._raised: dict[tuple[str, str], InProcessErrors] = {}

    def transport(self) -> "InProcessTransport":
        return InProcessTransport(self)

    @property
    def active_errors(self) -> list[EverestError]:
        """Every error raised on the bus and not cleared yet (for late subscribers)."""
        return [error for errors in self._raised.values() for error in errors.active]


class InProcessErrors(ActiveErrors):
    """The errors one implementation has active; raise/clear reach the bus's subscribers.

    The same methods as ``runtime.hosting``'s ``ImplementationContext`` (``raise_error``,
    ``clear_error``, ``clear_all_errors``, ``active_errors``), so code raising errors runs
    under either transport.
    """

    def __init__(self, board: _ErrorBoard, origin: ErrorOrigin, allowed: Iterable[str]) -> None:
        super().__init__(origin, allowed)
        self._board = board

    @property
    def active_errors(self) -> list[EverestError]:
        return self.active

    async def clear_all_errors(self) -> list[EverestError]:
        return await self.clear_all()

    async def _deliver(self, error: EverestError) -> None:
        self._board.deliver(error)


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
        self.bus.error_board.remove_tagged(self)
        self.module_id = None

    def errors(
        self,
        module_id: str,
        impl_id: str,
        allowed: Iterable[str],
        *,
        mapping: Mapping3Tier | None = None,
    ) -> InProcessErrors:
        """Raise/clear errors of ``module_id``'s ``impl_id`` (types in ``allowed`` only, e.g. the
        Handler's ``ERRORS``); one object per implementation, also after a restart."""
        key = (module_id, impl_id)
        errors = self.bus._raised.get(key)
        if errors is None:
            errors = InProcessErrors(
                self.bus.error_board, ErrorOrigin(module_id, impl_id, mapping), allowed
            )
            self.bus._raised[key] = errors
        return errors

    async def subscribe_errors(
        self,
        module_id: str,
        impl_id: str,
        error_types: Iterable[str] | None,
        callback: ErrorCallback,
    ) -> InProcessErrorSubscription:
        """Receive the errors of ``error_types`` (e.g. a Client's ``ERRORS``; None: every type)
        that ``module_id``'s ``impl_id`` raises or clears; dropped when this transport closes."""
        return self.bus.error_board.add((module_id, impl_id), error_types, callback, self)

    async def subscribe_all_errors(self, callback: ErrorCallback) -> InProcessErrorSubscription:
        """Receive every error raised or cleared on the bus (EVerest's global errors)."""
        return self.bus.error_board.add((_ANY, _ANY), None, callback, self)

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


async def _then_wake(work: Callable[[], Awaitable[_T]], waiter: "asyncio.Future[None]") -> _T:
    """Run `work()`, then wake the caller waiting on `waiter`, in the task's own last step: a
    done callback would run one turn of the loop later, and the caller resume one turn after
    that. When the caller resumes the task is done (its result, exception or cancellation is
    set in that same step). `work` is called inside the task: one cancelled before its first
    step (the provider stopping) leaves no coroutine that was never awaited."""
    try:
        return await work()
    finally:
        _wake(waiter)


def _wake(waiter: "asyncio.Future[None]", _task: object = None) -> None:
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
        limit = self._default_timeout if timeout is None else timeout
        # A bare future plus a timer costs less than asyncio.timeout + shield (bench/).
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        task = provider.spawn(
            _then_wake(functools.partial(provider.invoke, served, wire_arguments), waiter)
        )
        # A task cancelled before its first step never runs _then_wake's `finally`: its done
        # callback wakes the caller then (on every other path the waiter is already done).
        task.add_done_callback(functools.partial(_wake, waiter))
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
                delivered = subscriber.variable.adapter.validate_python(wire_value, by_name=False)
            except ValidationError as error:
                _log.warning(
                    "dropped value of %s for a subscriber: %s",
                    variable.name,
                    describe_validation_error(error),
                )
                continue
            subscriber.deliver(delivered)
