// Sign + verify of a 5 KB and a 1 MB SOAP message (RSA-SHA256, exclusive c14n, Body + Timestamp):
// wsbench against xml-crypto in the same run. Used by bench/run.ts (Node) and, bundled, by the
// browser bench page (Chromium).
import { DOMParser } from '@xmldom/xmldom';
import { findSignatures, importPrivateKeyPem, parseCertificate, parseXml, signDocument, verifySignature, type CertInfo } from '../src/engine/index.ts';
import { serializeXml } from '../src/engine/xml/serialize.ts';
import { NS, URI } from '../src/engine/xml/names.ts';

export function soapMessage(bytes: number): string {
  const item = '<e:Item><e:Name>lorem ipsum dolor</e:Name><e:Value>sit amet, consectetur adipiscing</e:Value></e:Item>\n';
  const items = item.repeat(Math.max(1, Math.ceil((bytes - 700) / item.length)));
  return `<soap:Envelope xmlns:soap="${NS.soap11}" xmlns:wsu="${NS.wsu}"><soap:Header><wsse:Security xmlns:wsse="${NS.wsse}"><wsu:Timestamp wsu:Id="TS-1"><wsu:Created>2026-01-01T00:00:00Z</wsu:Created></wsu:Timestamp></wsse:Security></soap:Header><soap:Body wsu:Id="Body-1"><e:Batch xmlns:e="urn:bench">\n${items}</e:Batch></soap:Body></soap:Envelope>`;
}

export async function wsbenchSignVerify(text: string, keyPem: string, cert: CertInfo): Promise<boolean> {
  const doc = parseXml(text, { maxBytes: 8 << 20 });
  const security = doc.getElementsByTagNameNS(NS.wsse, 'Security')[0]!;
  await signDocument(doc, {
    references: [{ target: 'TS-1', digest: URI.sha256 }, { target: 'Body-1', digest: URI.sha256 }],
    signatureAlgorithm: URI.rsaSha256, c14n: URI.excC14n, key: importPrivateKeyPem(keyPem), parent: security,
  });
  const wire = serializeXml(doc);
  const sig = findSignatures(parseXml(wire, { maxBytes: 8 << 20 }))[0]!;
  const v = await verifySignature(sig, { resolveKey: async () => ({ key: { kind: 'rsa-public', spki: cert.spki, source: 'bench' }, checks: [] }) });
  return v.ok;
}

export { parseCertificate, DOMParser };
