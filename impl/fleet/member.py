"""One charge point of a fleet, and the one factory that makes each of them.

`create_member` is where a fleet member comes from: the runner calls nothing else to build
one, so another kind of member (e.g. a simulated station around the core) is added here."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import ChargePointCore
from ..ocpp import Registration
from ..settings import Settings, build_settings
from .stats import FrameCounter

if TYPE_CHECKING:
    from ..simulated import SimulatedChargePoint


@dataclass(frozen=True)
class MemberSpec:
    """What every member of a fleet shares: the config document (a --config file's mapping
    or {}), the command-line overrides, and the directory holding one directory per id."""

    document: dict[str, Any]
    overrides: dict[str, Any]
    data_root: Path
    source: str = "command line"


@dataclass
class FleetMember:
    """A charge point core with its traffic counter; `booted_at` is the monotonic time of its
    first accepted BootNotification (None until then). `simulated`: the core with its own
    simulated station (`--simulate`), started and closed in its place."""

    core: ChargePointCore
    counter: FrameCounter
    booted_at: float | None = field(default=None)
    simulated: SimulatedChargePoint | None = None
    closed: bool = field(default=False, init=False)

    @property
    def charge_point_id(self) -> str:
        return self.core.settings.charge_point_id

    @property
    def connected(self) -> bool:
        return self.core.connected

    @property
    def booted(self) -> bool:
        return self.core.session.registration is Registration.ACCEPTED

    async def start(self) -> None:
        if self.simulated is not None:
            await self.simulated.start()
        else:
            await self.core.start()

    async def wait_booted(self) -> None:
        await self.core.session.wait_registration(Registration.ACCEPTED)
        self.booted_at = time.monotonic()

    async def close(self) -> None:
        """Once: a second call (a stopping fleet closing what a cancelled start left) is a
        no-op."""
        if self.closed:
            return
        self.closed = True
        if self.simulated is not None:
            await self.simulated.close()
        else:
            await self.core.close()


def member_settings(spec: MemberSpec, charge_point_id: str) -> Settings:
    """The settings of one member: the shared document and flags, its id, its own data
    directory `<data root>/<id>` (unless the config file names data_dir: then under that)."""
    overrides = {
        **spec.overrides,
        "charge_point_id": charge_point_id,
        "data_dir": str(spec.data_root / charge_point_id),
    }
    return build_settings(spec.document, overrides, f"{spec.source} ({charge_point_id})")


def create_member(
    spec: MemberSpec, charge_point_id: str, template: Settings | None = None
) -> FleetMember:
    """Build (not start) the fleet member named `charge_point_id`. `template`: the validated
    settings of another member of the same spec; copied with this id and data directory
    instead of validating the whole document again (the id was checked by IdRange)."""
    counter = FrameCounter()
    if template is None:
        settings = member_settings(spec, charge_point_id)
    else:
        settings = template.replace(
            charge_point_id=charge_point_id, data_dir=spec.data_root / charge_point_id
        )
    simulated = None
    if settings.simulation.enabled:
        from ..simulated import SimulatedChargePoint  # Loaded with --simulate only.

        simulated = SimulatedChargePoint(settings, observer=counter)
        core = simulated.app.core
    else:
        core = ChargePointCore(settings, observer=counter)
    core.connected_listeners.append(counter.connected_changed)
    return FleetMember(core, counter, simulated=simulated)
