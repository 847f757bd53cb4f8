"""A signed firmware image's check, as EVerest's System module makes it (``openssl dgst -sha256
-verify``): the signature is base64 of the signature over the whole file, SHA-256, with the key
of the signing certificate (RSA PKCS#1 v1.5 or ECDSA). Whether that certificate chains to the
manufacturer root is checked before, by the OCPP side (evse_security ``verify_certificate``)."""

from __future__ import annotations

import base64
import binascii

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

__all__ = ["signature_valid"]


def signature_valid(image: bytes, signature: str, certificate_pem: str) -> bool:
    """True when ``signature`` (base64) signs ``image`` with the certificate's key."""
    # The System module writes both with `echo -e`: an escaped "\n" is a line break there too.
    pem = certificate_pem.replace("\\n", "\n").encode()
    try:
        raw = base64.b64decode("".join(signature.replace("\\n", "").split()), validate=True)
        key = x509.load_pem_x509_certificate(pem).public_key()
    except (ValueError, binascii.Error):
        return False
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(raw, image, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(raw, image, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except InvalidSignature:
        return False
    return True
