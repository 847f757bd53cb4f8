"""Smart Charging (OCPP 1.6 §3.13): charging profiles, their validation and persistence, the
composite schedule and the limits to apply. See docs/smart-charging.md.

The door hands out its names on first use: a charge point that boots with no stored profile
and no energy sink loads the service and its store only (service.py, store.py); profiles,
their validation, the composite schedule, the limits and their publisher load with the first
profile read, set or cleared, composite schedule asked for or limits published (start-up
time, tests/test_startup.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import names_on_first_use

if TYPE_CHECKING:
    from .composite import CompositeOptions, CompositePeriod, CompositeSchedule, composite_schedule
    from .limits import (
        ConnectorLimit,
        charging_schedules,
        connector_limits,
        external_limits,
        schedules,
    )
    from .profiles import ClearFilter, InstalledProfile, ProfileFormatError, parse_profile
    from .publisher import LimitPublisher
    from .service import FEATURE_PROFILE, SmartCharging
    from .store import ProfileStoreError
    from .validation import ProfileLimits, ProfileRejected, check_profile

# Name -> the module (relative) that defines it.
_EXPORTS = {
    "FEATURE_PROFILE": ".service",
    "ClearFilter": ".profiles",
    "CompositeOptions": ".composite",
    "CompositePeriod": ".composite",
    "CompositeSchedule": ".composite",
    "ConnectorLimit": ".limits",
    "InstalledProfile": ".profiles",
    "LimitPublisher": ".publisher",
    "ProfileFormatError": ".profiles",
    "ProfileLimits": ".validation",
    "ProfileRejected": ".validation",
    "ProfileStoreError": ".store",
    "SmartCharging": ".service",
    "charging_schedules": ".limits",
    "check_profile": ".validation",
    "composite_schedule": ".composite",
    "connector_limits": ".limits",
    "external_limits": ".limits",
    "parse_profile": ".profiles",
    "schedules": ".limits",
}

__all__ = [
    "FEATURE_PROFILE",
    "ClearFilter",
    "CompositeOptions",
    "CompositePeriod",
    "CompositeSchedule",
    "ConnectorLimit",
    "InstalledProfile",
    "LimitPublisher",
    "ProfileFormatError",
    "ProfileLimits",
    "ProfileRejected",
    "ProfileStoreError",
    "SmartCharging",
    "charging_schedules",
    "check_profile",
    "composite_schedule",
    "connector_limits",
    "external_limits",
    "parse_profile",
    "schedules",
]


__getattr__, __dir__ = names_on_first_use(__name__, globals(), _EXPORTS)
