from tests.runtime.transports import new_transport
from tests.support.mosquitto import mosquitto_broker

__all__ = ["mosquitto_broker", "new_transport"]
