"""Security for the OCPP 1.6-J charge point: security events with guaranteed delivery, the
local security log, and security profiles 0–3 (see the README, section Security)."""
