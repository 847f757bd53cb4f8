"""Errors for PaymentTerminal

Generated from errors/payment_terminal.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class PaymentTerminalError(StrEnum):
    """Error types of payment_terminal, as EVerest puts them on the wire:
    ``payment_terminal/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    TerminalIdNotSet = "payment_terminal/TerminalIdNotSet"
    IncorrectDeviceId = "payment_terminal/IncorrectDeviceId"
    GenericPaymentTerminalError = "payment_terminal/GenericPaymentTerminalError"


DESCRIPTIONS: dict[PaymentTerminalError, str] = {
    PaymentTerminalError.TerminalIdNotSet: "The terminal identifier has not been set properly",
    PaymentTerminalError.IncorrectDeviceId: "The device id of the payment terminal is incorrect.",
    PaymentTerminalError.GenericPaymentTerminalError: "The terminal reported an error",
}
"""What each error of PaymentTerminalError means."""
