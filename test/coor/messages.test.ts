import { describe, expect, it } from 'vitest';
import type { Document, Element } from '@xmldom/xmldom';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { NS } from '../../src/engine/xml/names.ts';
import {
  buildCoorMessage, buildTxFault, checkContextExpiry, faultDef, faultFor, readCoorMessage, readCoordinationContext,
  readTxFault, buildCoordinationContext, buildTxEnvelope, type CoordinationContext, type Epr, type TxVersionId,
} from '../../src/engine/coor/index.ts';
import { newDocument } from '../../src/engine/xml/dom.ts';

const wire = (doc: Document) => parseXml(serializeXml(doc));
const refParams = [{ ns: 'urn:example:tm', name: 'tm:Enlistment', value: 'e-42' }];
const registration: Epr = { address: 'https://itm.example.com/registration', referenceParameters: refParams };
const to: Epr = { address: 'https://itm.example.com/activation', referenceParameters: [] };

// Namespaces per version, written out here (not taken from the engine) so a wrong table fails.
const EXPECTED = {
  '1.0': { coor: 'http://schemas.xmlsoap.org/ws/2004/10/wscoor', wsat: 'http://schemas.xmlsoap.org/ws/2004/10/wsat', wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing' },
  '1.1': { coor: 'http://docs.oasis-open.org/ws-tx/wscoor/2006/06', wsat: 'http://docs.oasis-open.org/ws-tx/wsat/2006/06', wsa: 'http://www.w3.org/2005/08/addressing' },
} as const;

function context(v: TxVersionId, over: Partial<CoordinationContext> = {}): CoordinationContext {
  return { identifier: 'http://fabrikam123.com/CCi', expires: 300000, coordinationType: EXPECTED[v].wsat, registrationService: registration, ...over };
}

const fails = (checks: { status: string; code: string }[]) => checks.filter((c) => c.status === 'fail').map((c) => c.code);

describe('WS-Coordination messages, both versions', () => {
  for (const v of ['1.0', '1.1'] as const) {
    const ns = EXPECTED[v];

    it(`${v}: CreateCoordinationContext (Expires, CurrentContext, CoordinationType) round-trips in SOAP 1.1 + WSA ${ns.wsa.slice(-15)}`, () => {
      const doc = wire(buildCoorMessage(v, { kind: 'CreateCoordinationContext', request: { expires: 60000, currentContext: context(v), coordinationType: ns.wsat } }, { to, messageId: 'urn:uuid:069f5104-fd88-4264-9f99-60032a82854e', replyTo: 'https://app.example.com/reply' }));
      expect(doc.documentElement!.namespaceURI).toBe(NS.soap11);
      const r = readCoorMessage(doc);
      expect(fails(r.checks)).toEqual([]);
      expect(r.version).toBe(v);
      expect(r.envelope.addressing?.version).toBe(v === '1.0' ? '2004/08' : '2005/08');
      expect(r.envelope.addressing?.action).toBe(`${ns.coor}/CreateCoordinationContext`);
      expect(r.message).toEqual({ kind: 'CreateCoordinationContext', request: { expires: 60000, currentContext: context(v), coordinationType: ns.wsat } });
      const body = r.envelope.payload!;
      expect(Array.from(body.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName)).toEqual(['Expires', 'CurrentContext', 'CoordinationType']);
    });

    it(`${v}: CreateCoordinationContextResponse carries the context with RegistrationService ReferenceParameters`, () => {
      const doc = wire(buildCoorMessage(v, { kind: 'CreateCoordinationContextResponse', context: context(v) }, { to, relatesTo: 'urn:uuid:1' }));
      const r = readCoorMessage(doc);
      expect(fails(r.checks)).toEqual([]);
      expect(r.message).toEqual({ kind: 'CreateCoordinationContextResponse', context: context(v) });
      expect(r.checks.map((c) => c.code)).toEqual(expect.arrayContaining(['COOR_IDENTIFIER', 'COOR_COORDINATION_TYPE', 'COOR_REFERENCE_PARAMETERS', 'COOR_EPR_WSA_VERSION']));
      const rp = doc.getElementsByTagNameNS(ns.wsa, 'ReferenceParameters')[0]!;
      expect(rp.parentNode && (rp.parentNode as Element).localName).toBe('RegistrationService');
    });

    it(`${v}: Register (ProtocolIdentifier, ParticipantProtocolService) and RegisterResponse round-trip`, () => {
      const participant: Epr = { address: 'https://ptm.example.com/2pc', referenceParameters: [{ ns: 'urn:example:p', name: 'p:Id', value: 'p-1' }] };
      const reg = readCoorMessage(wire(buildCoorMessage(v, { kind: 'Register', register: { protocolIdentifier: `${ns.wsat}/Durable2PC`, participantProtocolService: participant } }, { to: registration, messageId: 'urn:uuid:ed418b86-a75e-4aea-9d4e-a5d0cb5c088e' })));
      expect(fails(reg.checks)).toEqual([]);
      expect(reg.protocol).toBe('Durable2PC');
      expect(reg.message).toEqual({ kind: 'Register', register: { protocolIdentifier: `${ns.wsat}/Durable2PC`, participantProtocolService: participant } });
      expect(reg.envelope.addressing?.action).toBe(`${ns.coor}/Register`);
      const coordinator: Epr = { address: 'https://itm.example.com/2pc', referenceParameters: refParams };
      const resp = readCoorMessage(wire(buildCoorMessage(v, { kind: 'RegisterResponse', response: { coordinatorProtocolService: coordinator } }, { to: participant, relatesTo: 'urn:uuid:ed418b86-a75e-4aea-9d4e-a5d0cb5c088e' })));
      expect(fails(resp.checks)).toEqual([]);
      expect(resp.message).toEqual({ kind: 'RegisterResponse', response: { coordinatorProtocolService: coordinator } });
      expect(resp.envelope.addressing?.action).toBe(`${ns.coor}/RegisterResponse`);
    });

    it(`${v}: the destination's ReferenceParameters travel as header blocks${v === '1.1' ? ' marked wsa:IsReferenceParameter' : ''}`, () => {
      const doc = wire(buildCoorMessage(v, { kind: 'Register', register: { protocolIdentifier: `${ns.wsat}/Completion`, participantProtocolService: to } }, { to: registration }));
      const header = doc.getElementsByTagNameNS('urn:example:tm', 'Enlistment')[0]!;
      expect((header.parentNode as Element).localName).toBe('Header');
      expect(header.textContent).toBe('e-42');
      expect(header.getAttributeNS(NS.wsa2005, 'IsReferenceParameter') ?? null).toBe(v === '1.1' ? 'true' : null);
    });

    it(`${v}: every coordination fault of the version round-trips with its fault action`, () => {
      const locals = v === '1.0'
        ? ['InvalidState', 'InvalidProtocol', 'InvalidParameters', 'NoActivity', 'ContextRefused', 'AlreadyRegistered']
        : ['InvalidState', 'InvalidProtocol', 'InvalidParameters', 'CannotCreateContext', 'CannotRegisterParticipant'];
      const kinds = ['invalidState', 'invalidProtocol', 'invalidParameters', 'cannotCreateContext', 'cannotRegisterParticipant', 'noActivity', 'contextRefused', 'alreadyRegistered'] as const;
      const defined = kinds.map((k) => faultDef(v, k)).filter((d) => d !== null);
      expect(defined.map((d) => d!.local).sort()).toEqual([...locals].sort());
      for (const d of defined) {
        const doc = wire(buildTxFault(v, d!, { to: 'https://ptm.example.com/2pc', relatesTo: 'urn:uuid:2' }));
        const f = readTxFault(doc)!;
        expect(f).toMatchObject({ version: v, kind: d!.kind, code: `wscoor:${d!.local}` });
        expect(doc.getElementsByTagNameNS(ns.wsa, 'Action')[0]!.textContent).toBe(`${ns.coor}/fault`);
      }
    });
  }

  it('1.0 has no CannotRegisterParticipant: a duplicate registration is AlreadyRegistered there, CannotRegisterParticipant in 1.1', () => {
    expect(faultDef('1.0', 'cannotRegisterParticipant')).toBeNull();
    expect(faultFor('1.0', 'duplicateRegistration').local).toBe('AlreadyRegistered');
    expect(faultFor('1.1', 'duplicateRegistration').local).toBe('CannotRegisterParticipant');
    expect(faultFor('1.0', 'unknownTransaction').local).toBe('InvalidState');
    expect(faultFor('1.1', 'unknownTransaction')).toMatchObject({ local: 'UnknownTransaction', spec: 'at' });
  });
});

describe('WS-Coordination readers refuse bad input with the requirement they break', () => {
  function contextElement(v: TxVersionId, ctx: CoordinationContext, header = false): Element {
    const doc = wire(buildTxEnvelope(v, { to, action: 'urn:app', headers: [buildCoordinationContext(v, ctx, { header })], body: [{ ns: 'urn:app', name: 'app:Do', xmlns: { app: 'urn:app' } }] }));
    return doc.getElementsByTagNameNS(EXPECTED[v].coor, 'CoordinationContext')[0]!;
  }

  it('a relative wscoor:Identifier fails B2003 and is answered with InvalidParameters', () => {
    const r = readCoordinationContext(contextElement('1.1', context('1.1', { identifier: 'CCi/42' }), true));
    const c = r.checks.find((x) => x.code === 'COOR_IDENTIFIER_RELATIVE')!;
    expect(c).toMatchObject({ status: 'fail', specRef: 'WS-AT interop B2003', path: 'Envelope/Header/CoordinationContext/Identifier' });
    expect(c.message).toContain('found "CCi/42"');
    expect(r.fault).toBe('invalidParameters');
  });

  it('the CoordinationContext header is checked for mustUnderstand', () => {
    expect(readCoordinationContext(contextElement('1.0', context('1.0'), true)).checks.find((c) => c.code === 'COOR_CONTEXT_MUST_UNDERSTAND')?.status).toBe('pass');
    expect(readCoordinationContext(contextElement('1.0', context('1.0'), false)).checks.find((c) => c.code === 'COOR_CONTEXT_MUST_UNDERSTAND')?.status).toBe('warn');
  });

  it('a wrong CoordinationType fails: another version\'s WS-AT type, or an unknown one', () => {
    const other = readCoordinationContext(contextElement('1.1', context('1.1', { coordinationType: EXPECTED['1.0'].wsat })));
    expect(fails(other.checks)).toEqual(['COOR_COORDINATION_TYPE_VERSION']);
    expect(other.checks.find((c) => c.code === 'COOR_COORDINATION_TYPE_VERSION')!.message).toContain('found the WS-AT 1.0 type');
    const unknown = readCoordinationContext(contextElement('1.0', context('1.0', { coordinationType: 'http://example.com/saga' })));
    expect(fails(unknown.checks)).toEqual(['COOR_COORDINATION_TYPE_UNKNOWN']);
    const ccc = readCoorMessage(wire(buildCoorMessage('1.1', { kind: 'CreateCoordinationContext', request: { coordinationType: 'http://example.com/saga' } }, { to })));
    expect(ccc.fault).toBe('cannotCreateContext');
  });

  it('RegisterResponse without ReferenceParameters fails B1241; Register without them only warns (the seed\'s own example has none)', () => {
    const bare: Epr = { address: 'https://itm.example.com/2pc', referenceParameters: [] };
    const resp = readCoorMessage(wire(buildCoorMessage('1.1', { kind: 'RegisterResponse', response: { coordinatorProtocolService: bare } }, { to })));
    const c = resp.checks.find((x) => x.code === 'COOR_REFERENCE_PARAMETERS_MISSING')!;
    expect(c).toMatchObject({ status: 'fail', specRef: 'WS-AT interop B1241', path: 'Envelope/Body/RegisterResponse/CoordinatorProtocolService' });
    expect(c.message).toContain('found only wsa:Address https://itm.example.com/2pc');
    const reg = readCoorMessage(wire(buildCoorMessage('1.1', { kind: 'Register', register: { protocolIdentifier: `${EXPECTED['1.1'].wsat}/Volatile2PC`, participantProtocolService: bare } }, { to })));
    expect(reg.checks.find((x) => x.code === 'COOR_REFERENCE_PARAMETERS_MISSING')?.status).toBe('warn');
  });

  it('an unknown or other-version ProtocolIdentifier is refused with InvalidProtocol', () => {
    const reg = (v: TxVersionId, pid: string) => readCoorMessage(wire(buildCoorMessage(v, { kind: 'Register', register: { protocolIdentifier: pid, participantProtocolService: to } }, { to: registration })));
    const wrongVersion = reg('1.0', `${EXPECTED['1.1'].wsat}/Durable2PC`);
    expect(fails(wrongVersion.checks)).toEqual(['COOR_PROTOCOL_VERSION']);
    expect(wrongVersion.fault).toBe('invalidProtocol');
    const unknown = reg('1.1', `${EXPECTED['1.1'].wsat}/ThreePhase`);
    expect(fails(unknown.checks)).toEqual(['COOR_PROTOCOL_UNKNOWN']);
    expect(unknown.checks.find((c) => c.code === 'COOR_PROTOCOL_UNKNOWN')!.message).toContain(`found ${EXPECTED['1.1'].wsat}/ThreePhase`);
  });

  it('an expired context fails against the receiver\'s clock; a live one passes', () => {
    const ctx = context('1.1', { expires: 1000 });
    expect(checkContextExpiry(ctx, 0, 1000, '1.1').status).toBe('pass');
    const c = checkContextExpiry(ctx, 0, 1500, '1.1');
    expect(c).toMatchObject({ code: 'COOR_CONTEXT_EXPIRED', status: 'fail' });
    expect(c.message).toContain('500 ms before now');
  });

  it('a non-numeric Expires fails', () => {
    const el = contextElement('1.0', context('1.0'));
    el.getElementsByTagNameNS(EXPECTED['1.0'].coor, 'Expires')[0]!.textContent = 'soon';
    expect(fails(readCoordinationContext(el).checks)).toEqual(['COOR_EXPIRES_INVALID']);
  });

  it('WS-AT 1.0 messages must use WS-Addressing 2004/08 (R1001) and SOAP 1.1; 1.1 uses 2005/08 (R1002)', () => {
    const doc = wire(buildCoorMessage('1.0', { kind: 'Register', register: { protocolIdentifier: `${EXPECTED['1.0'].wsat}/Completion`, participantProtocolService: to } }, { to: registration }));
    // Move every 2004/08 addressing header to 2005/08: the 1.0 payload now sits in the wrong binding.
    const text = serializeXml(doc).split(EXPECTED['1.0'].wsa).join(EXPECTED['1.1'].wsa);
    const r = readCoorMessage(parseXml(text));
    const c = r.checks.find((x) => x.code === 'COOR_WSA_VERSION')!;
    expect(c).toMatchObject({ status: 'fail', specRef: 'WS-AT interop R1001' });
    expect(c.message).toBe('expected WS-Addressing 2004/08 headers for WS-AT 1.0 (R1001), found 2005/08');
    expect(r.checks.find((x) => x.code === 'COOR_EPR_WSA_VERSION')?.status).toBe('fail');
    const soap12 = parseXml(serializeXml(doc).split(NS.soap11).join(NS.soap12));
    expect(readCoorMessage(soap12).checks.find((x) => x.code === 'COOR_SOAP_VERSION')).toMatchObject({ status: 'fail', message: 'expected SOAP 1.1 for WS-AT 1.0 (R1001), found SOAP 1.2' });
  });

  it('a wrong wsa:Action is a failed check naming both actions', () => {
    const doc = wire(buildCoorMessage('1.1', { kind: 'Register', register: { protocolIdentifier: `${EXPECTED['1.1'].wsat}/Completion`, participantProtocolService: to } }, { to: registration }));
    doc.getElementsByTagNameNS(EXPECTED['1.1'].wsa, 'Action')[0]!.textContent = `${EXPECTED['1.1'].coor}/RegisterResponse`;
    const c = readCoorMessage(doc).checks.find((x) => x.code === 'COOR_ACTION_MISMATCH')!;
    expect(c.message).toBe(`expected wsa:Action ${EXPECTED['1.1'].coor}/Register, found ${EXPECTED['1.1'].coor}/RegisterResponse`);
  });

  it('a non-coordination body is refused without a crash', () => {
    const doc = newDocument({ ns: NS.soap11, name: 's:Envelope', children: [{ ns: NS.soap11, name: 's:Body', children: [{ ns: 'urn:x', name: 'x:Y', xmlns: { x: 'urn:x' } }] }] });
    const r = readCoorMessage(wire(doc));
    expect(r.message).toBeNull();
    expect(fails(r.checks)).toEqual(['COOR_NOT_TX_MESSAGE']);
  });
});

// The seed's WCF message examples (seed 002 "메시지 예제"), with the namespace URIs the seed prints
// as https:// written as the real http:// ones and its elided values (…) filled in.
const SEED_CCCR_11 = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://www.w3.org/2005/08/addressing" xmlns:wscoor="http://docs.oasis-open.org/ws-tx/wscoor/2006/06">
<s:Header>
<a:Action>http://docs.oasis-open.org/ws-tx/wscoor/2006/06/CreateCoordinationContextResponse </a:Action>
<a:RelatesTo>urn:uuid:069f5104-fd88-4264-9f99-60032a82854e</a:RelatesTo>
<a:To s:mustUnderstand="1">https://app.example.com/reply </a:To>
</s:Header>
<s:Body>
<wscoor:CreateCoordinationContextResponse>
<wscoor:CoordinationContext>
<wscoor:Identifier> http://fabrikam123.com/CCi
</wscoor:Identifier>
<wscoor:Expires>59904</wscoor:Expires>
<wscoor:CoordinationType>http://docs.oasis-open.org/ws-tx/wsat/2006/06</wscoor:CoordinationType>
<wscoor:RegistrationService>
<a:Address>https://itm.example.com/registration</a:Address>
<a:ReferenceParameters> <mstx:Enlistment xmlns:mstx="urn:example:tm">e-1</mstx:Enlistment>
</a:ReferenceParameters>
</wscoor:RegistrationService>
</wscoor:CoordinationContext>
</wscoor:CreateCoordinationContextResponse>
</s:Body>
</s:Envelope>`;

const SEED_REGISTER_10 = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wscoor="http://schemas.xmlsoap.org/ws/2004/10/wscoor">
<s:Header>
<a:Action>http://schemas.xmlsoap.org/ws/2004/10/wscoor/Register</a:Action>
<a:MessageID>urn:uuid:ed418b86-a75e-4aea-9d4e-a5d0cb5c088e</a:MessageID>
<a:ReplyTo>
<a:Address>https://ptm.example.com/reply</a:Address>
</a:ReplyTo>
<a:To>https://itm.example.com/registration</a:To>
<wsse:Security s:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wssu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">
<wssu:Timestamp wssu:Id="_0"><wssu:Created>2005-12-15T23:36:13.827Z</wssu:Created><wssu:Expires>2005-12-15T23:41:13.827Z</wssu:Expires></wssu:Timestamp>
</wsse:Security>
</s:Header>
<s:Body>
<wscoor:Register>
<wscoor:ProtocolIdentifier>http://schemas.xmlsoap.org/ws/2004/10/wsat/Durable2PC</wscoor:ProtocolIdentifier>
<wscoor:ParticipantProtocolService>
<a:Address>https://ptm.example.com/2pc </a:Address>
</wscoor:ParticipantProtocolService>
</wscoor:Register>
</s:Body>
</s:Envelope>`;

describe('the seed\'s WCF message examples read as WCF meant them', () => {
  it('1.1 CreateCoordinationContextResponse: whitespace around the Identifier and Action is collapsed', () => {
    const r = readCoorMessage(parseXml(SEED_CCCR_11));
    expect(fails(r.checks)).toEqual([]);
    expect(r.message).toEqual({
      kind: 'CreateCoordinationContextResponse',
      context: { identifier: 'http://fabrikam123.com/CCi', expires: 59904, coordinationType: 'http://docs.oasis-open.org/ws-tx/wsat/2006/06', registrationService: { address: 'https://itm.example.com/registration', referenceParameters: [{ ns: 'urn:example:tm', name: 'mstx:Enlistment', value: 'e-1' }] } },
    });
  });

  it('1.0 Register: Durable2PC with a bare ParticipantProtocolService (a warning, as the seed shows it)', () => {
    const r = readCoorMessage(parseXml(SEED_REGISTER_10));
    expect(fails(r.checks)).toEqual([]);
    expect(r.protocol).toBe('Durable2PC');
    expect(r.checks.filter((c) => c.status === 'warn').map((c) => c.code)).toEqual(['COOR_REFERENCE_PARAMETERS_MISSING']);
    expect(r.message?.kind === 'Register' && r.message.register.participantProtocolService.address).toBe('https://ptm.example.com/2pc');
  });

  it('the seed\'s printed https:// namespaces are not the real ones: such a message is refused', () => {
    const r = readCoorMessage(parseXml(SEED_REGISTER_10.replace('xmlns:wscoor="http://schemas', 'xmlns:wscoor="https://schemas')));
    expect(fails(r.checks)).toEqual(['COOR_NOT_TX_MESSAGE']);
  });
});
