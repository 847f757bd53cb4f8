from tests.support.mosquitto import mosquitto_broker

__all__ = ["mosquitto_broker"]
