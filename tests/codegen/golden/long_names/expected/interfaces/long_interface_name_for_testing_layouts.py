"""Long

Generated from interfaces/long_interface_name_for_testing_layouts.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..types import longnames as _longnames


class LongInterfaceNameForTestingLayoutsHandler(abc.ABC):
    """Provides long_interface_name_for_testing_layouts: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_a_command_with_a_rather_long_name_to_push_the_lines(
        self,
        the_first_argument_with_long_name: list[
            _longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes
        ],
    ) -> _longnames.Holder:
        """xx

        Args:
            the_first_argument_with_long_name: yy

        Returns:
            zz
        """


class LongInterfaceNameForTestingLayoutsPublisher:
    """Publishes the variables of long_interface_name_for_testing_layouts, for the module that
    provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_a_variable_with_a_rather_long_name_to_push_the_lines_further(
        self,
        value: list[_longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes],
    ) -> None:
        """vv"""
        self._transport.publish(
            INTERFACE.variables["a_variable_with_a_rather_long_name_to_push_the_lines_further"],
            value,
        )


class LongInterfaceNameForTestingLayoutsClient:
    """Calls the commands of a module providing long_interface_name_for_testing_layouts,
    subscribes to its variables.

    What each command and variable means is documented on
    ``LongInterfaceNameForTestingLayoutsHandler`` and
    ``LongInterfaceNameForTestingLayoutsPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def a_command_with_a_rather_long_name_to_push_the_lines(
        self,
        the_first_argument_with_long_name: list[
            _longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes
        ],
        *,
        timeout: float | None = None,
    ) -> _longnames.Holder:
        """Call ``a_command_with_a_rather_long_name_to_push_the_lines``: see
        ``LongInterfaceNameForTestingLayoutsHandler.handle_a_command_with_a_rather_long_name_to_push_the_lines``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["a_command_with_a_rather_long_name_to_push_the_lines"],
            {"the_first_argument_with_long_name": the_first_argument_with_long_name},
            timeout,
        )
        return cast(_longnames.Holder, result)

    def subscribe_a_variable_with_a_rather_long_name_to_push_the_lines_further(
        self,
        callback: Callable[
            [list[_longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes]],
            Awaitable[None] | None,
        ],
    ) -> Subscription:
        """Call ``callback`` with every value published: see
        ``LongInterfaceNameForTestingLayoutsPublisher.publish_a_variable_with_a_rather_long_name_to_push_the_lines_further``.
        """
        return self._transport.subscribe(
            INTERFACE.variables["a_variable_with_a_rather_long_name_to_push_the_lines_further"],
            callback,
        )


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="long_interface_name_for_testing_layouts",
    commands={
        "a_command_with_a_rather_long_name_to_push_the_lines": CommandSpec(
            name="a_command_with_a_rather_long_name_to_push_the_lines",
            py_name="a_command_with_a_rather_long_name_to_push_the_lines",
            arguments=(
                ArgumentSpec(
                    name="the_first_argument_with_long_name",
                    py_name="the_first_argument_with_long_name",
                    adapter=TypeAdapter(
                        Annotated[
                            list[
                                _longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes
                            ],
                            Field(min_length=1, max_length=3),
                        ],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_longnames.Holder),
        ),
    },
    variables={
        "a_variable_with_a_rather_long_name_to_push_the_lines_further": VariableSpec(
            name="a_variable_with_a_rather_long_name_to_push_the_lines_further",
            py_name="a_variable_with_a_rather_long_name_to_push_the_lines_further",
            adapter=TypeAdapter(
                Annotated[
                    list[_longnames.AVeryLongTypeNameThatKeepsGoingOnAndOnForTestingPurposes],
                    Field(min_length=1, max_length=3),
                ],
                config=_DEFERRED,
            ),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
LongInterfaceNameForTestingLayoutsHandler.INTERFACE = INTERFACE
LongInterfaceNameForTestingLayoutsHandler.ERRORS = RAISABLE_ERRORS
LongInterfaceNameForTestingLayoutsPublisher.INTERFACE = INTERFACE
LongInterfaceNameForTestingLayoutsPublisher.ERRORS = RAISABLE_ERRORS
LongInterfaceNameForTestingLayoutsClient.INTERFACE = INTERFACE
LongInterfaceNameForTestingLayoutsClient.ERRORS = RAISABLE_ERRORS
