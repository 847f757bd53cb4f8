"""Smart Charging (OCPP 1.6 §3.13): charging profiles, their validation and persistence, the
composite schedule and the limits to apply. See docs/smart-charging.md."""

from .composite import CompositeOptions, CompositePeriod, CompositeSchedule, composite_schedule
from .limits import ConnectorLimit, charging_schedules, connector_limits, external_limits, schedules
from .profiles import InstalledProfile, ProfileFormatError, parse_profile
from .publisher import LimitPublisher
from .service import FEATURE_PROFILE, ClearFilter, SmartCharging
from .store import ProfileStoreError
from .validation import ProfileLimits, ProfileRejected, check_profile

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
