#!/usr/bin/python3
"""Peer harness around zeep's WS-Security X.509 signatures (zeep.wsse.signature, on python3-xmlsec).

Reads JSON requests, one per line, on stdin and prints one JSON answer per line on stdout. Run with
Debian's /usr/bin/python3 (the one that has zeep, lxml and xmlsec).

  {"cmd": "version"}
  {"cmd": "sign", "variant": "binary"|"signature"|"memory", "key": PEM path, "cert": PEM path,
   "signature_method": "rsa-sha1"|"rsa-sha256"?, "digest_method": "sha1"|"sha256"?,
   "timestamp": bool?, "soap": "1.1"|"1.2"?, "envelope": str?}
      zeep.wsse.signature.BinarySignature / Signature / MemorySignature(...).apply(envelope, {})
      on an lxml SOAP envelope (zeep's own "hello from zeep" one unless "envelope" is given),
      serialized the way zeep sends it -> {"xml": str}. With "timestamp", a wsu:Timestamp is put in
      the wsse:Security header first (zeep signs a Timestamp it finds there).
  {"cmd": "verify", "xml": str, "cert": PEM path}
      zeep.wsse.signature.verify_envelope (what zeep's Signature.verify does on a response)
      -> {"ok": bool, "error": str|null}

An answer is either the result object or {"harnessError": "..."}.
"""

import datetime
import sys

import xmlsec
from lxml import etree

import zeep
from zeep.wsdl.utils import etree_to_string
from zeep.wsse import signature as zsig
from zeep.wsse import utils as zutils

SOAP_NS = {"1.1": "http://schemas.xmlsoap.org/soap/envelope/", "1.2": "http://www.w3.org/2003/05/soap-envelope"}
SIGNATURE_METHODS = {"rsa-sha1": xmlsec.Transform.RSA_SHA1, "rsa-sha256": xmlsec.Transform.RSA_SHA256}
DIGEST_METHODS = {"sha1": xmlsec.Transform.SHA1, "sha256": xmlsec.Transform.SHA256}


# One JSON-lines loop and error type for both zeep harnesses (this directory is on sys.path).
from zeep_peer import HarnessError, serve  # noqa: E402


def envelope(req):
    if req.get("envelope"):
        return etree.fromstring(req["envelope"].encode("utf-8"))
    env_ns = SOAP_NS.get(req.get("soap", "1.1"))
    if env_ns is None:
        raise HarnessError("soap must be 1.1 or 1.2")
    return etree.fromstring(
        (
            '<soap-env:Envelope xmlns:soap-env="%s">'
            '<soap-env:Body><ns0:echo xmlns:ns0="urn:wsbench:peer"><ns0:text>hello from zeep</ns0:text></ns0:echo>'
            "</soap-env:Body></soap-env:Envelope>" % env_ns
        ).encode("utf-8")
    )


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cmd_sign(req):
    doc = envelope(req)
    method = SIGNATURE_METHODS.get(req.get("signature_method", "rsa-sha1"))
    digest = DIGEST_METHODS.get(req.get("digest_method", "sha1"))
    if method is None or digest is None:
        raise HarnessError("unknown signature_method or digest_method")
    if req.get("timestamp"):
        # As zeep's documentation shows for UsernameToken: the caller builds the Timestamp.
        now = datetime.datetime.utcnow().replace(microsecond=0)
        ts = zutils.WSU.Timestamp()
        ts.extend(
            [
                zutils.WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%SZ")),
                zutils.WSU.Expires((now + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")),
            ]
        )
        zutils.get_security_header(doc).append(ts)
    variant = req.get("variant", "binary")
    if variant == "binary":
        plugin = zsig.BinarySignature(req["key"], req["cert"], None, method, digest)
    elif variant == "signature":
        plugin = zsig.Signature(req["key"], req["cert"], None, method, digest)
    elif variant == "memory":
        plugin = zsig.MemorySignature(read(req["key"]), read(req["cert"]), None, method, digest)
    else:
        raise HarnessError("variant must be binary, signature or memory")
    doc, _ = plugin.apply(doc, {})
    return {"xml": etree_to_string(doc).decode("utf-8")}


def cmd_verify(req):
    doc = etree.fromstring(req["xml"].encode("utf-8"))
    try:
        zsig.verify_envelope(doc, req["cert"])
        return {"ok": True, "error": None}
    except zsig.SignatureVerificationFailed as e:
        return {"ok": False, "error": "SignatureVerificationFailed %s" % e}
    except Exception as e:  # noqa: BLE001 - zeep failing on the input is a refusal, with its reason
        return {"ok": False, "error": "%s: %s" % (type(e).__name__, e)}


def cmd_version(req):
    return {"zeep": zeep.__version__, "xmlsec": xmlsec.__version__, "lxml": etree.__version__}


COMMANDS = {"sign": cmd_sign, "verify": cmd_verify, "version": cmd_version}


def main():
    return serve(COMMANDS)


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
