"""What a module's ``setup`` hook gets: its configuration, typed Clients for its requirements
(resolved through the manager's connections), and a context per implementation it provides."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from ..contract import InterfaceSpec
from ..dispatch import Provider
from ..everest.config import ModuleConfig
from ..everest.errors import ErrorSeverity, EverestError
from ..everest.protocol import LifecycleTopics
from ..mqtt.transport import MqttTransport
from .errors import ErrorCallback, ErrorReceiver, RaisedErrors, origin_of

__all__ = ["ImplementationContext", "ModuleContext", "QueuedPublisher"]

_log = logging.getLogger(__name__)

_Binding = TypeVar("_Binding")


def _interface_of(binding_class: type[Any]) -> InterfaceSpec:
    interface = getattr(binding_class, "INTERFACE", None)
    if not isinstance(interface, InterfaceSpec):
        raise TypeError(f"{binding_class.__name__} has no INTERFACE: pass a generated binding")
    return interface


class QueuedPublisher:
    """A PublisherTransport that holds values published before GlobalReady.

    Peers subscribe to our variables during their own start-up, so a value sent before
    GlobalReady may reach nobody. Until ``release`` only the latest value per variable is kept
    (bounded by the interface's variable count) and checked against its schema right away;
    ``release`` publishes them in the order first published.
    """

    def __init__(self, transport: Any) -> None:
        self._transport = transport
        self._held: dict[str, tuple[Any, Any]] | None = {}

    def publish(self, variable: Any, value: Any) -> None:
        if self._held is None:
            self._transport.publish(variable, value)
            return
        self._held[variable.name] = (variable, variable.adapter.validate_python(value))

    def release(self) -> None:
        held, self._held = self._held, None
        for variable, value in (held or {}).values():
            self._transport.publish(variable, value)


class ImplementationContext:
    """One implementation this module provides: its handler, variables and errors."""

    def __init__(
        self,
        impl_id: str,
        provider: Provider,
        transport: MqttTransport,
        errors: RaisedErrors,
        config: Mapping[str, Any],
    ) -> None:
        self.impl_id = impl_id
        self.provider = provider
        self.config = config  # this implementation's config values from the manager
        self._transport = transport
        self._errors = errors
        self._publishers: list[QueuedPublisher] = []

    def publisher(self, publisher_class: type[_Binding]) -> _Binding:
        """A generated Publisher for this implementation's variables (held until GlobalReady)."""
        interface = _interface_of(publisher_class)
        if interface.name != self.provider.interface.name:
            raise TypeError(
                f"'{self.impl_id}' provides {self.provider.interface.name}, "
                f"{publisher_class.__name__} publishes {interface.name}"
            )
        assert self._transport.module_id is not None
        queued = QueuedPublisher(self._transport.publisher(self._transport.module_id, self.impl_id))
        self._publishers.append(queued)
        return publisher_class(queued)  # type: ignore[call-arg]

    async def raise_error(
        self,
        error_type: str,
        message: str = "",
        *,
        severity: ErrorSeverity = ErrorSeverity.MEDIUM,
        sub_type: str = "",
        description: str = "",
    ) -> EverestError:
        """Raise ``error_type`` (a member of a generated error enum the interface declares)."""
        return await self._errors.raise_error(
            error_type, message, severity=severity, sub_type=sub_type, description=description
        )

    async def clear_error(self, error_type: str, sub_type: str = "") -> EverestError | None:
        return await self._errors.clear_error(error_type, sub_type)

    async def clear_all_errors(self) -> list[EverestError]:
        return await self._errors.clear_all()

    @property
    def active_errors(self) -> list[EverestError]:
        return self._errors.active

    def release_variables(self) -> None:
        for publisher in self._publishers:
            publisher.release()


class ModuleContext:
    """Given to ``setup``: the module's config, its requirements and its implementations."""

    def __init__(
        self,
        config: ModuleConfig,
        transport: MqttTransport,
        topics: LifecycleTopics,
        call_timeout: float | None,
    ) -> None:
        self.config = config
        self.module_id = config.module_id
        self._transport = transport
        self._topics = topics
        self._call_timeout = call_timeout
        self._errors = ErrorReceiver(transport, topics)
        self.implementations: dict[str, ImplementationContext] = {}

    @property
    def module_values(self) -> dict[str, Any]:
        """The module's own config values (``config:`` of the manifest), by name."""
        return {name: p.value for name, p in self.config.module_parameters.items()}

    def require(
        self, client_class: type[_Binding], requirement_id: str, *, index: int = 0
    ) -> _Binding:
        """A generated Client for connection ``index`` of ``requirement_id``."""
        connection = self.config.connection(requirement_id, index)
        transport = self._transport.client(
            self.module_id,
            _interface_of(client_class),
            connection.module_id,
            connection.implementation_id,
            self._call_timeout,
        )
        return client_class(transport)  # type: ignore[call-arg]

    def require_all(self, client_class: type[_Binding], requirement_id: str) -> list[_Binding]:
        """A Client per connection of ``requirement_id``, by index (empty if none: optional)."""
        return [
            self.require(client_class, requirement_id, index=connection.index)
            for connection in self.config.connections.get(requirement_id, ())
        ]

    async def subscribe_errors(
        self,
        client_class: type[Any],
        requirement_id: str,
        callback: ErrorCallback,
        *,
        index: int = 0,
    ) -> None:
        """Receive every error the required implementation's interface declares (``ERRORS``)."""
        _interface_of(client_class)
        connection = self.config.connection(requirement_id, index)
        await self._errors.subscribe(
            connection.module_id,
            connection.implementation_id,
            getattr(client_class, "ERRORS", ()),
            callback,
        )

    def provide(self, impl_id: str, handler: Any) -> ImplementationContext:
        """Serve ``handler`` (a generated Handler subclass instance) as ``impl_id``."""
        if impl_id in self.implementations:
            raise ValueError(f"module '{self.module_id}' already provides '{impl_id}'")
        provider = Provider(self.module_id, impl_id, handler)
        mapping = self.config.implementation_mappings.get(impl_id, self.config.module_mapping)
        errors = RaisedErrors(
            self._transport,
            self._topics,
            origin_of(self.module_id, impl_id, mapping),
            getattr(handler, "ERRORS", ()),
        )
        values = {
            name: p.value
            for name, p in self.config.implementation_parameters.get(impl_id, {}).items()
        }
        context = ImplementationContext(impl_id, provider, self._transport, errors, values)
        self.implementations[impl_id] = context
        return context

    @property
    def providers(self) -> dict[str, Provider]:
        return {impl_id: ctx.provider for impl_id, ctx in self.implementations.items()}
