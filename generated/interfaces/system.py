"""Interface for system wide operations of EVerest

Generated from interfaces/system.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonDateTime,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..errors import system as _errors_system
from ..types import network as _network
from ..types import system as _system


class SystemHandler(abc.ABC):
    """Provides system: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_update_firmware(
        self,
        firmware_update_request: _system.FirmwareUpdateRequest,
    ) -> _system.UpdateFirmwareResponse:
        """Call to start a firmware update

        Args:
            firmware_update_request: Meta data containing information about the firmware request

        Returns:
            Returns the result of the attempt to update the firmware
        """

    @abc.abstractmethod
    async def handle_allow_firmware_installation(self) -> None:
        """Call to allow a firmware installation to proceed"""

    @abc.abstractmethod
    async def handle_upload_logs(
        self,
        upload_logs_request: _system.UploadLogsRequest,
    ) -> _system.UploadLogsResponse:
        """Call to start a log upload

        Args:
            upload_logs_request: Meta data containing information about the log request request

        Returns:
            Returns the result of the attempt to upload the logs
        """

    @abc.abstractmethod
    async def handle_is_reset_allowed(self, type: _system.ResetType) -> bool:
        """Call to determine if a reset of the system is allowed

        Args:
            type: Type of the reset (Soft or Hard)

        Returns:
            Indicates if the system can be reset
        """

    @abc.abstractmethod
    async def handle_reset(self, type: _system.ResetType, scheduled: bool) -> None:
        """Call to reset the system immediately

        Args:
            type: Type of the reset (Soft or Hard)
            scheduled: Indicates if this reset command was scheduled or immediately executed. A
                scheduled reset means that the system was waiting for all transactions to finish
                before this command was executed. This value is only informational.
        """

    @abc.abstractmethod
    async def handle_set_system_time(self, timestamp: JsonDateTime) -> bool:
        """Call to set the system time of EVerest

        Args:
            timestamp: The new system time in RFC3339 format

        Returns:
            Returns true if the system time could be set successfully, else false
        """

    @abc.abstractmethod
    async def handle_get_boot_reason(self) -> _system.BootReason:
        """Call to get the boot reason of the system

        Returns:
            Returns the boot reason of the system
        """

    @abc.abstractmethod
    async def handle_configure_network(
        self,
        request: _network.ConfigureNetworkRequest,
    ) -> _network.ConfigureNetworkResponse:
        """Request preparation of the given network interface (e.g. modem/APN/VPN bring-up). May
        answer directly with Ready/Failed/Rejected, or with Processing, in which case the
        final outcome is published on the configure_network_status var with the same
        request_id. Providers without network-configuration support return NotSupported.

        Args:
            request: The network configuration request

        Returns:
            Direct response; Processing defers the outcome to the status var
        """


