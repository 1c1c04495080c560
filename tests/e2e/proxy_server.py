"""The shipped nginx example (deploy/proxy/) rendered with a test's ports and a self-signed
certificate, and run as the test's own nginx process (loopback only). Also starts the
dashboard the way a server does, through `asiakastieto serve`.
Imported by tests as a plain module (tests dirs are not packages)."""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SHIPPED = PROJECT / "deploy" / "proxy" / "nginx-asiakastieto.conf"
STARTUP_SECONDS = 90
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        pytest.fail("nginx is missing: run `make nginx` to install Debian's nginx")
    return found


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1: (certificate, key) PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "proxy.pem", folder / "proxy.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


def render(upstream: int, https: int, http: int, cert: Path, key: Path) -> str:
    """The shipped site config with the test's ports and certificate; every replaced line must
    be in the shipped file (a changed example fails here, not silently)."""
    text = SHIPPED.read_text()
    replacements = {
        "server 127.0.0.1:8501;": f"server {HOST}:{upstream};",
        "listen 443 ssl;": f"listen {HOST}:{https} ssl;",
        "listen 80;": f"listen {HOST}:{http};",
        "listen [::]:443 ssl;": "",  # loopback only
        "listen [::]:80;": "",
        "/etc/ssl/certs/asiakastieto.example.fi.pem": str(cert),
        "/etc/ssl/private/asiakastieto.example.fi.key": str(key),
        "server_name asiakastieto.example.fi;": "server_name localhost;",
    }
    for old, new in replacements.items():
        assert old in text, f"{SHIPPED.name} no longer has {old!r}: update the test"
        text = text.replace(old, new)
    return text


def nginx_conf(folder: Path, site: Path) -> Path:
    """A minimal main config around the site file: every file nginx writes is in `folder`."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the test's 0700 folder
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} info;\ndaemon off;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n    include {site};\n}}\n")
    return conf


def https_context(cert: Path) -> ssl.SSLContext:
    """Trusts the test's certificate only: the proxy's TLS is verified, not skipped."""
    return ssl.create_default_context(cafile=str(cert))


def wait_healthy(url: str, process: subprocess.Popen, log: Path,
                 context: ssl.SSLContext | None = None) -> None:
    """Until `url` answers 200; fails the test with the log when the process exits first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[:4]} exited with {process.returncode}:\n"
                        f"{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    stop(process)
    pytest.fail(f"{url} not healthy in {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')}")


@dataclass
class Proxied:
    """A dashboard behind nginx: `url` is https://127.0.0.1:PORT, `http_url` the redirect."""
    url: str
    http_url: str
    cert: Path
    processes: list[subprocess.Popen]


def start(folder: Path, env_extra: dict[str, str]) -> Proxied:
    """`asiakastieto serve` on a loopback port, and nginx with the shipped config before it."""
    upstream, https, http = free_port(), free_port(), free_port()
    serve_log = folder / "serve.log"
    with serve_log.open("wb") as out:
        dashboard = subprocess.Popen(
            [sys.executable, "-m", "warehouse", "serve", "--port", str(upstream),
             "--address", HOST],
            cwd=PROJECT, env={**os.environ, **env_extra}, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
    wait_healthy(f"http://{HOST}:{upstream}/_stcore/health", dashboard, serve_log)
    cert, key = certificate(folder)
    site = folder / "asiakastieto.conf"
    site.write_text(render(upstream, https, http, cert, key))
    conf = nginx_conf(folder, site)
    nginx = nginx_binary()
    check = subprocess.run([nginx, "-t", "-p", str(folder), "-e", str(folder / "error.log"),
                            "-c", str(conf)], capture_output=True, text=True)
    if check.returncode:
        stop(dashboard)
        pytest.fail(f"nginx -t refused the rendered config:\n{check.stderr}")
    nginx_log = folder / "nginx.out"
    with nginx_log.open("wb") as out:
        proxy = subprocess.Popen(
            [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"https://{HOST}:{https}"
    wait_healthy(f"{url}/_stcore/health", proxy, folder / "error.log", https_context(cert))
    return Proxied(url, f"http://{HOST}:{http}", cert, [proxy, dashboard])


def stop(process: subprocess.Popen) -> None:
    """Ends the process and its group (serve's Streamlit child, nginx's worker): SIGTERM, and
    SIGKILL for whatever is left after the process itself ended or 10 s passed."""
    with contextlib.suppress(ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
