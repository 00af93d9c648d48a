#!/usr/bin/python3
"""Peer harness around zeep (python3-zeep): its WS-Security UsernameToken.

Reads JSON requests, one per line, on stdin and prints one JSON answer per line on stdout.
Run with Debian's /usr/bin/python3 (the one that has zeep, lxml and xmlsec).

Requests ("cmd" selects the operation; add new ones to COMMANDS):

  {"cmd": "version"}
  {"cmd": "make", "username": str, "password": str, "use_digest": bool,
   "nonce_b64": str?, "created": str?, "timestamp": bool?, "zulu": bool?, "soap": "1.1"|"1.2"?}
      zeep.wsse.username.UsernameToken(...).apply(envelope, headers) on an lxml SOAP envelope,
      serialized the way zeep sends it -> {"xml": str}
  {"cmd": "digest", "nonce_b64": str, "created": str, "password": str}
      the PasswordDigest zeep computes for exactly those inputs -> {"digest", "nonce_b64", "created"}

An answer is either the result object or {"harnessError": "..."}; the process exits 0 unless its
own input could not be read.
"""

import base64
import datetime
import json
import os
import sys
import traceback
from unittest import mock

from lxml import etree

import zeep
from zeep import ns
from zeep.wsdl.utils import etree_to_string
from zeep.wsse import username as zeep_username
from zeep.wsse import utils as zeep_utils

SOAP_NS = {"1.1": "http://schemas.xmlsoap.org/soap/envelope/", "1.2": "http://www.w3.org/2003/05/soap-envelope"}
UT_PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"


class HarnessError(Exception):
    pass


def envelope(soap="1.1"):
    env_ns = SOAP_NS.get(soap)
    if env_ns is None:
        raise HarnessError("soap must be 1.1 or 1.2")
    return etree.fromstring(
        (
            '<soap-env:Envelope xmlns:soap-env="%s">'
            "<soap-env:Body><ns0:echo xmlns:ns0=\"urn:wsbench:peer\"><ns0:text>hello from zeep</ns0:text></ns0:echo>"
            "</soap-env:Body></soap-env:Envelope>" % env_ns
        ).encode("utf-8")
    )


def parse_created(text):
    """A datetime zeep formats back to exactly `text` (zeep drops sub-seconds and uses UTC)."""
    zulu = text.endswith("Z")
    iso = text[:-1] + "+00:00" if zulu else text
    try:
        dt = datetime.datetime.fromisoformat(iso)
    except ValueError as e:
        raise HarnessError("created is not an ISO dateTime: %s" % text) from e
    if dt.tzinfo is not None:
        dt = dt.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    back = zeep_utils.get_timestamp(dt, zulu)
    if back != text:
        raise HarnessError("zeep cannot produce created %r (it would write %r)" % (text, back))
    return dt, zulu


def token_for(req):
    """Builds zeep's UsernameToken and returns (token, patch) where patch fixes the random nonce."""
    kwargs = {"use_digest": bool(req.get("use_digest"))}
    patch = None
    if req.get("nonce_b64") is not None:
        nonce = base64.b64decode(req["nonce_b64"], validate=True)
        try:
            text = nonce.decode("utf-8")
        except UnicodeDecodeError:
            text = ""
        if text:
            # zeep's own parameter: a text nonce, which it encodes as UTF-8 (round-trips exactly).
            kwargs["nonce"] = text
        else:
            # Arbitrary bytes: zeep takes its nonce from os.urandom(16); feed it ours.
            patch = mock.patch.object(zeep_username.os, "urandom", lambda n: nonce)
    if req.get("created") is not None:
        dt, zulu = parse_created(req["created"])
        kwargs["created"] = dt
        kwargs["zulu_timestamp"] = zulu
    elif req.get("zulu") is not None:
        kwargs["zulu_timestamp"] = bool(req["zulu"])
    if req.get("timestamp"):
        # zeep does not build a Timestamp itself; its docs show the caller passing one in.
        now = datetime.datetime.utcnow().replace(microsecond=0)
        ts = zeep_utils.WSU.Timestamp()
        ts.extend(
            [
                zeep_utils.WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%SZ")),
                zeep_utils.WSU.Expires((now + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")),
            ]
        )
        kwargs["timestamp_token"] = ts
    token = zeep_username.UsernameToken(req["username"], req["password"], **kwargs)
    return token, patch


def apply_token(req):
    token, patch = token_for(req)
    doc = envelope(req.get("soap", "1.1"))
    headers = {}
    if patch is not None:
        with patch:
            doc, headers = token.apply(doc, headers)
    else:
        doc, headers = token.apply(doc, headers)
    return doc


def cmd_make(req):
    doc = apply_token(req)
    return {"xml": etree_to_string(doc).decode("utf-8")}


def cmd_digest(req):
    for k in ("nonce_b64", "created", "password"):
        if k not in req:
            raise HarnessError("digest needs %s" % k)
    doc = apply_token(
        {
            "username": req.get("username", "user"),
            "password": req["password"],
            "use_digest": True,
            "nonce_b64": req["nonce_b64"],
            "created": req["created"],
        }
    )
    ut = doc.find(".//{%s}UsernameToken" % ns.WSSE)
    password = ut.find("{%s}Password" % ns.WSSE)
    nonce = ut.find("{%s}Nonce" % ns.WSSE)
    created = ut.find("{%s}Created" % ns.WSU)
    if password.get("Type") != UT_PROFILE + "#PasswordDigest":
        raise HarnessError("zeep did not write a PasswordDigest")
    return {"digest": password.text, "nonce_b64": nonce.text, "created": created.text}


def cmd_version(req):
    return {"zeep": zeep.__version__, "lxml": etree.__version__, "python": sys.version.split()[0]}


COMMANDS = {"make": cmd_make, "digest": cmd_digest, "version": cmd_version}


def serve(commands):
    """Answers one JSON request per stdin line with one JSON line, until stdin closes."""
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            fn = commands.get(req.get("cmd"))
            if fn is None:
                raise HarnessError("unknown cmd %r" % req.get("cmd"))
            answer = fn(req)
        except Exception as e:  # noqa: BLE001 - every failure becomes a harnessError answer
            traceback.print_exc(file=sys.stderr)
            answer = {"harnessError": "%s: %s" % (type(e).__name__, e)}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def main():
    return serve(COMMANDS)


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main())
