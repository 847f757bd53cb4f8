"""Auth module types

Generated from types/reservation.yaml. Do not edit: regenerate.
"""

from enum import StrEnum

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field

from . import evse_manager as _evse_manager


class ReservationResult(StrEnum):
    """Data of a ReservationResult
      Accepted: Reservation has been made
      Faulted: Reservation has not been made, because evses / connectors or specified evse /
    connector are in a
               faulted state
      Occupied: Reservation has not been made. All evses or the specified evse / connector is
    occupied
      Rejected: Reservation has not been made. Charge Point is not configured to accept
    reservations
      Unavailable: Reservation has not been made, because evses or specified evse / connector
    are in an unavailable
                   state"""

    Accepted = "Accepted"
    Faulted = "Faulted"
    Occupied = "Occupied"
    Rejected = "Rejected"
    Unavailable = "Unavailable"


class Reservation(EverestModel):
    """Details on Reservation"""

    model_config = ConfigDict(extra="forbid")

    evse_id: Omittable[JsonInt] = Field(
        default=None,
        description="The id of the evse to be reserved. When dismissed means that the reservation "
        "is not for a specific evse",
    )
    reservation_id: JsonInt = Field(description="Id of the reservation")
    id_token: JsonString = Field(description="id token of the reservation")
    expiry_time: JsonDateTime = Field(
        description="Absolute UTC time point when reservation expires in RFC3339 format",
    )
    parent_id_token: Omittable[JsonString] = Field(default=None, description="parent_id")
    connector_type: Omittable[_evse_manager.ConnectorTypeEnum] = Field(
        default=None,
        description="The connector type to make a reservation for",
    )


class ReservationEndReason(StrEnum):
    """Reason for reservation end
      Expired: When the reservation expired before the reserved token was used for a session
      Cancelled: When the reservation was cancelled manually
      UsedToStartCharging: When the reservation ended because the reserved token was used for
    a session
      GlobalReservationRequirementDropped: When the reservation ended for that specific EVSE
    because there is a
                                           connector free and there are less reservations than
    available evse's
                                           (reservation is still there but it is not occupying
    this EVSE anymore)."""

    Expired = "Expired"
    Cancelled = "Cancelled"
    UsedToStartCharging = "UsedToStartCharging"
    GlobalReservationRequirementDropped = "GlobalReservationRequirementDropped"


class ReservationEnd(EverestModel):
    """Details on Reservation End"""

    model_config = ConfigDict(extra="forbid")

    reason: ReservationEndReason = Field(description="Reason why reservation ends")
    reservation_id: JsonInt = Field(description="reservation_id")


class ReservationCheckStatus(StrEnum):
    """The reservation status of an evse id. NotReserved: There is no reservation for the given
    evse id. NotReservedForToken: There is a reservation for the given evse id, but not for
    this token. ReservedForOtherToken: Reserved for other token and reservation has no parent
    token or parent token does not match. ReservedForOtherTokenAndHasParentToken: There is a
    reservation for another id token, but the reservation also has
                                            a group id token (which was not given when calling
    this function)."""

    NotReserved = "NotReserved"
    ReservedForToken = "ReservedForToken"
    ReservedForOtherToken = "ReservedForOtherToken"
    ReservedForOtherTokenAndHasParentToken = "ReservedForOtherTokenAndHasParentToken"


class ReservationCheck(EverestModel):
    """Check for a reserved token"""

    model_config = ConfigDict(extra="forbid")

    evse_id: Omittable[JsonInt] = Field(
        default=None,
        description="The id of the evse to check. When it is dismissed, it means that the "
        "reservation is not for a specific evse.",
    )
    id_token: JsonString = Field(description="The id token to check the reservation for.")
    group_id_token: Omittable[JsonString] = Field(
        default=None,
        description="The group / parent id token to check the reservation for. If id_token is set "
        "and group_id_token as well, and id_token is incorrect, the group_id_token "
        "will be checked. If that one is correct, there is a reservation made for this"
        " group id token.",
    )


class ReservationUpdateStatusReservationStatus(StrEnum):
    """The reservation status"""

    Expired = "Expired"
    Removed = "Removed"
    Placed = "Placed"
    Cancelled = "Cancelled"
    Used = "Used"


class ReservationUpdateStatus(EverestModel):
    """Status of a reservation"""

    model_config = ConfigDict(extra="forbid")

    reservation_id: JsonInt = Field(description="The reservation id")
    reservation_status: ReservationUpdateStatusReservationStatus = Field(
        description="The reservation status",
    )
