"""Errors a widget may raise

Generated from errors/widget.yaml. Do not edit: regenerate.
"""

from enum import StrEnum


class WidgetError(StrEnum):
    """Errors a widget may raise

    Each value is the error type as EVerest puts it on the wire: ``widget/<Name>``.
    """

    Jammed = "widget/Jammed"
    """The widget is stuck"""
    Overheated = "widget/Overheated"
    """The widget is too hot"""


DESCRIPTIONS: dict[WidgetError, str] = {
    WidgetError.Jammed: "The widget is stuck",
    WidgetError.Overheated: "The widget is too hot",
}
