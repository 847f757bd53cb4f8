"""Time to generate the whole shared EVerest corpus, against datamodel-code-generator.

    python bench/bench_codegen.py [--runs 5] [--corpus ../shared/everest-core]

Prints the median of several runs of

- ``python -m everest_py.codegen generate`` as a user runs it (a fresh process, so
  interpreter start-up and imports are included), and the same pipeline
  called in-process;
- datamodel-code-generator (from PyPI) fed the corpus's type files as
  equivalent JSON Schema: the baseline, which only covers the types;
- EVerest's own generator, ev-cli (C++ headers for every type file and interface, clang-format
  off), run on the same corpus when an EVerest install has it (``EV_CLI=path``, else the
  ``/opt/everest-2026`` or ``/opt/everest`` that ``make everest-managers`` builds), alternating
  with our CLI run by run so that load from other work hits both alike; its schemas come from
  that install (``share/everest/schemas``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from everest_py.codegen.jsonschema_export import type_file_schema  # noqa: E402
from everest_py.codegen.pipeline import generate  # noqa: E402

EV_CLI_CANDIDATES = (Path("/opt/everest-2026"), Path("/opt/everest"))


# Both sides as installed by pip, which writes bytecode: a PYTHONDONTWRITEBYTECODE=1 in the
# environment would make every run of ours compile its modules from source again.
BYTECODE_ALLOWED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def find_ev_cli() -> tuple[Path, Path] | None:
    """(ev-cli, its schemas folder), from EV_CLI or a known install prefix."""
    explicit = os.environ.get("EV_CLI")
    prefixes = [Path(explicit).parents[2]] if explicit else list(EV_CLI_CANDIDATES)
    for prefix in prefixes:
        tool, schemas = prefix / "venv" / "bin" / "ev-cli", prefix / "share" / "everest" / "schemas"
        if tool.is_file() and schemas.is_dir():
            return tool, schemas
    return None


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def count_lines(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*.py") if "__pycache__" not in p.parts]
    return len(files), sum(len(p.read_text().splitlines()) for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "everest-core")
    args = parser.parse_args()
    corpus: Path = args.corpus
    work = Path(tempfile.mkdtemp(prefix="bench-codegen-"))
    try:
        out = work / "bindings"

        def cli() -> None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "everest_py.codegen",
                    "generate",
                    "--everest-dir",
                    str(corpus),
                    "--out",
                    str(out),
                    "-q",
                ],
                check=True,
                cwd=ROOT,
                stderr=subprocess.DEVNULL,
                env=BYTECODE_ALLOWED,
            )

        ev_cli = find_ev_cli()

        def reference() -> None:
            assert ev_cli is not None
            tool, schemas = ev_cli
            for kind in ("types", "interface"):
                subprocess.run(
                    [str(tool), kind, "generate-headers", "--everest-dir", str(corpus),
                     "--schemas-dir", str(schemas), "--disable-clang-format", "-f",
                     "-o", str(work / "ev-cli" / kind)],
                    check=True, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    env=BYTECODE_ALLOWED,
                )  # fmt: skip

        cli()  # warm-up: writes our .pyc files, as pip does at install time for ev-cli's
        if ev_cli is not None:
            reference()
        ours_times, ev_cli_times = [], []
        for _ in range(args.runs):  # interleaved: the same load for both
            ours_times.append(timed(cli))
            if ev_cli is not None:
                ev_cli_times.append(timed(reference))
        cli_seconds = statistics.median(ours_times)
        in_process = median_seconds(lambda: generate([corpus], out), args.runs)
        files, lines = count_lines(out)

        schema_dir = work / "schemas"
        schema_dir.mkdir()
        type_files = sorted((corpus / "types").glob("*.yaml"))
        for path in type_files:
            types = yaml.safe_load(path.read_text()).get("types") or {}
            (schema_dir / f"{path.stem}.json").write_text(
                json.dumps(type_file_schema(path.stem, types))
            )
        dcg_out = work / "dcg"
        dcg_bin = shutil.which("datamodel-codegen", path=str(Path(sys.executable).parent))

        def baseline() -> None:
            shutil.rmtree(dcg_out, ignore_errors=True)
            subprocess.run(
                [
                    str(dcg_bin), "--input", str(schema_dir), "--input-file-type", "jsonschema",
                    "--output", str(dcg_out), "--output-model-type", "pydantic_v2.BaseModel",
                    "--disable-timestamp",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip

        if dcg_bin is None:
            dcg_text = "not installed (pip install datamodel-code-generator)"
        else:
            dcg_seconds = median_seconds(baseline, args.runs)
            dcg_files, dcg_lines = count_lines(dcg_out)
            dcg_text = f"{dcg_seconds:8.3f} s   ({dcg_files} files, {dcg_lines} lines; types only)"
    finally:
        shutil.rmtree(work, ignore_errors=True)

    interfaces = len(list((corpus / "interfaces").glob("*.yaml")))
    errors = len(list((corpus / "errors").glob("*.yaml")))
    print(
        f"corpus: {corpus} ({interfaces} interfaces, {len(type_files)} type files, {errors} error files)"
    )
    print(f"median of {args.runs} runs")
    print(
        f"  codegen, CLI (fresh process)    {cli_seconds:8.3f} s   ({files} files, {lines} lines)"
    )
    print(f"  codegen, in-process             {in_process:8.3f} s")
    print(f"  datamodel-code-generator        {dcg_text}")
    if ev_cli_times:
        ev_cli_seconds = statistics.median(ev_cli_times)
        assert ev_cli is not None
        print(
            f"  EVerest ev-cli ({ev_cli[0]})  {ev_cli_seconds:8.3f} s   "
            f"(C++ headers, clang-format off; ours / ev-cli = {cli_seconds / ev_cli_seconds:.2f}, "
            f"runs {min(ev_cli_times):.2f}-{max(ev_cli_times):.2f} s, ours "
            f"{min(ours_times):.2f}-{max(ours_times):.2f} s)"
        )
    else:
        print("  EVerest ev-cli                  not found (make everest-managers builds it)")
    print(f"  target                          {2.0:8.3f} s")


if __name__ == "__main__":
    main()
