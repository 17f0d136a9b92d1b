"""The town reaches the hub over real TLS on 127.0.0.1, trusting only the county's CA file (an intranet
CA: the hub's certificate is signed by it, not by a public authority)."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from hub_helpers import TOWN_A, Hub

from desktop.sync import transport
from desktop.sync.transport import SyncError, Timeouts, Transport

QUICK = Timeouts(connect=5, read=10, attempts=3, backoff_base=0.01, backoff_cap=0.02)


def _certificates(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """A CA, and a certificate for 127.0.0.1 it signed: (ca.pem, server.pem, server.key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name} 县级中心 CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    ca_pem, server_pem, server_key = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    server_pem.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    server_key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_pem, server_pem, server_key


@pytest.fixture
def tls_hub(tmp_path: Path) -> object:
    ca, cert, key = _certificates(tmp_path / "county", "清溪")
    hub = Hub(str(tmp_path / "hub.db"), tls=(cert, key))
    hub.start()
    try:
        yield hub, ca
    finally:
        hub.close()


def test_a_town_trusting_the_county_ca_file_reaches_the_hub_over_tls(
    tls_hub: tuple[Hub, Path], tmp_path: Path
) -> None:
    hub, ca = tls_hub
    assert hub.url.startswith("https://")
    token = hub.add_town(TOWN_A, "清溪镇")
    with Transport(hub.url, token, ca_file=str(ca), timeouts=QUICK) as link:
        assert link.hello()["town"] == TOWN_A
    # A second link reuses the trust settings made for this file (loading a trust store costs 0.1-0.2 s
    # a round) and still verifies: the hub's certificate is checked on every connection.
    before = transport._tls_context.cache_info().hits
    with Transport(hub.url, token, ca_file=str(ca), timeouts=QUICK) as link:
        assert link.hello()["town"] == TOWN_A
    assert transport._tls_context.cache_info().hits == before + 1


def test_a_certificate_that_does_not_verify_is_named_and_not_retried(
    tls_hub: tuple[Hub, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hub, ca = tls_hub
    token = hub.add_town(TOWN_A, "清溪镇")
    # Without the county's CA the public trust store does not know the hub's certificate.
    with Transport(hub.url, token, timeouts=QUICK) as link, pytest.raises(SyncError) as refused:
        link.hello()
    assert "证书验证不通过" in str(refused.value) and "CA 证书文件" in str(refused.value)
    assert "trying again" not in caplog.text, "a certificate that failed once fails again: no retries"
    # Another CA replacing the file under the same name (a new mtime and size) is read again, not reused.
    other_ca, _, _ = _certificates(tmp_path / "other", "白沙镇白沙")
    ca.write_bytes(other_ca.read_bytes())
    with (
        Transport(hub.url, token, ca_file=str(ca), timeouts=QUICK) as link,
        pytest.raises(SyncError) as again,
    ):
        link.hello()
    assert "证书验证不通过" in str(again.value)
