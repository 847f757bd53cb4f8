"""The MQTT transport, wire-compatible with EVerest modules on the same broker.

    transport.py      MqttTransport: wires the parts below together, routes incoming messages
    connection.py     the broker connection, reconnect with back-off, outbox
    session.py        one connection attempt: paho-mqtt driven by the asyncio loop (only paho user)
    serving.py        commands this module serves: call in, handler, result out
    calls.py          commands this module calls: call ids, pending calls, timeouts
    variables.py      variable values published and subscribed to
    topics.py         MQTT's rules for topic levels that come from peers

Topic layout and payload envelopes are EVerest's, in ``runtime/wire.py``.
"""

from .connection import QOS
from .transport import MqttClient, MqttPublisher, MqttTransport

__all__ = ["QOS", "MqttClient", "MqttPublisher", "MqttTransport"]
