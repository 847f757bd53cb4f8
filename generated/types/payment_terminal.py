"""Types needed for payment terminal - bookkeeping bank transactions, card types

Generated from types/payment_terminal.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonString, Omittable
from pydantic import ConfigDict, Field


class BankSessionToken(EverestModel):
    """In some setups the unique token needs to be provided in the bank statement."""

    model_config = ConfigDict(extra="forbid")

    token: Omittable[JsonString] = Field(
        default=None,
        description="Arbitrary token string. Typically short string that is printable case "
        "insensitive ascii.",
    )


class BankTransactionSummary(EverestModel):
    """Summary of a bank transaction. Depends on bank and the backend. Therefore it's mostly
    opaque data at the moment."""

    model_config = ConfigDict(extra="forbid")

    session_token: Omittable[BankSessionToken] = Field(
        default=None,
        description="Token to identify the session. This token can be used to download the "
        "invoices.",
    )
    transaction_data: Omittable[JsonString] = Field(
        default=None,
        description="Arbitrary data that is needed to identify the transaction. This is mostly "
        "opaque data at the moment.",
    )
