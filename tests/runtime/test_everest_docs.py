"""docs/everest.md shows the config YAML that make test-everest runs, verbatim."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_documented_config_is_the_tested_file() -> None:
    doc = (ROOT / "docs" / "everest.md").read_text()
    config = (ROOT / "examples" / "everest-config.yaml").read_text()
    assert f"```yaml\n{config}```" in doc
