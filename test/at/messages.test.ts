import { describe, expect, it } from 'vitest';
import type { Document } from '@xmldom/xmldom';
import { parseXml } from '../../src/engine/xml/parse.ts';
import { serializeXml } from '../../src/engine/xml/serialize.ts';
import { NS } from '../../src/engine/xml/names.ts';
import { atAction, buildAtMessage, readAtMessage, type AtMessageKind } from '../../src/engine/at/index.ts';
import { buildTxFault, faultFor, readTxFault, type Epr } from '../../src/engine/coor/index.ts';
import { UsageError } from '../../src/engine/report/errors.ts';

const wire = (doc: Document) => parseXml(serializeXml(doc));
const to: Epr = { address: 'https://itm.example.com/2pc', referenceParameters: [{ ns: 'urn:wsbench:tx', name: 'wstx:Enlistment', value: 'd3' }] };

// Written out by hand (seed 002 and DESIGN.md §7), not read from names.ts.
const WSAT = { '1.0': 'http://schemas.xmlsoap.org/ws/2004/10/wsat', '1.1': 'http://docs.oasis-open.org/ws-tx/wsat/2006/06' } as const;
const KINDS_11: AtMessageKind[] = ['Commit', 'Rollback', 'Committed', 'Aborted', 'Prepare', 'Prepared', 'ReadOnly'];

describe('WS-AT notifications', () => {
  for (const v of ['1.0', '1.1'] as const) {
    const kinds: AtMessageKind[] = v === '1.0' ? [...KINDS_11, 'Replay'] : KINDS_11;
    for (const kind of kinds) {
      it(`${v}: ${kind} round-trips with action ${WSAT[v]}/${kind}`, () => {
        const doc = wire(buildAtMessage(v, kind, { to, messageId: 'urn:uuid:5' }));
        const r = readAtMessage(doc);
        expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
        expect(r).toMatchObject({ version: v, kind });
        expect(r.envelope.addressing?.action).toBe(`${WSAT[v]}/${kind}`);
        expect(r.envelope.payload?.namespaceURI).toBe(WSAT[v]);
        expect(r.envelope.parts?.version).toBe('1.1');
        const ref = doc.getElementsByTagNameNS('urn:wsbench:tx', 'Enlistment')[0]!;
        expect(ref.textContent).toBe('d3');
      });
    }
  }

  it('WS-AT 1.1 has no Replay: building one is a usage error, reading one fails AT_REPLAY_NOT_IN_11', () => {
    expect(atAction('1.1', 'Replay')).toBeNull();
    expect(() => buildAtMessage('1.1', 'Replay', { to })).toThrow(UsageError);
    const text = serializeXml(buildAtMessage('1.0', 'Replay', { to })).split(WSAT['1.0']).join(WSAT['1.1']).split(NS.wsa2004).join(NS.wsa2005);
    const r = readAtMessage(parseXml(text));
    expect(r.kind).toBeNull();
    const c = r.checks.find((x) => x.code === 'AT_REPLAY_NOT_IN_11')!;
    expect(c).toMatchObject({ status: 'fail', path: 'Envelope/Body/Replay' });
    expect(c.message).toContain('found wsat:Replay, which WS-AT 1.1 removed');
  });

  it('an action that does not match the notification fails', () => {
    const doc = wire(buildAtMessage('1.1', 'Prepared', { to }));
    doc.getElementsByTagNameNS(NS.wsa2005, 'Action')[0]!.textContent = `${WSAT['1.1']}/Aborted`;
    expect(readAtMessage(doc).checks.find((c) => c.code === 'COOR_ACTION_MISMATCH')?.message).toBe(`expected wsa:Action ${WSAT['1.1']}/Prepared, found ${WSAT['1.1']}/Aborted`);
  });

  it('an unknown element in the WS-AT namespace is not a notification', () => {
    const text = serializeXml(buildAtMessage('1.1', 'Commit', { to })).replace(/wsat:Commit/g, 'wsat:Finish');
    const r = readAtMessage(parseXml(text));
    expect(r.kind).toBeNull();
    expect(r.checks.find((c) => c.code === 'AT_NOT_NOTIFICATION')?.status).toBe('fail');
  });

  it('WS-AT faults: InconsistentInternalState in both versions, UnknownTransaction in 1.1 only, with the wsat fault action', () => {
    for (const v of ['1.0', '1.1'] as const) {
      const doc = wire(buildTxFault(v, faultFor(v, 'inconsistent'), { to: to.address }));
      expect(readTxFault(doc)).toMatchObject({ version: v, kind: 'inconsistentInternalState', code: 'wsat:InconsistentInternalState' });
      expect(doc.getElementsByTagNameNS(v === '1.0' ? NS.wsa2004 : NS.wsa2005, 'Action')[0]!.textContent).toBe(`${WSAT[v]}/fault`);
    }
    const unknown = wire(buildTxFault('1.1', faultFor('1.1', 'unknownTransaction'), { to: to.address }));
    expect(readTxFault(unknown)).toMatchObject({ kind: 'unknownTransaction', code: 'wsat:UnknownTransaction' });
  });
});
