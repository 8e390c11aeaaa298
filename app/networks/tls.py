"""The TLS trust store every connection uses: the certifi bundle shipped with the app.

A frozen build carries its own bundle, so verification works the same on every machine.
"""

from __future__ import annotations

import functools
import ssl

import certifi


def ca_bundle_path() -> str:
    return certifi.where()


@functools.cache
def tls_context() -> ssl.SSLContext:
    """A verifying client context; raises OSError or ssl.SSLError when the bundle is unusable.

    Built once per process: loading the bundle takes ~0.1 s, and a context is safe to share
    between connections and threads (nothing changes it after this function)."""
    context = ssl.create_default_context(cafile=ca_bundle_path())
    if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
        raise ssl.SSLError("TLS context does not verify certificates")
    if context.cert_store_stats().get("x509_ca", 0) == 0:
        raise ssl.SSLError("no certificate authorities loaded")
    return context
