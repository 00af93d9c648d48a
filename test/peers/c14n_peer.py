"""Peer canonicalizer for test/peers/c14n.peer.test.ts.

Reads {"cases": [{"key", "xml", "id"?, "prefixes"?}], "xmlsec": bool} as JSON on stdin and
writes {key: {"lxml": {variant: text}, "xmlsec": {variant: text}}} as JSON on stdout, where the
variants are exc, excComments, inc, incComments.

lxml: etree.tostring(..., method="c14n") of the element with that Id (or of the whole document).
xmlsec1: the same document with a ds:Signature appended to the document element, one Reference per
variant whose Transforms are enveloped-signature then the c14n algorithm; `--store-references
--print-debug` prints each reference's pre-digest bytes, which are exactly the canonical form.
"""

import json
import os
import subprocess
import sys
import tempfile

from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
EC = "http://www.w3.org/2001/10/xml-exc-c14n#"
ALGOS = {
    "exc": "http://www.w3.org/2001/10/xml-exc-c14n#",
    "excComments": "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
    "inc": "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "incComments": "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
}
START = b"== PreDigest data - start buffer:\n"
END = b"\n== PreDigest data - end buffer"


def find_by_id(root, ident):
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.split("}")[-1] in ("Id", "ID") and value == ident:
                return el
    raise KeyError(ident)


def lxml_variants(case):
    root = etree.fromstring(case["xml"].encode("utf-8"))
    target = find_by_id(root, case["id"]) if case.get("id") else root.getroottree()
    prefixes = case.get("prefixes") or None
    out = {}
    for key in ALGOS:
        exclusive = key.startswith("exc")
        data = etree.tostring(
            target,
            method="c14n",
            exclusive=exclusive,
            with_comments=key.endswith("Comments"),
            inclusive_ns_prefixes=prefixes if exclusive else None,
        )
        out[key] = data.decode("utf-8")
    return out


def reference(key, case):
    ident = case.get("id")
    comments = key.endswith("Comments")
    if ident:
        uri = "#xpointer(id('%s'))" % ident if comments else "#" + ident
    else:
        uri = "#xpointer(/)" if comments else ""
    ref = etree.Element("{%s}Reference" % DS, URI=uri)
    transforms = etree.SubElement(ref, "{%s}Transforms" % DS)
    etree.SubElement(transforms, "{%s}Transform" % DS, Algorithm=DS + "enveloped-signature")
    transform = etree.SubElement(transforms, "{%s}Transform" % DS, Algorithm=ALGOS[key])
    if key.startswith("exc") and case.get("prefixes"):
        etree.SubElement(transform, "{%s}InclusiveNamespaces" % EC, PrefixList=" ".join(case["prefixes"]))
    etree.SubElement(ref, "{%s}DigestMethod" % DS, Algorithm=DS + "sha1")
    etree.SubElement(ref, "{%s}DigestValue" % DS)
    return ref


def signature(case):
    sig = etree.Element("{%s}Signature" % DS, nsmap={"ds": DS})
    info = etree.SubElement(sig, "{%s}SignedInfo" % DS)
    etree.SubElement(info, "{%s}CanonicalizationMethod" % DS, Algorithm=ALGOS["exc"])
    etree.SubElement(info, "{%s}SignatureMethod" % DS, Algorithm=DS + "hmac-sha1")
    for key in ALGOS:
        info.append(reference(key, case))
    etree.SubElement(sig, "{%s}SignatureValue" % DS)
    return sig


def xmlsec_variants(case, workdir):
    root = etree.fromstring(case["xml"].encode("utf-8"))
    root.append(signature(case))
    template = os.path.join(workdir, "template.xml")
    root.getroottree().write(template)
    args = ["xmlsec1", "--sign", "--hmackey", os.path.join(workdir, "key.bin"), "--store-references", "--print-debug"]
    # The document may hold signatures of its own: sign the one appended here, the last.
    args += ["--node-xpath", "(//*[local-name()='Signature'])[last()]"]
    if case.get("id"):
        el = etree.QName(find_by_id(root, case["id"]))
        node = "%s:%s" % (el.namespace, el.localname) if el.namespace else el.localname
        args += ["--id-attr:Id", node, "--id-attr:ID", node]
    run = subprocess.run(args + [template], capture_output=True, timeout=30)
    if run.returncode != 0:
        raise RuntimeError("xmlsec1 failed: " + run.stderr.decode("utf-8", "replace"))
    chunks = []
    rest = run.stdout
    while START in rest:
        rest = rest[rest.index(START) + len(START):]
        chunks.append(rest[: rest.index(END)].decode("utf-8"))
    return dict(zip(ALGOS, chunks))


def main():
    request = json.load(sys.stdin)
    result = {}
    with tempfile.TemporaryDirectory() as workdir:
        with open(os.path.join(workdir, "key.bin"), "wb") as f:
            f.write(b"wsbench-c14n-peer-key")
        for case in request["cases"]:
            entry = {"lxml": lxml_variants(case)}
            if request.get("xmlsec"):
                entry["xmlsec"] = xmlsec_variants(case, workdir)
            result[case["key"]] = entry
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
