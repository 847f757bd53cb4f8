"""The Smart Charging service: the installed profiles (in memory and on disk), the answers to
SetChargingProfile / ClearChargingProfile / GetCompositeSchedule, and the limits to apply.

Profiles (profiles.py), their validation (validation.py) and the composite schedule
(composite.py) load with the first method that needs them: a charge point that starts with no
stored profile and is asked for none loads this module and the store only (start-up time)."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ocpp.v16.enums import ChargingProfileKindType as Kind
from ocpp.v16.enums import ChargingProfilePurposeType as Purpose
from ocpp.v16.enums import ChargingProfileStatus, ChargingRateUnitType, ClearChargingProfileStatus

from .store import ProfileStore, ProfileStoreError

if TYPE_CHECKING:
    from ocpp.v16.datatypes import ChargingProfile

    from .composite import CompositeOptions, CompositeSchedule
    from .profiles import ClearFilter, InstalledProfile
    from .validation import ProfileLimits, TransactionIdOf

LOGGER = logging.getLogger(__name__)
FEATURE_PROFILE = "SmartCharging"
Setting = Callable[[str], str | None]
TransactionStartOf = Callable[[int], datetime | None]


def _no_transaction_id(_connector: int) -> int | None:
    return None


def _no_transaction_start(_connector: int) -> datetime | None:
    return None


class SmartCharging:
    """`setting` reads a configuration key (the core's `configuration.value`); `now` is the
    charge point's clock. `transaction_id_of` / `transaction_start_of` tell, per connector,
    the running transaction's id and start (None: none); the charging code sets them.
    `options`: the composite schedule's assumptions, or what makes them on first use (default:
    libocpp's)."""

    def __init__(
        self,
        data_dir: Path,
        connectors: int,
        setting: Setting,
        now: Callable[[], datetime],
        *,
        transaction_id_of: TransactionIdOf = _no_transaction_id,
        transaction_start_of: TransactionStartOf = _no_transaction_start,
        options: CompositeOptions | Callable[[], CompositeOptions] | None = None,
    ) -> None:
        self.connectors = connectors
        self._setting = setting
        self._now = now
        self.transaction_id_of = transaction_id_of
        self.transaction_start_of = transaction_start_of
        self._options = options
        # Called (no arguments) after the installed profiles changed: re-apply the limits.
        self.change_listeners: list[Callable[[], None]] = []
        self._store = ProfileStore(data_dir)
        # A change is read, written and swapped in as one step: a transaction's end cannot
        # interleave with a SetChargingProfile and undo it.
        self._changing = asyncio.Lock()
        self._profiles: tuple[InstalledProfile, ...] = _without_tx_profiles(self._store.load())

    @property
    def profiles(self) -> tuple[InstalledProfile, ...]:
        return self._profiles

    @property
    def options(self) -> CompositeOptions:
        """What the composite schedule assumes where a profile says nothing."""
        options = self._options
        if options is None or callable(options):
            from .composite import CompositeOptions

            options = CompositeOptions() if options is None else options()
            self._options = options
        return options

    def follows_transactions(self) -> bool:
        """Whether the limits change when a transaction starts, gets its CSMS id or ends: a
        Relative schedule starts with the transaction, a TxProfile may name its id, and the
        connectors share a ChargePointMaxProfile by how many charge. With none of these
        installed (no profile at all, say) recomputing would only cost time."""
        return any(
            p.purpose in (Purpose.tx_profile, Purpose.charge_point_max_profile)
            or Kind(p.profile.charging_profile_kind) is Kind.relative
            for p in self._profiles
        )

    def _transaction_running(self, connector: int) -> bool:
        """A transaction runs on `connector`: it has a start (the charging code sets it when
        the EVSE starts one), or at least the CSMS's id."""
        return (
            self.transaction_start_of(connector) is not None
            or self.transaction_id_of(connector) is not None
        )

    def limits(self) -> ProfileLimits:
        from .validation import ProfileLimits

        return ProfileLimits(
            connectors=self.connectors,
            max_stack_level=self._integer("ChargeProfileMaxStackLevel"),
            allowed_units=self.allowed_units(),
            max_periods=self._integer("ChargingScheduleMaxPeriods"),
            max_installed=self._integer("MaxChargingProfilesInstalled"),
        )

    def allowed_units(self) -> frozenset[ChargingRateUnitType]:
        from .validation import allowed_units

        return allowed_units(self._setting("ChargingScheduleAllowedChargingRateUnit"))

    def default_unit(self) -> ChargingRateUnitType:
        """The first allowed unit (A when both are), as libocpp picks."""
        units = self.allowed_units()
        return (
            ChargingRateUnitType.amps
            if ChargingRateUnitType.amps in units or not units
            else (ChargingRateUnitType.watts)
        )

    # --- SetChargingProfile / ClearChargingProfile ---------------------------------------------

    def remote_start_problem(self, connector_id: int, fields: Mapping[str, Any]) -> str | None:
        """Why the chargingProfile of a RemoteStartTransaction on `connector_id` (its
        snake_case fields) cannot be installed for the transaction it starts; None: it can."""
        from .profiles import ProfileFormatError, parse_profile
        from .validation import ProfileRejected, check_remote_start_profile

        try:
            check_remote_start_profile(parse_profile(fields), connector_id, self.limits())
        except (ProfileFormatError, ProfileRejected) as error:
            return str(error)
        return None

    async def set_profile(
        self, connector_id: int, profile: ChargingProfile
    ) -> ChargingProfileStatus:
        """Validate, replace (same id; same connector, purpose and stack level), store durably,
        then answer Accepted; Rejected with the reason logged otherwise."""
        from .profiles import InstalledProfile
        from .validation import ProfileRejected, capped_duration, check_profile

        limits = self.limits()
        try:
            check_profile(
                profile, connector_id, limits, self.transaction_id_of, self._transaction_running
            )
        except ProfileRejected as rejected:
            LOGGER.warning(
                "SetChargingProfile %s rejected: %s", profile.charging_profile_id, rejected
            )
            return ChargingProfileStatus.rejected
        new = InstalledProfile(connector_id, capped_duration(profile))
        async with self._changing:
            kept = [p for p in self._unexpired() if not _replaced_by(p, new)]
            # Our choice: a profile that replaces another does not count against the limit
            # (libocpp counts first, so a full charge point cannot even replace a profile).
            if len(kept) >= limits.max_installed:
                LOGGER.warning(
                    "SetChargingProfile %s rejected: MaxChargingProfilesInstalled=%d reached",
                    new.id,
                    limits.max_installed,
                )
                return ChargingProfileStatus.rejected
            if not await self._commit((*kept, new)):
                return ChargingProfileStatus.rejected
        return ChargingProfileStatus.accepted

    async def clear(self, which: ClearFilter) -> ClearChargingProfileStatus:
        from .profiles import ClearFilter

        everything = which == ClearFilter()
        async with self._changing:
            kept = tuple(p for p in self._profiles if not everything and not which.matches(p))
            if len(kept) == len(self._profiles):
                # Clearing everything is Accepted even when nothing was installed (libocpp).
                if everything:
                    return ClearChargingProfileStatus.accepted
                return ClearChargingProfileStatus.unknown
            if not await self._commit(kept):
                # Not durable: answer Unknown rather than claim a clear a restart would undo.
                return ClearChargingProfileStatus.unknown
        return ClearChargingProfileStatus.accepted

    async def transaction_ended(self, connector_id: int) -> None:
        """OCPP 1.6 §3.13.2: a TxProfile ends with its transaction; the charging code calls
        this when a transaction on `connector_id` stops."""
        async with self._changing:
            kept = tuple(
                p
                for p in self._profiles
                if not (p.purpose == Purpose.tx_profile and p.connector_id == connector_id)
            )
            if len(kept) != len(self._profiles):
                await self._commit(kept)

    async def _commit(self, profiles: Sequence[InstalledProfile]) -> bool:
        try:
            await self._store.save(profiles)
        except ProfileStoreError as error:
            LOGGER.error("charging profiles not changed: %s", error)
            return False
        self._profiles = tuple(profiles)
        for listener in list(self.change_listeners):
            try:
                listener()
            except Exception:  # a listener's bug must not undo an accepted change
                LOGGER.exception("charging profile listener failed")
        return True

    def _unexpired(self) -> list[InstalledProfile]:
        """The installed profiles without those that can never apply again (validTo passed),
        which libocpp purges daily; here they give way when room is needed."""
        from .composite import seconds

        now = seconds(self._now())
        return [p for p in self._profiles if not _expired(p.profile, now)]

    # --- GetCompositeSchedule and the limits ------------------------------------------------

    def composite(
        self, connector_id: int, duration: int, unit: ChargingRateUnitType | None = None
    ) -> CompositeSchedule:
        return self._composite_job(connector_id, duration, unit)()

    async def composite_off_loop(
        self, connector_id: int, duration: int, unit: ChargingRateUnitType | None = None
    ) -> CompositeSchedule:
        """As composite(), computed in a worker thread: a long schedule of many recurring
        profiles takes a noticeable time (docs/smart-charging.md)."""
        return await asyncio.to_thread(self._composite_job(connector_id, duration, unit))

    def composites(
        self, duration: int, unit: ChargingRateUnitType | None = None
    ) -> dict[int, CompositeSchedule]:
        """Every connector's composite schedule from one moment, 0 included: the others'
        added up and capped (each connector's schedule computed once)."""
        from .composite import summed

        of = self._composite_of(duration, unit)
        parts = {connector: of(connector)() for connector in range(1, self.connectors + 1)}
        return {0: summed(list(parts.values()), of(0)()), **parts}

    def _composite_job(
        self, connector_id: int, duration: int, unit: ChargingRateUnitType | None
    ) -> Callable[[], CompositeSchedule]:
        """The computation with every input read now, on the caller's thread (the transaction
        callables belong to the event loop); what remains touches immutable values only.
        Connector 0 (§5.7: what the charge point as a whole expects to draw) is the sum of the
        connectors' schedules, capped by its own (the ChargePointMaxProfile's)."""
        from .composite import summed

        of = self._composite_of(duration, unit)
        if connector_id != 0:
            return of(connector_id)
        parts, cap = [of(c) for c in range(1, self.connectors + 1)], of(0)
        return lambda: summed([part() for part in parts], cap())

    def _composite_of(
        self, duration: int, unit: ChargingRateUnitType | None
    ) -> Callable[[int], Callable[[], CompositeSchedule]]:
        """Per connector, its composite schedule's computation, all from the same moment
        (connector 0: the ChargePointMaxProfile alone)."""
        from .composite import composite_schedule

        now, unit = self._now(), unit or self.default_unit()

        def of(connector: int) -> Callable[[], CompositeSchedule]:
            return functools.partial(
                composite_schedule,
                self._profiles,
                connector,
                now,
                duration,
                unit,
                session_start=self.transaction_start_of(connector) if connector else None,
                transaction_id=self.transaction_id_of(connector) if connector else None,
                options=self.options,
            )

        return of

    def station_shares(
        self, schedules: Mapping[int, CompositeSchedule]
    ) -> dict[int, CompositeSchedule]:
        """The connectors' `schedules` (1..N; all from one moment, one unit) with the
        ChargePointMaxProfile shared among them, for a charge point with no EVSE-side limit of
        its own for connector 0 to apply it (§3.13.3: it limits all connectors combined):
        where it is in force, each connector gets at most an equal share of it, among the
        connectors with a transaction (all of them when none has one)."""
        if not any(p.purpose == Purpose.charge_point_max_profile for p in self._profiles):
            return dict(schedules)
        from .composite import composite_schedule, shared

        first = next(iter(schedules.values()))
        # Connector 0's own schedule with no limit where no ChargePointMaxProfile is in force.
        unlimited = dataclasses.replace(self.options, default_amps=math.inf, default_watts=math.inf)
        cap = composite_schedule(
            self._profiles, 0, first.start, first.duration, first.unit, options=unlimited
        )
        charging = [c for c in schedules if self._transaction_running(c)]
        share = len(charging) or len(schedules)
        return {c: shared(schedule, cap, share) for c, schedule in schedules.items()}

    def _integer(self, name: str) -> int:
        value = self._setting(name)
        if value is None:
            raise LookupError(f"configuration key {name} has no value")
        return int(value)


def _without_tx_profiles(stored: Sequence[InstalledProfile]) -> tuple[InstalledProfile, ...]:
    """The stored profiles a new process starts with. No transaction outlives the process
    (the charging code stops a previous run's open ones, PowerLoss), and a TxProfile ends with
    its transaction (§3.13.1): one left on disk would limit, and take room from, every later
    transaction. The file loses them with the next change; until then each start drops them."""
    kept = tuple(p for p in stored if p.purpose != Purpose.tx_profile)
    for dropped in (p for p in stored if p.purpose == Purpose.tx_profile):
        LOGGER.info(
            "TxProfile %d of connector %d dropped: its transaction ended with the previous run",
            dropped.id,
            dropped.connector_id,
        )
    return kept


def _replaced_by(installed: InstalledProfile, new: InstalledProfile) -> bool:
    """OCPP 1.6 §3.13.2 and §5.16.1: the same chargingProfileId, or the same stackLevel and
    purpose on the same connector, is replaced. A profile for connector 0 is a profile for
    every connector (libocpp installs a copy on each), so it also replaces a connector's
    profile of the same stackLevel and purpose; one for a connector replaces only that
    connector's own."""
    same_place = new.connector_id == 0 or installed.connector_id == new.connector_id
    return installed.id == new.id or (
        same_place and installed.purpose == new.purpose and installed.stack_level == new.stack_level
    )


def _expired(profile: ChargingProfile, now: int) -> bool:
    from .composite import seconds
    from .profiles import parse_time

    if profile.valid_to is not None and seconds(parse_time(profile.valid_to, "validTo")) < now:
        return True
    schedule = profile.charging_schedule
    if (
        Kind(profile.charging_profile_kind) is Kind.absolute
        and schedule.start_schedule is not None
        and schedule.duration is not None
    ):
        end = seconds(parse_time(schedule.start_schedule, "startSchedule")) + int(schedule.duration)
        return end < now
    return False
