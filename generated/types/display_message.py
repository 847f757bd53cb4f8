"""Message to show on a display

Generated from types/display_message.yaml. Do not edit: regenerate.
"""

from enum import StrEnum
from typing import Annotated

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field

from . import text_message as _text_message


class IdentifierType(StrEnum):
    """Types of identifiers"""

    IdToken = "IdToken"
    SessionId = "SessionId"
    TransactionId = "TransactionId"


class MessagePriorityEnum(StrEnum):
    """Priority of the message. AlwaysFront is the highest priority: The Charging Station SHALL
    show this message at the configured moment, regardless of other installed messages. Hence,
    it shall not cycle it with other messages and the Charging Station’s own message shall not
    override this message. When a newer message with this MessagePriority is received, this
    message is replaced. InFront: The Charging Station SHALL show this message at the
    configured moment, regardless of the normal cycle of messages. If there are multiple
    InFront message that must be shown at the same time, they must be cycled. NormalCycle:
    Show this message in the cycle of messages."""

    AlwaysFront = "AlwaysFront"
    InFront = "InFront"
    NormalCycle = "NormalCycle"


class MessageStateEnum(StrEnum):
    """During what state the message should be shown"""

    Charging = "Charging"
    Faulted = "Faulted"
    Idle = "Idle"
    Unavailable = "Unavailable"
    Suspending = "Suspending"
    Discharging = "Discharging"


class DisplayMessageStatusEnum(StrEnum):
    """Response on a display message request"""

    Accepted = "Accepted"
    NotSupportedMessageFormat = "NotSupportedMessageFormat"
    Rejected = "Rejected"
    NotSupportedPriority = "NotSupportedPriority"
    NotSupportedState = "NotSupportedState"
    UnknownTransaction = "UnknownTransaction"


class ClearMessageResponseEnum(StrEnum):
    """Response on a clear display message request"""

    Accepted = "Accepted"
    Unknown = "Unknown"


class DisplayMessage(EverestModel):
    """Message to show on a display"""

    model_config = ConfigDict(extra="forbid")

    id: Omittable[JsonInt] = Field(default=None, description="The message id")
    priority: Omittable[MessagePriorityEnum] = Field(
        default=None,
        description="Priority of the message. For OCPP 2.0.1, this is a required property. But as "
        "we also use this interface outside of ocpp, for other messages it is not "
        "required and if priority is not given, we assume it is the lowest priority, "
        "'NormalCycle'. When priority is 'AlwaysFront' and there already is a message "
        "with priority 'AlwaysFront', the last received message shall replace the "
        "already existing message.",
    )
    state: Omittable[MessageStateEnum] = Field(
        default=None,
        description="During what state should this message be shown. When omitted, this message "
        "should be shown in any state of the Charging Station",
    )
    timestamp_from: Omittable[JsonDateTime] = Field(
        default=None,
        description="From what date-time should this message be shown. If omitted: directly.",
    )
    timestamp_to: Omittable[JsonDateTime] = Field(
        default=None,
        description="Until what date-time should this message be shown, after this date/time this "
        "message SHALL be removed. If omitted, message can be shown 'forever' (until "
        "it is specifically removed).",
    )
    identifier_id: Omittable[Annotated[JsonString, Field(min_length=0, max_length=36)]] = Field(
        default=None,
        description="To which user / during which session shall this message be shown. User can be"
        " identified by id token (when the session did not start yet), session id or "
        "transaction id. identifier_type will hold the type of identifier_id (default "
        "session id). Message SHALL be removed by the Charging Station after session "
        "has ended. If omitted, message is not tight to a session.",
    )
    identifier_type: Omittable[IdentifierType] = Field(
        default=None,
        description="The type of 'identifier_id'. If omitted, type will be session id.",
    )
    message: _text_message.MessageContent = Field(description="The message to show")
    qr_code: Omittable[JsonString] = Field(
        default=None,
        description="QR Code to scan for more information.",
    )


class SetDisplayMessageResponse(EverestModel):
    """Response to the set display message request."""

    model_config = ConfigDict(extra="allow")

    status: DisplayMessageStatusEnum = Field(
        description="Whether the charging station is able to display the message",
    )
    status_info: Omittable[JsonString] = Field(
        default=None,
        description="Detailed status information",
    )


class GetDisplayMessageRequest(EverestModel):
    """Request display messages. The properties are filtered. If the properties are omitted,
    there will be no filter applied (if all properties are omitted, all stored display
    messages will be returned)."""

    model_config = ConfigDict(extra="allow")

    id: Omittable[list[JsonInt]] = Field(
        default=None,
        description="If provided the Charging Station shall return Display Messages of the given "
        "ids.",
    )
    priority: Omittable[MessagePriorityEnum] = Field(
        default=None,
        description="If provided the Charging Station shall return Display Messages with the given"
        " priority only.",
    )
    state: Omittable[MessageStateEnum] = Field(
        default=None,
        description="If provided the Charging Station shall return Display Messages with the given"
        " state only.",
    )


class GetDisplayMessageResponse(EverestModel):
    """Response on the 'get display message' request. Will return the requested display messages."""

    model_config = ConfigDict(extra="allow")

    status_info: Omittable[JsonString] = Field(
        default=None,
        description="Detailed status information",
    )
    messages: Omittable[list[DisplayMessage]] = Field(
        default=None,
        description="Requested messages, if any",
    )


class ClearDisplayMessageRequest(EverestModel):
    """Request to remove a specific display message."""

    model_config = ConfigDict(extra="allow")

    id: JsonInt = Field(
        description="Id of display message that should be removed from the charging station",
    )


class ClearDisplayMessageResponse(EverestModel):
    """Response on the clear display message request."""

    model_config = ConfigDict(extra="allow")

    status: ClearMessageResponseEnum
    status_info: Omittable[JsonString] = None
