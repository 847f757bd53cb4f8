"""Example group of errors used by example modules to demonstrate error handling

Generated from errors/example.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class ExampleError(StrEnum):
    """Error types of example, as EVerest puts them on the wire: ``example/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    ExampleErrorA = "example/ExampleErrorA"
    ExampleErrorB = "example/ExampleErrorB"
    ExampleErrorC = "example/ExampleErrorC"
    ExampleErrorD = "example/ExampleErrorD"


DESCRIPTIONS: dict[ExampleError, str] = {
    ExampleError.ExampleErrorA: "Example error A",
    ExampleError.ExampleErrorB: "Example error B",
    ExampleError.ExampleErrorC: "Example error C",
    ExampleError.ExampleErrorD: "Example error D",
}
"""What each error of ExampleError means."""
