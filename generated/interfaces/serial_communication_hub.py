"""This interface provides multiplexed access to one serial port (e.g. RS485) for multiple
clients.

Generated from interfaces/serial_communication_hub.yaml. Do not edit: regenerate.
"""

import abc
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonInt,
    PublisherTransport,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..types import serial_comm_hub_requests as _serial_comm_hub_requests


class SerialCommunicationHubHandler(abc.ABC):
    """Provides serial_communication_hub: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_modbus_read_holding_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
    ) -> _serial_comm_hub_requests.Result:
        """Send a Modbus RTU 'read holding registers' command via serial interface to the target
        hardware. (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_register_address: Start address for read operation (16 bit address)
            num_registers_to_read: Number of registers to read (16 bit each)

        Returns:
            Result of the transfer
        """

    @abc.abstractmethod
    async def handle_modbus_read_input_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
    ) -> _serial_comm_hub_requests.Result:
        """Send a Modbus RTU 'read input registers' command via serial interface to the target
        hardware. (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_register_address: Start address for read operation (16 bit address)
            num_registers_to_read: Number of registers to read (16 bit each)

        Returns:
            Result of the transfer
        """

    @abc.abstractmethod
    async def handle_modbus_write_multiple_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        data_raw: _serial_comm_hub_requests.VectorUint16,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Send a Modbus RTU 'write multiple registers' command via serial interface to the
        target hardware. (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_register_address: Start address for write operation (16 bit address)
            data_raw: Data content to be written to the above selected registers (in 16 bit
                words)

        Returns:
            Status code of the transfer
        """

    @abc.abstractmethod
    async def handle_modbus_write_single_register(
        self,
        target_device_id: int,
        register_address: int,
        data: int,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Send a Modbus RTU 'write single register' command via serial interface to the target
        hardware. (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            register_address: Address of the register to write to (16 bit address)
            data: Data content to be written to the above selected register

        Returns:
            Status code of the transfer
        """

    @abc.abstractmethod
    async def handle_modbus_read_coils(
        self,
        target_device_id: int,
        first_coil_address: int,
        num_coils_to_read: int,
    ) -> _serial_comm_hub_requests.ResultBool:
        """Send a Modbus RTU 'read coils' command via serial interface to the target hardware.
        (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_coil_address: Start address for read operation (16 bit address)
            num_coils_to_read: Number of coils to read (1 bit each)

        Returns:
            Result of the transfer
        """

    @abc.abstractmethod
    async def handle_modbus_write_single_coil(
        self,
        target_device_id: int,
        coil_address: int,
        data: bool,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Send a Modbus RTU 'write single coil' command via serial interface to the target
        hardware. (return value: response)

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            coil_address: Address of the coil to write to (16 bit address)
            data: Data content to be written to the selected coil

        Returns:
            Status code of the transfer
        """

    @abc.abstractmethod
    async def handle_nonstd_write(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
    ) -> None:
        """Non standard mode to write registers in read discrete input mode without waiting for
        reply. Used e.g. by GYDCG-UBC1 isolation monitor.

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_register_address: Start address for read operation (16 bit address)
            num_registers_to_read: Number of registers to read (16 bit each)
        """

    @abc.abstractmethod
    async def handle_nonstd_read(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
    ) -> _serial_comm_hub_requests.Result:
        """Non standard mode to read registers in read coils mode, but getting a malformed reply.
        Used e.g. by GYDCG-UBC1 isolation monitor.

        Args:
            target_device_id: ID (1 byte) of the device to send the commands to
            first_register_address: Start address for write operation (16 bit address)
            num_registers_to_read: Number of registers to read (16 bit each)

        Returns:
            Result of the transfer
        """


class SerialCommunicationHubPublisher:
    """Publishes the variables of serial_communication_hub, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class SerialCommunicationHubClient:
    """Calls the commands of a module providing serial_communication_hub, subscribes to its
    variables.

    What each command and variable means is documented on ``SerialCommunicationHubHandler``
    and ``SerialCommunicationHubPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def modbus_read_holding_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.Result:
        """Call ``modbus_read_holding_registers``: see
        ``SerialCommunicationHubHandler.handle_modbus_read_holding_registers``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_read_holding_registers"],
            {
                "target_device_id": target_device_id,
                "first_register_address": first_register_address,
                "num_registers_to_read": num_registers_to_read,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.Result, result)

    async def modbus_read_input_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.Result:
        """Call ``modbus_read_input_registers``: see
        ``SerialCommunicationHubHandler.handle_modbus_read_input_registers``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_read_input_registers"],
            {
                "target_device_id": target_device_id,
                "first_register_address": first_register_address,
                "num_registers_to_read": num_registers_to_read,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.Result, result)

    async def modbus_write_multiple_registers(
        self,
        target_device_id: int,
        first_register_address: int,
        data_raw: _serial_comm_hub_requests.VectorUint16,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Call ``modbus_write_multiple_registers``: see
        ``SerialCommunicationHubHandler.handle_modbus_write_multiple_registers``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_write_multiple_registers"],
            {
                "target_device_id": target_device_id,
                "first_register_address": first_register_address,
                "data_raw": data_raw,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.StatusCodeEnum, result)

    async def modbus_write_single_register(
        self,
        target_device_id: int,
        register_address: int,
        data: int,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Call ``modbus_write_single_register``: see
        ``SerialCommunicationHubHandler.handle_modbus_write_single_register``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_write_single_register"],
            {
                "target_device_id": target_device_id,
                "register_address": register_address,
                "data": data,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.StatusCodeEnum, result)

    async def modbus_read_coils(
        self,
        target_device_id: int,
        first_coil_address: int,
        num_coils_to_read: int,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.ResultBool:
        """Call ``modbus_read_coils``: see
        ``SerialCommunicationHubHandler.handle_modbus_read_coils``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_read_coils"],
            {
                "target_device_id": target_device_id,
                "first_coil_address": first_coil_address,
                "num_coils_to_read": num_coils_to_read,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.ResultBool, result)

    async def modbus_write_single_coil(
        self,
        target_device_id: int,
        coil_address: int,
        data: bool,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.StatusCodeEnum:
        """Call ``modbus_write_single_coil``: see
        ``SerialCommunicationHubHandler.handle_modbus_write_single_coil``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["modbus_write_single_coil"],
            {"target_device_id": target_device_id, "coil_address": coil_address, "data": data},
            timeout,
        )
        return cast(_serial_comm_hub_requests.StatusCodeEnum, result)

    async def nonstd_write(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
        *,
        timeout: float | None = None,
    ) -> None:
        """Call ``nonstd_write``: see ``SerialCommunicationHubHandler.handle_nonstd_write``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["nonstd_write"],
            {
                "target_device_id": target_device_id,
                "first_register_address": first_register_address,
                "num_registers_to_read": num_registers_to_read,
            },
            timeout,
        )

    async def nonstd_read(
        self,
        target_device_id: int,
        first_register_address: int,
        num_registers_to_read: int,
        *,
        timeout: float | None = None,
    ) -> _serial_comm_hub_requests.Result:
        """Call ``nonstd_read``: see ``SerialCommunicationHubHandler.handle_nonstd_read``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["nonstd_read"],
            {
                "target_device_id": target_device_id,
                "first_register_address": first_register_address,
                "num_registers_to_read": num_registers_to_read,
            },
            timeout,
        )
        return cast(_serial_comm_hub_requests.Result, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="serial_communication_hub",
    commands={
        "modbus_read_holding_registers": CommandSpec(
            name="modbus_read_holding_registers",
            py_name="modbus_read_holding_registers",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_register_address",
                    py_name="first_register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="num_registers_to_read",
                    py_name="num_registers_to_read",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=1)], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.Result),
        ),
        "modbus_read_input_registers": CommandSpec(
            name="modbus_read_input_registers",
            py_name="modbus_read_input_registers",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_register_address",
                    py_name="first_register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="num_registers_to_read",
                    py_name="num_registers_to_read",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=1)], config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.Result),
        ),
        "modbus_write_multiple_registers": CommandSpec(
            name="modbus_write_multiple_registers",
            py_name="modbus_write_multiple_registers",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_register_address",
                    py_name="first_register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="data_raw",
                    py_name="data_raw",
                    adapter=TypeAdapter(_serial_comm_hub_requests.VectorUint16),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.StatusCodeEnum),
        ),
        "modbus_write_single_register": CommandSpec(
            name="modbus_write_single_register",
            py_name="modbus_write_single_register",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="register_address",
                    py_name="register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="data",
                    py_name="data",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.StatusCodeEnum),
        ),
        "modbus_read_coils": CommandSpec(
            name="modbus_read_coils",
            py_name="modbus_read_coils",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_coil_address",
                    py_name="first_coil_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="num_coils_to_read",
                    py_name="num_coils_to_read",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=1, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.ResultBool),
        ),
        "modbus_write_single_coil": CommandSpec(
            name="modbus_write_single_coil",
            py_name="modbus_write_single_coil",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="coil_address",
                    py_name="coil_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="data",
                    py_name="data",
                    adapter=TypeAdapter(JsonBool, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.StatusCodeEnum),
        ),
        "nonstd_write": CommandSpec(
            name="nonstd_write",
            py_name="nonstd_write",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_register_address",
                    py_name="first_register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="num_registers_to_read",
                    py_name="num_registers_to_read",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=1)], config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "nonstd_read": CommandSpec(
            name="nonstd_read",
            py_name="nonstd_read",
            arguments=(
                ArgumentSpec(
                    name="target_device_id",
                    py_name="target_device_id",
                    adapter=TypeAdapter(Annotated[JsonInt, Field(ge=0, le=255)], config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="first_register_address",
                    py_name="first_register_address",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="num_registers_to_read",
                    py_name="num_registers_to_read",
                    adapter=TypeAdapter(
                        Annotated[JsonInt, Field(ge=0, le=65535)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_serial_comm_hub_requests.Result),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
SerialCommunicationHubHandler.INTERFACE = INTERFACE
SerialCommunicationHubHandler.ERRORS = RAISABLE_ERRORS
SerialCommunicationHubPublisher.INTERFACE = INTERFACE
SerialCommunicationHubPublisher.ERRORS = RAISABLE_ERRORS
SerialCommunicationHubClient.INTERFACE = INTERFACE
SerialCommunicationHubClient.ERRORS = RAISABLE_ERRORS
