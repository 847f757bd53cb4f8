"""Hypothesis settings for the property tests: modest example counts (the plain suite stays
fast), no per-example deadline (the machine is shared; speed claims live in bench/)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "everest",
    max_examples=60,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("everest")
