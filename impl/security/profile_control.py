"""The security profile in use: which connection settings the next attempt gets, a raise that
is only kept once a connection with it worked, and what a failed attempt means (log line,
security event, fallback)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from ..configuration import Configuration, StateFileError
from ..errors import describe
from .failures import classify_connection_failure
from .profiles import (
    ConnectionSecurity,
    SecurityProfileError,
    SecurityProfileSwitch,
    TlsFiles,
    connection_security,
)

LOGGER = logging.getLogger(__name__)
KEY = "SecurityProfile"
RECONFIGURATION = "ReconfigurationOfSecurityParameters"

# (event type, techInfo) -> records a security event
RecordEvent = Callable[[str, str | None], object]


class ConnectionTarget(NamedTuple):
    csms_url: str
    charge_point_id: str
    tls: TlsFiles


class SecurityProfileControl:
    def __init__(
        self,
        target: ConnectionTarget,
        configuration: Configuration,
        record: RecordEvent,
        tls_files: Callable[[], TlsFiles] | None = None,
    ) -> None:
        """`tls_files`: the TLS files of each attempt (the certificate store's), default
        `target.tls`."""
        self._target = target
        self._tls_files = tls_files or (lambda: target.tls)
        self._configuration = configuration
        self._record = record
        self._switch = SecurityProfileSwitch(configuration.integer(KEY))
        self._attempted = self._switch.target
        # The event of the last failed attempt: a streak of identical failures raises it once.
        self._last_failure: tuple[str, str] | None = None
        # A raise is stored only once a connection with it worked (see connection_opened).
        configuration.hold_persistence(KEY)
        configuration.set_guard(KEY, self.guard)

    @property
    def active(self) -> int:
        return self._switch.active

    @property
    def pending(self) -> int | None:
        return self._switch.pending

    def security(self) -> ConnectionSecurity:
        """Settings for the next attempt: the pending profile, else the active one."""
        self._attempted = self._switch.target
        return self._for(self._attempted)

    def guard(self, value: str) -> str | None:
        """Why SecurityProfile may not become `value` now, or None (lowering is refused by the
        key's own rule)."""
        try:
            self._for(int(value))
        except SecurityProfileError as error:
            return str(error)
        return None

    def changed(self) -> bool:
        """SecurityProfile was changed (accepted): True when a reconnect should try it."""
        requested = self._configuration.integer(KEY)
        if not self._switch.request(requested):
            return False  # not reachable through the key's rules; kept for safety
        if self._switch.pending is None:
            return False
        LOGGER.info(
            "SecurityProfile raised from %d to %d: reconnecting with it; it is kept once "
            "that connection works",
            self._switch.active,
            requested,
        )
        return True

    def connection_opened(self, security: ConnectionSecurity) -> None:
        self._last_failure = None
        if self._switch.pending is None or security.profile != self._switch.pending:
            return
        active = self._switch.connected()
        try:
            self._configuration.persist(KEY)
        except StateFileError as error:
            LOGGER.error("SecurityProfile %d works but is not stored: %s", active, error)
        LOGGER.info("connected with security profile %d; it is now the stored profile", active)

    def connection_failed(self, error: Exception) -> bool:
        """Log why an attempt failed and raise the matching security event; True when this was
        the first attempt with a raised profile and the previous profile is now back."""
        attempted = self._attempted
        if isinstance(error, SecurityProfileError):
            reason = f"security profile {attempted} cannot be used: {error}"
            LOGGER.error("%s", reason)
        else:
            failure = classify_connection_failure(error, attempted)
            reason = failure.message if failure is not None else describe(error)
            if failure is not None:
                LOGGER.error("%s", failure.message)
                if failure.security_event is not None:
                    self._raise_once(failure.security_event, failure.message)
        if self._switch.pending is None or attempted != self._switch.pending:
            return False
        previous = self._switch.failed()
        self._configuration.restore(KEY, str(previous))
        LOGGER.error(
            "connecting with security profile %d failed (%s); falling back to profile %d",
            attempted,
            reason,
            previous,
        )
        self._record(
            RECONFIGURATION, f"SecurityProfile fell back from {attempted} to {previous}: {reason}"
        )
        return True

    def _raise_once(self, event_type: str, message: str) -> None:
        if self._last_failure == (event_type, message):
            return
        self._last_failure = (event_type, message)
        self._record(event_type, message)

    def _for(self, profile: int) -> ConnectionSecurity:
        target, tls = self._target, self._tls_files()
        security = connection_security(
            profile,
            target.charge_point_id,
            self._configuration.value("AuthorizationKey"),
            tls.ca_bundle,
            tls.client_cert,
            tls.client_key,
            tls.client_key_password,
        )
        # Raises when the URL does not fit the profile (wss:// with 0 or 1).
        security.url(target.csms_url, target.charge_point_id)
        return security
