"""Errors a widget may raise

Generated from errors/widget.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class WidgetError(StrEnum):
    """Error types of widget, as EVerest puts them on the wire: ``widget/<Name>``.

    ``DESCRIPTIONS`` says what each one means.
    """

    Jammed = "widget/Jammed"
    Overheated = "widget/Overheated"


DESCRIPTIONS: dict[WidgetError, str] = {
    WidgetError.Jammed: "The widget is stuck",
    WidgetError.Overheated: "The widget is too hot",
}
"""What each error of WidgetError means."""
