"""python-xmlsec peer for test/peers/dsig*.peer.test.ts (run with Debian's /usr/bin/python3).

Reads JSON lines on stdin, one request each, and writes one JSON line per request:
  {"cmd": "sign", "xml": <document with a ds:Signature template>, "key": KEY}
      -> {"xml": <signed document>}   (the first ds:Signature in the document is signed)
  {"cmd": "verify", "xml": <signed document>, "key": KEY}
      -> {"ok": bool, "error": str|null}
KEY is {"type": "rsa-private" | "rsa-public", "pem": str} or {"type": "hmac", "b64": str}.
Every element carrying wsu:Id, Id, ID or AssertionID is registered as an ID first, which is what
libxmlsec needs to dereference "#id" URIs in a document without a DTD.
"""

import base64
import json
import sys

import xmlsec
from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
ID_ATTRS = [("Id", WSU), ("Id", None), ("ID", None), ("AssertionID", None)]


def load_key(spec):
    if spec["type"] == "hmac":
        return xmlsec.Key.from_binary_data(xmlsec.constants.KeyDataHmac, base64.b64decode(spec["b64"]))
    pem = spec["pem"].encode("ascii")
    return xmlsec.Key.from_memory(pem, xmlsec.constants.KeyDataFormatPem)


def context(root, key):
    ctx = xmlsec.SignatureContext()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, ns in ID_ATTRS:
            qualified = "{%s}%s" % (ns, name) if ns else name
            if qualified in el.attrib:
                ctx.register_id(el, name, ns)
    ctx.key = key
    return ctx


def handle(req):
    root = etree.fromstring(req["xml"].encode("utf-8"))
    sig = root.find(".//{%s}Signature" % DS)
    ctx = context(root, load_key(req["key"]))
    if req["cmd"] == "sign":
        ctx.sign(sig)
        return {"xml": etree.tostring(root, encoding="unicode")}
    try:
        ctx.verify(sig)
        return {"ok": True, "error": None}
    except xmlsec.Error as e:
        return {"ok": False, "error": str(e)}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(handle(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
