"""What a Module needs from a transport (in-process or MQTT)."""

from collections.abc import Mapping
from typing import Any, Protocol

from .contract import InterfaceSpec
from .dispatch import Provider

__all__ = ["ModuleTransport"]


class ModuleTransport(Protocol):
    """Carries one module's calls, results and variables.

    ``client`` and ``publisher`` return objects satisfying the contract's
    ``ClientTransport`` / ``PublisherTransport`` protocols; they may
    be created before ``open``. Calls made before ``open`` fail with NotReady.
    """

    async def open(self, module_id: str, providers: Mapping[str, Provider]) -> None:
        """Connect, serve ``providers`` (by impl id) and announce the module."""

    async def close(self) -> None:
        """Stop serving, end calls in flight, drop every subscription, disconnect."""

    def client(
        self,
        caller_id: str,
        interface: InterfaceSpec,
        module_id: str,
        impl_id: str,
        default_timeout: float | None,
    ) -> Any:
        """A ClientTransport reaching ``module_id``/``impl_id`` on behalf of ``caller_id``."""

    def publisher(self, module_id: str, impl_id: str) -> Any:
        """A PublisherTransport for the variables of ``module_id``/``impl_id``."""
