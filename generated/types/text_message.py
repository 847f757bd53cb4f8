"""Message to send, for example to show on a display

Generated from types/text_message.yaml. Do not edit: regenerate.
"""

from enum import StrEnum

from everest_py.runtime.contract import EverestModel, JsonString, Omittable
from pydantic import ConfigDict


class MessageFormat(StrEnum):
    """Format of the message to be displayed"""

    ASCII = "ASCII"
    HTML = "HTML"
    URI = "URI"
    UTF8 = "UTF8"
    QRCODE = "QRCODE"


class MessageContent(EverestModel):
    """Contains message details"""

    model_config = ConfigDict(extra="allow")

    format: Omittable[MessageFormat] = None
    language: Omittable[JsonString] = None
    content: JsonString
