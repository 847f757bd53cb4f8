"""The module API: provide implementations, require others, publish variables, start/stop."""

from types import TracebackType
from typing import Any, Self, TypeVar

from .contract import InterfaceSpec
from .dispatch import Provider
from .transport import ModuleTransport

__all__ = ["DEFAULT_CALL_TIMEOUT", "Module"]

DEFAULT_CALL_TIMEOUT = 300.0
"""Seconds a call waits for its result unless told otherwise (EVerest's default)."""

_Binding = TypeVar("_Binding")


class Module:
    """One EVerest module: ``module_id`` on ``transport``.

    ``call_timeout`` is the default for every call of the module's clients; a
    call's own ``timeout=`` overrides it. None waits forever.
    """

    def __init__(
        self,
        module_id: str,
        transport: ModuleTransport,
        *,
        call_timeout: float | None = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        if not module_id or "/" in module_id or "+" in module_id or "#" in module_id:
            raise ValueError(f"module id {module_id!r} must be non-empty without '/', '+', '#'")
        self.module_id = module_id
        self.transport = transport
        self.call_timeout = call_timeout
        self._providers: dict[str, Provider] = {}
        self._started = False

    def provide(self, impl_id: str, handler: Any) -> None:
        """Serve ``handler`` (an instance of a generated Handler subclass) as ``impl_id``."""
        if self._started:
            raise RuntimeError(f"module '{self.module_id}': provide() before start()")
        if impl_id in self._providers:
            raise ValueError(f"module '{self.module_id}' already provides '{impl_id}'")
        self._providers[impl_id] = Provider(self.module_id, impl_id, handler)

    def publisher(self, publisher_class: type[_Binding], impl_id: str) -> _Binding:
        """A generated Publisher for the variables of this module's ``impl_id``."""
        provider = self._providers.get(impl_id)
        interface = getattr(publisher_class, "INTERFACE", None)
        if provider is not None and isinstance(interface, InterfaceSpec):
            if interface.name != provider.interface.name:
                raise TypeError(
                    f"'{impl_id}' provides {provider.interface.name}, "
                    f"{publisher_class.__name__} publishes {interface.name}"
                )
        transport = self.transport.publisher(self.module_id, impl_id)
        return publisher_class(transport)  # type: ignore[call-arg]

    def require(self, client_class: type[_Binding], *, module_id: str, impl_id: str) -> _Binding:
        """A generated Client calling ``module_id``/``impl_id``."""
        interface = getattr(client_class, "INTERFACE", None)
        if not isinstance(interface, InterfaceSpec):
            raise TypeError(f"{client_class.__name__} has no INTERFACE: pass a generated Client")
        transport = self.transport.client(
            self.module_id, interface, module_id, impl_id, self.call_timeout
        )
        return client_class(transport)  # type: ignore[call-arg]

    async def start(self) -> None:
        """Connect and start serving the provided implementations."""
        if self._started:
            return
        await self.transport.open(self.module_id, dict(self._providers))
        self._started = True

    async def stop(self) -> None:
        """End calls in flight, drop subscriptions and disconnect; safe to call twice."""
        if not self._started:
            return
        self._started = False
        await self.transport.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
