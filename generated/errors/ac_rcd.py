"""Errors for AC RCD
MREC error code should be triggered in parallel with the more fine grained non-standardized
AC/DC errors.
All error codes that begin with MREC needs to be implemented to fulfill the Minimum Required
Error Codes defined by the ChargeX consortium:
https://inl.gov/content/uploads/2023/07/ChargeX_MREC_Rev5_09.12.23.pdf

Generated from errors/ac_rcd.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class AcRcdError(StrEnum):
    """Error types of ac_rcd, as EVerest puts them on the wire: ``ac_rcd/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    Selftest = "ac_rcd/Selftest"
    DC = "ac_rcd/DC"
    AC = "ac_rcd/AC"
    MREC2GroundFailure = "ac_rcd/MREC2GroundFailure"
    VendorError = "ac_rcd/VendorError"
    VendorWarning = "ac_rcd/VendorWarning"


DESCRIPTIONS: dict[AcRcdError, str] = {
    AcRcdError.Selftest: "The Selftest failed, device permanently broken",
    AcRcdError.DC: "RCD was triggered by a DC fault",
    AcRcdError.AC: "RCD was triggered by an AC fault",
    AcRcdError.MREC2GroundFailure: "MREC compliant fault code",
    AcRcdError.VendorError: "Vendor specific error code. Will stop charging session.",
    AcRcdError.VendorWarning: "Vendor specific error code. Charging may continue.",
}
"""What each error of AcRcdError means."""
