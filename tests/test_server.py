"""The scheduled path for real: `prefect server start` on a loopback port, a process work
pool, `prefect deploy` of the repository's prefect.yaml, a process worker, and two runs of
the deployment with parameters pointing at temporary folders.

Everything runs in its own process group under a temporary PREFECT_HOME and is killed at
the end, pass or fail. Nothing listens beyond 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quotewire.ops.commands import stop_group
from quotewire.settings import PREFECT_DEFAULTS

from .conftest import PYTHONPATH, REPO, SAMPLE_INPUT, impossible_suites, processes_with_env

pytestmark = pytest.mark.slow

DEPLOYMENT = "build-dataset/daily-news"
POOL = "quotewire-process"
RUN_TIMEOUT_S = 240.0
SERVER_TIMEOUT_S = 120.0
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    api_url: str
    env: dict[str, str]
    logs: Path

    def cli(self, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
        """Run `prefect ARGS` with the venv's interpreter, from the repository root
        (where prefect.yaml is), against this server."""
        proc = subprocess.run(
            [sys.executable, "-m", "prefect", *args],
            cwd=REPO, env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        assert proc.returncode == 0, f"prefect {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
        return proc

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(self.api_url + path, timeout=10) as resp:  # noqa: S310 (loopback)
            return json.loads(resp.read())

    def post(self, path: str, body: dict) -> list | dict:
        req = urllib.request.Request(
            self.api_url + path, data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (loopback)
            return json.loads(resp.read())

    def tail(self) -> str:
        return "\n".join(
            f"--- {p.name} (last 4000 chars)\n{p.read_text(errors='replace')[-4000:]}"
            for p in sorted(self.logs.glob("*.log"))
        )


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    # A new session makes the process the leader of its own group, so killpg reaches the
    # server's uvicorn children and the worker's flow-run subprocesses too.
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("prefect")
    logs = home / "logs"
    logs.mkdir()
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        **PYTHONPATH,
        **PREFECT_DEFAULTS,
        "HOME": str(home),
        "PREFECT_HOME": str(home / "prefect-home"),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_CLI_PROMPT": "false",
        # Poll often so a triggered run starts within seconds, not the default 15.
        "PREFECT_WORKER_QUERY_SECONDS": "2",
        "QUOTEWIRE_HOME": str(REPO),
        # The validation service is on (its default) and its folder known: runs the worker
        # starts must still validate in their own process and start no service.
        "QUOTEWIRE_RUNTIME_DIR": str(home / "runtime"),
    }
    procs = []
    srv = Server(api_url, env, logs)
    try:
        procs.append(_start(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env, logs / "server.log",
        ))
        deadline = time.monotonic() + SERVER_TIMEOUT_S
        while True:
            try:
                srv.get("/health")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                assert procs[0].poll() is None, "prefect server exited\n" + srv.tail()
                assert time.monotonic() < deadline, "prefect server did not answer\n" + srv.tail()
                time.sleep(0.5)
        srv.cli("work-pool", "create", POOL, "--type", "process")
        srv.cli("deploy", "--all", timeout=180)
        procs.append(_start(
            [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--type", "process"],
            env, logs / "worker.log",
        ))
        yield srv
    finally:
        for proc in reversed(procs):
            stop_group(proc)
        leftovers = [p.pid for p in procs if _group_alive(p.pid)]
        assert not leftovers, f"process groups still alive: {leftovers}"
        assert not processes_with_env(f"PREFECT_HOME={env['PREFECT_HOME']}")


def _trigger(server: Server, *params: str, job_env: dict[str, str] | None = None) -> str:
    args = ["deployment", "run", DEPLOYMENT]
    for p in params:
        args += ["--param", p]
    if job_env:
        args += ["--job-variable", f"env={json.dumps(job_env)}"]
    out = server.cli(*args).stdout
    match = _UUID.search(out.split("UUID", 1)[-1])
    assert match, out
    return match.group(0)


def _wait_terminal(server: Server, flow_run_id: str) -> dict:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        run = server.get(f"/flow_runs/{flow_run_id}")
        if (run.get("state") or {}).get("type") in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
            return run
        time.sleep(1)
    raise AssertionError(f"flow run {flow_run_id} not finished after {RUN_TIMEOUT_S:.0f} s\n" + server.tail())


def test_deployment_keeps_the_daily_schedule(server: Server) -> None:
    dep = server.get(f"/deployments/name/{DEPLOYMENT}")
    crons = [(s["schedule"].get("cron"), s["schedule"].get("timezone")) for s in dep["schedules"]]
    assert crons == [("0 6 * * *", "UTC")]
    assert dep["work_pool_name"] == POOL
    assert dep["parameters"]["inputs"] == ["data/raw"]
    # The pull step names the repository recorded at deploy time, not an unset variable.
    assert dep["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO.resolve())}}
    ]


def test_triggered_run_publishes_a_version(server: Server, tmp_path: Path) -> None:
    inputs = tmp_path / "raw"
    shutil.copytree(SAMPLE_INPUT, inputs)
    root = tmp_path / "datasets"
    run_id = _trigger(server, f"inputs={json.dumps([str(inputs)])}", f"root={json.dumps(str(root))}", "batch_size=2")
    run = _wait_terminal(server, run_id)
    assert run["state"]["type"] == "COMPLETED", json.dumps(run["state"], indent=1) + "\n" + server.tail()
    assert (root / "news" / "LATEST").read_text().strip() == "v0001"
    manifest = json.loads((root / "news" / "v0001" / "_manifest.json").read_text())
    assert manifest["tables"]["articles"]["rows"] >= 4
    assert manifest["validation"]["success"] is True
    # Under a worker no validation service is started: no socket, no lock, no log.
    runtime = Path(server.env["QUOTEWIRE_RUNTIME_DIR"])
    assert not runtime.exists() or not list(runtime.glob("validator-*")), sorted(runtime.iterdir())
    assert not (root / "_logs").exists()
    # The run's markdown summary was recorded on the server.
    artifacts = server.post("/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
    summary = next(a["data"] for a in artifacts if a["type"] == "markdown")
    assert "| statements |" in summary and "Validation: passed" in summary and "v0001" in summary


def test_failed_validation_fails_the_run_and_names_the_quarantine(server: Server, tmp_path: Path) -> None:
    # A copy of the suites with one impossible critical expectation: the build must refuse.
    suites = impossible_suites(tmp_path / "expectations")
    root = tmp_path / "datasets"
    run_id = _trigger(
        server, f"inputs={json.dumps([str(SAMPLE_INPUT)])}", f"root={json.dumps(str(root))}",
        job_env={"QUOTEWIRE_EXPECTATIONS": str(suites)},
    )
    run = _wait_terminal(server, run_id)
    state = run["state"]
    assert state["type"] == "FAILED", json.dumps(state, indent=1) + "\n" + server.tail()
    quarantined = list((root / "news" / "_quarantine").iterdir())
    assert len(quarantined) == 1
    assert str(quarantined[0]) in state["message"] and "validation failed" in state["message"]
    assert not (root / "news" / "LATEST").exists()


def test_quotewire_serve_deploys_and_stops_cleanly(tmp_path: Path) -> None:
    """`make serve` runs `quotewire serve`: server, pool, deployment, worker; Ctrl-C (SIGINT
    to the command alone) must stop everything it started."""
    port = _free_port()
    home = tmp_path / "prefect-home"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        **PYTHONPATH,
        **PREFECT_DEFAULTS,
        "HOME": str(tmp_path),
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "2",
        "QUOTEWIRE_HOME": str(REPO),
        # Builds validate in their own process: no validation service outlives the test.
        "QUOTEWIRE_VALIDATOR_IDLE_SECONDS": "0",
    }
    srv = Server(f"http://127.0.0.1:{port}/api", env, tmp_path)
    log = tmp_path / "serve.log"
    proc = _start([sys.executable, "-m", "quotewire.ops.cli", "serve", "--port", str(port)], env, log)
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT_S + 60
        workers: list = []
        while not workers:
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "serve did not come up\n" + log.read_text(errors="replace")
            time.sleep(1)
            try:
                dep = srv.get(f"/deployments/name/{DEPLOYMENT}")
                workers = srv.post(f"/work_pools/{POOL}/workers/filter", {})  # type: ignore[assignment]
            except (urllib.error.URLError, OSError):
                continue
        assert [s["schedule"]["cron"] for s in dep["schedules"]] == ["0 6 * * *"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0, log.read_text(errors="replace")
        assert "UI http://127.0.0.1:" in log.read_text(errors="replace")
        assert not processes_with_env(f"PREFECT_HOME={home}"), log.read_text(errors="replace")
        with pytest.raises((urllib.error.URLError, OSError)):
            srv.get("/health")
    finally:
        stop_group(proc)
        for pid in processes_with_env(f"PREFECT_HOME={home}"):
            os.kill(pid, signal.SIGKILL)
