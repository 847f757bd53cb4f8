"""The modules the charge point requires, as generated clients: one `EvseManagerClient` per
EVSE, and optionally `auth` and `system`. In-process they are built from `Requirements`
(requirement id -> (module id, impl id) per connection) with `Module.require`; under EVerest
from `ModuleContext.require_all`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from everest_py.generated.interfaces.auth import AuthClient
from everest_py.generated.interfaces.evse_manager import EvseManagerClient
from everest_py.generated.interfaces.system import SystemClient
from everest_py.runtime import Module

Requirements = Mapping[str, Sequence[tuple[str, str]]]
T = TypeVar("T")


class RequirementError(ValueError):
    """A requirement names more connections than the manifest allows."""


@dataclass(frozen=True)
class ChargingLinks:
    evse_managers: Sequence[EvseManagerClient] = field(default_factory=tuple)
    auth: AuthClient | None = None
    system: SystemClient | None = None

    @classmethod
    def from_module(cls, module: Module, requirements: Requirements | None) -> ChargingLinks:
        wanted = requirements or {}
        evse = [
            module.require(EvseManagerClient, module_id=m, impl_id=i)
            for m, i in wanted.get("evse_manager", ())
        ]
        if len(evse) > 128:
            raise RequirementError(f"evse_manager: {len(evse)} connections, at most 128")
        return cls(
            evse_managers=tuple(evse),
            auth=_optional(module, AuthClient, "auth", wanted),
            system=_optional(module, SystemClient, "system", wanted),
        )


def _optional(module: Module, client: type[T], name: str, wanted: Requirements) -> T | None:
    links = list(wanted.get(name, ()))
    if len(links) > 1:
        raise RequirementError(f"{name}: {len(links)} connections, at most 1")
    if not links:
        return None
    module_id, impl_id = links[0]
    return module.require(client, module_id=module_id, impl_id=impl_id)
