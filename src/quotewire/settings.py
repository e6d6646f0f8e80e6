"""Every knob of quotewire in one frozen object: command-line flags over environment
variables over defaults. ``from_env`` is the only reader of ``os.environ`` for quotewire's
knobs (the README's "Settings" table lists them all); the command line adds its flags with
``dataclasses.replace``. It imports nothing of quotewire: every layer may import it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path


# Where datasets go, and under which name, unless a flag says otherwise.
DEFAULT_ROOT = "data/datasets"
DEFAULT_DATASET = "news"

# The checkout this module lives in (src/quotewire/settings.py -> the repository).
CHECKOUT = Path(__file__).resolve().parents[2]

ENGINES = ("auto", "prefect", "local")
DEBUG_ENV = "QUOTEWIRE_DEBUG"

# Set for every Prefect process quotewire starts or runs in, unless the environment says
# otherwise: telemetry off (Prefect's server and great_expectations phone home without
# these), and room for a slow temporary server start on a loaded machine. The one copy:
# the CLI, `quotewire serve`, the flow and the tests apply it; the Makefile exports the
# same values for the `make` commands.
PREFECT_DEFAULTS: Mapping[str, str] = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


@dataclass(frozen=True)
class Settings:
    """What a command runs with. Build-shaped fields (root ... engine) come from flags;
    the rest from the environment, each named in the README's table."""

    root: str = DEFAULT_ROOT
    dataset: str = DEFAULT_DATASET
    batch_size: int = 1000
    workers: int = 0  # extraction processes; 0: one per core
    use_cache: bool = True
    max_bytes: int = 20 * 1024 * 1024  # = sources.DEFAULT_MAX_BYTES (a test holds them equal)
    legacy_encoding: str = "cp1252"
    dask_address: str | None = None
    engine: str = "auto"
    verbose: bool = False
    # QUOTEWIRE_DEBUG: tracebacks of faults, which are one line otherwise.
    debug: bool = False
    # QUOTEWIRE_EXPECTATIONS: the folder of expectation suites (the quality gate).
    expectations_dir: Path = CHECKOUT / "expectations"
    # QUOTEWIRE_VALIDATOR_IDLE_SECONDS: the validation service's idle timeout; 0 is off.
    validator_idle_s: float = 600.0
    # QUOTEWIRE_VALIDATOR_TIMEOUT_SECONDS: how long a build waits for the service's answer.
    validator_timeout_s: float = 900.0
    # QUOTEWIRE_RUNTIME_DIR, else XDG_RUNTIME_DIR/quotewire: the services' private folder.
    runtime_dir: Path = Path(tempfile.gettempdir()) / f"quotewire-{os.getuid()}"
    # QUOTEWIRE_HOME: the repository with prefect.yaml and flows/ (serve, the worker).
    home: Path = CHECKOUT
    # PREFECT_API_URL: the Prefect API builds record their runs on (engine auto -> prefect).
    prefect_api_url: str | None = None
    # PREFECT__FLOW_RUN_ID, set by Prefect for a run a worker started: no service is spawned.
    under_prefect_worker: bool = False

    @property
    def flows_dir(self) -> Path:
        return self.home / "flows"

    @property
    def validator_service(self) -> bool:
        """True when builds may hand validation to the shared validation service: it is on,
        and this is not a run started by a Prefect worker (a scheduled run is a fresh
        process once a day; a service would idle out unused)."""
        return self.validator_idle_s > 0 and not self.under_prefect_worker

    def resolved_engine(self) -> tuple[str, str]:
        """(engine, why): ``auto`` is ``prefect`` when a Prefect API is configured (runs are
        recorded where the scheduled ones are), else ``local`` (no server to start for a
        run nobody will look up)."""
        if self.engine != "auto":
            return self.engine, "asked for with --engine"
        if self.prefect_api_url:
            return "prefect", f"PREFECT_API_URL is {self.prefect_api_url}"
        return "local", "no PREFECT_API_URL; --engine prefect records the run on Prefect's temporary server"


def _flag(raw: str | None) -> bool:
    return (raw or "").strip() not in ("", "0", "false", "no")


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A non-negative number of seconds; refuses (ValueError naming the variable) text."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return max(0.0, float(raw))
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number of seconds") from None


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """The settings the environment gives (``os.environ`` by default), flags at their
    defaults. Refuses (ValueError) a timeout that is not a number."""
    env = os.environ if env is None else env
    runtime = env.get("QUOTEWIRE_RUNTIME_DIR") or (
        str(Path(env["XDG_RUNTIME_DIR"]) / "quotewire") if env.get("XDG_RUNTIME_DIR") else None
    )
    defaults = Settings()
    return Settings(
        debug=_flag(env.get(DEBUG_ENV)),
        expectations_dir=Path(env["QUOTEWIRE_EXPECTATIONS"]) if env.get("QUOTEWIRE_EXPECTATIONS") else defaults.expectations_dir,
        validator_idle_s=_seconds(env, "QUOTEWIRE_VALIDATOR_IDLE_SECONDS", defaults.validator_idle_s),
        validator_timeout_s=_seconds(env, "QUOTEWIRE_VALIDATOR_TIMEOUT_SECONDS", defaults.validator_timeout_s),
        runtime_dir=Path(runtime) if runtime else defaults.runtime_dir,
        home=Path(env.get("QUOTEWIRE_HOME") or defaults.home).resolve(),
        prefect_api_url=env.get("PREFECT_API_URL") or None,
        under_prefect_worker=bool(env.get("PREFECT__FLOW_RUN_ID")),
    )


def apply_prefect_defaults(env: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """``PREFECT_DEFAULTS`` for each variable ``env`` does not set; returns ``env``."""
    for key, value in PREFECT_DEFAULTS.items():
        env.setdefault(key, value)
    return env
