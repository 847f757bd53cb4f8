"""The modules the charge point requires, as generated clients: one `EvseManagerClient` per
EVSE, optionally `auth`, `system`, `reservation` and `security`, and the `evse_energy_sink`s
that take the connectors' limits. In-process they are built from `Requirements` (requirement id -> (module id, impl id)
per connection) with `Module.require`; under EVerest from `ModuleContext.require_all`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:  # Loaded by from_module: a charge point without modules never needs them.
    from everest_py.generated.interfaces.auth import AuthClient
    from everest_py.generated.interfaces.evse_manager import EvseManagerClient
    from everest_py.generated.interfaces.evse_security import EvseSecurityClient
    from everest_py.generated.interfaces.external_energy_limits import ExternalEnergyLimitsClient
    from everest_py.generated.interfaces.reservation import ReservationClient
    from everest_py.generated.interfaces.system import SystemClient
    from everest_py.runtime import Module

Requirements = Mapping[str, Sequence[tuple[str, str]]]
T = TypeVar("T")
MAX_ENERGY_SINKS = 129  # one per EVSE and one for the whole station (manifest: 0..129)


class RequirementError(ValueError):
    """A requirement names more connections than the manifest allows."""


class ChargingLinks(NamedTuple):
    evse_managers: Sequence[EvseManagerClient] = ()
    auth: AuthClient | None = None
    system: SystemClient | None = None
    # ReserveNow / CancelReservation go here (EVerest's Auth provides it); None: Rejected.
    reservation: ReservationClient | None = None
    # connector id -> the sink that takes its limits (0: the whole station).
    energy_sinks: Mapping[int, ExternalEnergyLimitsClient] = MappingProxyType({})
    # The certificate store (requirement id `security`, as EVerest's OCPP module names it).
    security: EvseSecurityClient | None = None

    @classmethod
    def from_module(cls, module: Module, requirements: Requirements | None) -> ChargingLinks:
        from everest_py.generated.interfaces.auth import AuthClient
        from everest_py.generated.interfaces.evse_manager import EvseManagerClient
        from everest_py.generated.interfaces.evse_security import EvseSecurityClient
        from everest_py.generated.interfaces.external_energy_limits import (
            ExternalEnergyLimitsClient,
        )
        from everest_py.generated.interfaces.reservation import ReservationClient
        from everest_py.generated.interfaces.system import SystemClient

        wanted = requirements or {}
        evse = [
            module.require(EvseManagerClient, module_id=m, impl_id=i)
            for m, i in wanted.get("evse_manager", ())
        ]
        if len(evse) > 128:
            raise RequirementError(f"evse_manager: {len(evse)} connections, at most 128")
        sinks = [
            module.require(ExternalEnergyLimitsClient, module_id=m, impl_id=i)
            for m, i in wanted.get("evse_energy_sink", ())
        ]
        return cls(
            evse_managers=tuple(evse),
            auth=_optional(module, AuthClient, "auth", wanted),
            system=_optional(module, SystemClient, "system", wanted),
            reservation=_optional(module, ReservationClient, "reservation", wanted),
            energy_sinks=sinks_by_connector(sinks),
            security=_optional(module, EvseSecurityClient, "security", wanted),
        )


def sinks_by_connector(
    sinks: Sequence[T], connectors: Sequence[int | None] | None = None
) -> dict[int, T]:
    """Each sink's connector: `connectors[i]` when given (under EVerest, the evse of the sink
    module's 3-tier mapping, as EVerest's OCPP module maps them; 0 = the whole station), else
    its position, as evse_manager (sink i limits connector i + 1)."""
    if len(sinks) > MAX_ENERGY_SINKS:
        raise RequirementError(
            f"evse_energy_sink: {len(sinks)} connections, at most {MAX_ENERGY_SINKS}"
        )
    result: dict[int, T] = {}
    for index, sink in enumerate(sinks):
        mapped = connectors[index] if connectors is not None else None
        connector = index + 1 if mapped is None else mapped
        if connector in result:
            raise RequirementError(f"evse_energy_sink: two sinks for connector {connector}")
        result[connector] = sink
    return result


def _optional(module: Module, client: type[T], name: str, wanted: Requirements) -> T | None:
    links = list(wanted.get(name, ()))
    if len(links) > 1:
        raise RequirementError(f"{name}: {len(links)} connections, at most 1")
    if not links:
        return None
    module_id, impl_id = links[0]
    return module.require(client, module_id=module_id, impl_id=impl_id)
