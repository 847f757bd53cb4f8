"""Power supply DC types

Generated from types/dc_external_derate.yaml. Do not edit: regenerate.
"""

from everest_py.runtime.contract import EverestModel, JsonNumber, Omittable
from pydantic import ConfigDict, Field


class ExternalDerating(EverestModel):
    """Derate DC power supply Capabilities from an external source."""

    model_config = ConfigDict(extra="forbid")

    max_export_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum current that the power supply can output in Ampere",
    )
    max_import_current_A: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum current that the power supply can sink in Ampere",
    )
    max_export_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum export power that the power supply can output in Watt",
    )
    max_import_power_W: Omittable[JsonNumber] = Field(
        default=None,
        description="Maximum import power that the power supply can sink in Watt",
    )
