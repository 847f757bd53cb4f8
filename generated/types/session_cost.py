"""Types to provide the session price

Generated from types/session_cost.yaml. Do not edit: regenerate.
"""

from enum import StrEnum

from everest_py.runtime.contract import EverestModel, JsonDateTime, JsonInt, JsonString, Omittable
from pydantic import ConfigDict, Field

from . import authorization as _authorization
from . import display_message as _display_message
from . import money as _money
from . import text_message as _text_message


class DefaultPrice(EverestModel):
    """The currently applicable default pricing text for this charger, independent of any active
    session. Contains human-readable text only — no computed cost amounts are included.
    Published once on startup and again whenever the applicable price changes (e.g. after a
    connectivity state change or a configuration update)."""

    model_config = ConfigDict(extra="forbid")

    messages: list[_text_message.MessageContent] = Field(
        description="Price text in one or more languages. The first entry uses the configured "
        "default language.",
    )


class TariffMessage(EverestModel):
    """Message containing cost information"""

    model_config = ConfigDict(extra="forbid")

    ocpp_transaction_id: Omittable[JsonString] = Field(
        default=None,
        description="Transaction id of ocpp.",
    )
    identifier_id: Omittable[JsonString] = Field(
        default=None,
        description="To which token this message is bound.",
    )
    identifier_type: Omittable[_display_message.IdentifierType] = Field(
        default=None,
        description="The type of 'identifier_id'. If omitted, type will be session id.",
    )
    messages: list[_text_message.MessageContent] = Field(
        description="Message with session price information to show the user.",
    )
    pre_authorized_amount: Omittable[_money.MoneyAmount] = Field(
        default=None,
        description="The pre-authorized amount used by the payment terminal. This amount will be "
        "reserved on the customer's bank account when a session is started with a bank"
        " card.",
    )


class IdlePrice(EverestModel):
    """Price components when idle"""

    model_config = ConfigDict(extra="forbid")

    grace_minutes: Omittable[JsonInt] = Field(
        default=None,
        description="Grace period in minutes before idle time is charged. Grace minutes start "
        "counting from the timestamp of the message in which state changed from "
        '"Charging" to "Idle".',
    )
    hour_price: Omittable[_money.Price] = Field(
        default=None,
        description="Price per hour while idle",
    )


class CostCategory(StrEnum):
    """Cost category"""

    Energy = "Energy"
    Time = "Time"
    FlatFee = "FlatFee"
    Other = "Other"


class ChargingPriceComponent(EverestModel):
    """Charging price for a category"""

    model_config = ConfigDict(extra="allow")

    category: Omittable[CostCategory] = Field(
        default=None,
        description="Component type for this charging price",
    )
    price: Omittable[_money.Price] = Field(default=None, description="Price for this component")


class NextPeriodPrice(EverestModel):
    """Pricing for the next period"""

    model_config = ConfigDict(extra="allow")

    timestamp_from: JsonDateTime = Field(description="Time when these prices become active.")
    charging_price: list[ChargingPriceComponent] = Field(
        description="Price components while charging",
    )
    idle_price: Omittable[IdlePrice] = Field(
        default=None,
        description="Price components while idle. Optional if no idle fee charged.",
    )


class SessionCostChunk(EverestModel):
    """A chunk of the session cost. The total cost of the session is the sum of all chunks."""

    model_config = ConfigDict(extra="forbid")

    timestamp_from: Omittable[JsonDateTime] = Field(
        default=None,
        description="Absolute timestamp for the start of this chunk in RFC3339 UTC format",
    )
    timestamp_to: Omittable[JsonDateTime] = Field(
        default=None,
        description="Absolute timestamp for the end of this chunk in RFC3339 UTC format",
    )
    metervalue_from: Omittable[JsonInt] = Field(
        default=None,
        description="Metervalue (energie Wh import) for the start of this chunk",
    )
    metervalue_to: Omittable[JsonInt] = Field(
        default=None,
        description="Metervalue (energie Wh import) for the end of this chunk",
    )
    cost: Omittable[_money.MoneyAmount] = Field(
        default=None,
        description="Cost of the energy (or other things like time, base price, ...)  consumed "
        "during this chunk in the currency specified in the session price",
    )
    category: Omittable[CostCategory] = Field(
        default=None,
        description="Cost category. Typically this is energy, time or a flat fee.",
    )


class SessionStatus(StrEnum):
    """Session status enum. Session can be running or finished. Costs of the running session are
    not final and can change."""

    Running = "Running"
    Idle = "Idle"
    Finished = "Finished"


class SessionCost(EverestModel):
    """Session cost object containing the total cost of the session and a list of chunks"""

    model_config = ConfigDict(extra="forbid")

    id_tag: Omittable[_authorization.ProvidedIdToken] = Field(
        default=None,
        description="The id tag assigned to this transaction",
    )
    session_id: JsonString = Field(description="The session id")
    currency: _money.Currency = Field(
        description="Currency of the session cost. It applies to all chunks.",
    )
    cost_chunks: Omittable[list[SessionCostChunk]] = Field(
        default=None,
        description="List of cost chunks. The total cost of the session is the sum of all chunks.",
    )
    idle_price: Omittable[IdlePrice] = Field(
        default=None,
        description="Prices for when the EV is idle.",
    )
    charging_price: Omittable[list[ChargingPriceComponent]] = Field(
        default=None,
        description="Charging prices.",
    )
    next_period: Omittable[NextPeriodPrice] = Field(
        default=None,
        description="Charging prices for the next period, starting from the given date/time",
    )
    status: SessionStatus = Field(
        description="Session status. Session can be running or finished. Costs of the running "
        "session are not final and can change. Only after the session is finished, the"
        " session cost can be committed to bank and/or backend.",
    )
    message: Omittable[list[_text_message.MessageContent]] = Field(
        default=None,
        description="Message to show to the user containing information about the price",
    )
    qr_code: Omittable[JsonString] = Field(
        default=None,
        description="QR Code with more information. For example when the charging is finished, to "
        "download the invoice from",
    )