class SystemPublisher:
    """Publishes the variables of system, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_firmware_update_status(self, value: _system.FirmwareUpdateStatus) -> None:
        """Describes the current status of a firmware update of the system"""
        self._transport.publish(INTERFACE.variables["firmware_update_status"], value)

    def publish_log_status(self, value: _system.LogStatus) -> None:
        """Describes the current status of log upload of the system"""
        self._transport.publish(INTERFACE.variables["log_status"], value)

    def publish_configure_network_status(self, value: _network.ConfigureNetworkStatus) -> None:
        """Asynchronous outcome of a configure_network request previously answered with
        Processing."""
        self._transport.publish(INTERFACE.variables["configure_network_status"], value)


class SystemClient:
    """Calls the commands of a module providing system, subscribes to its variables.

    What each command and variable means is documented on ``SystemHandler`` and
    ``SystemPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def update_firmware(
        self,
        firmware_update_request: _system.FirmwareUpdateRequest,
        *,
        timeout: float | None = None,
    ) -> _system.UpdateFirmwareResponse:
        """Call ``update_firmware``: see ``SystemHandler.handle_update_firmware``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["update_firmware"],
            {"firmware_update_request": firmware_update_request},
            timeout,
        )
        return cast(_system.UpdateFirmwareResponse, result)

    async def allow_firmware_installation(self, *, timeout: float | None = None) -> None:
        """Call ``allow_firmware_installation``: see
        ``SystemHandler.handle_allow_firmware_installation``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["allow_firmware_installation"], {}, timeout)

    async def upload_logs(
        self,
        upload_logs_request: _system.UploadLogsRequest,
        *,
        timeout: float | None = None,
    ) -> _system.UploadLogsResponse:
        """Call ``upload_logs``: see ``SystemHandler.handle_upload_logs``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["upload_logs"],
            {"upload_logs_request": upload_logs_request},
            timeout,
        )
        return cast(_system.UploadLogsResponse, result)

    async def is_reset_allowed(
        self,
        type: _system.ResetType,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``is_reset_allowed``: see ``SystemHandler.handle_is_reset_allowed``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["is_reset_allowed"],
            {"type": type},
            timeout,
        )
        return cast(bool, result)

    async def reset(
        self,
        type: _system.ResetType,
        scheduled: bool,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``reset``: see ``SystemHandler.handle_reset``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["reset"],
            {"type": type, "scheduled": scheduled},
            timeout,
        )

    async def set_system_time(
        self,
        timestamp: JsonDateTime,
        *,
        timeout: float | None = None,
    ) -> bool:
        """Call ``set_system_time``: see ``SystemHandler.handle_set_system_time``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["set_system_time"],
            {"timestamp": timestamp},
            timeout,
        )
        return cast(bool, result)

    async def get_boot_reason(self, *, timeout: float | None = None) -> _system.BootReason:
        """Call ``get_boot_reason``: see ``SystemHandler.handle_get_boot_reason``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["get_boot_reason"], {}, timeout)
        return cast(_system.BootReason, result)

    async def configure_network(
        self,
        request: _network.ConfigureNetworkRequest,
        *,
        timeout: float | None = None,
    ) -> _network.ConfigureNetworkResponse:
        """Call ``configure_network``: see ``SystemHandler.handle_configure_network``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["configure_network"],
            {"request": request},
            timeout,
        )
        return cast(_network.ConfigureNetworkResponse, result)

    def subscribe_firmware_update_status(
        self,
        callback: Callable[[_system.FirmwareUpdateStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SystemPublisher.publish_firmware_update_status``."""
        return self._transport.subscribe(INTERFACE.variables["firmware_update_status"], callback)

    def subscribe_log_status(
        self,
        callback: Callable[[_system.LogStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SystemPublisher.publish_log_status``."""
        return self._transport.subscribe(INTERFACE.variables["log_status"], callback)

    def subscribe_configure_network_status(
        self,
        callback: Callable[[_network.ConfigureNetworkStatus], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``SystemPublisher.publish_configure_network_status``."""
        return self._transport.subscribe(INTERFACE.variables["configure_network_status"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (_errors_system.SystemError.CommunicationFault,)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="system",
    commands={
        "update_firmware": CommandSpec(
            name="update_firmware",
            py_name="update_firmware",
            arguments=(
                ArgumentSpec(
                    name="firmware_update_request",
                    py_name="firmware_update_request",
                    adapter=TypeAdapter(_system.FirmwareUpdateRequest),
                ),
            ),
            result=TypeAdapter(_system.UpdateFirmwareResponse),
        ),
        "allow_firmware_installation": CommandSpec(
            name="allow_firmware_installation",
            py_name="allow_firmware_installation",
            arguments=(),
            result=None,
        ),
        "upload_logs": CommandSpec(
            name="upload_logs",
            py_name="upload_logs",
            arguments=(
                ArgumentSpec(
                    name="upload_logs_request",
                    py_name="upload_logs_request",
                    adapter=TypeAdapter(_system.UploadLogsRequest),
                ),
            ),
            result=TypeAdapter(_system.UploadLogsResponse),
        ),
        "is_reset_allowed": CommandSpec(
            name="is_reset_allowed",
            py_name="is_reset_allowed",
            arguments=(
                ArgumentSpec(name="type", py_name="type", adapter=TypeAdapter(_system.ResetType)),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            arguments=(
                ArgumentSpec(name="type", py_name="type", adapter=TypeAdapter(_system.ResetType)),
                ArgumentSpec(
                    name="scheduled",
                    py_name="scheduled",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "set_system_time": CommandSpec(
            name="set_system_time",
            py_name="set_system_time",
            arguments=(
                ArgumentSpec(
                    name="timestamp",
                    py_name="timestamp",
                    adapter=TypeAdapter(JsonDateTime, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
        "get_boot_reason": CommandSpec(
            name="get_boot_reason",
            py_name="get_boot_reason",
            arguments=(),
            result=TypeAdapter(_system.BootReason),
        ),
        "configure_network": CommandSpec(
            name="configure_network",
            py_name="configure_network",
            arguments=(
                ArgumentSpec(
                    name="request",
                    py_name="request",
                    adapter=TypeAdapter(_network.ConfigureNetworkRequest),
                ),
            ),
            result=TypeAdapter(_network.ConfigureNetworkResponse),
        ),
    },
    variables={
        "firmware_update_status": VariableSpec(
            name="firmware_update_status",
            py_name="firmware_update_status",
            adapter=TypeAdapter(_system.FirmwareUpdateStatus),
        ),
        "log_status": VariableSpec(
            name="log_status",
            py_name="log_status",
            adapter=TypeAdapter(_system.LogStatus),
        ),
        "configure_network_status": VariableSpec(
            name="configure_network_status",
            py_name="configure_network_status",
            adapter=TypeAdapter(_network.ConfigureNetworkStatus),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
SystemHandler.INTERFACE = INTERFACE
SystemHandler.ERRORS = RAISABLE_ERRORS
SystemPublisher.INTERFACE = INTERFACE
SystemPublisher.ERRORS = RAISABLE_ERRORS
SystemClient.INTERFACE = INTERFACE
SystemClient.ERRORS = RAISABLE_ERRORS
