import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Message } from 'node-hl7-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Hl7InboundOutcome,
  Hl7MappingError,
  Hl7MappingErrorCode,
  Hl7ParseError,
  Hl7ParseErrorCode,
  mapHl7ToClinicalChange,
  MllpClient,
  MllpServer,
  parseHl7,
  readInboundHl7,
  splitHl7Batch,
} from '@concord/connectors/hl7v2';
import { AVERY_A01 } from '../../libs/connectors/src/hl7v2/demo-hospital.fixture';

/**
 * Every public HL7 v2 sample in ../shared/fixtures/hl7v2 (see SOURCES.md there) through the parser, the mappings
 * and a real MLLP server and client. Quirks of the corpus, looked at first:
 * - line ends: most files use LF, realm-cj and the NIST ORU use CR, cerner_bordetella CR plus a final LF; eight
 *   fhirconv files start with a UTF-8 BOM; several end without a line end, others with trailing spaces;
 * - versions 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6 and 2.8; v2.8 samples use PRT, SFT, ARV and many SNOMED codes;
 * - dft-example holds two messages (split at their MSH); ADT04-23 has "MSH|" inside a field (which makes the
 *   oracle believe it is a batch);
 * - bad-phone-example sits in its source's "invalid" folder for its XTN values; structurally it is fine (an SIU^S12,
 *   so unsupported here), and its MSH-10 is not a real GUID, which HL7 does not require.
 */
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');
const dir = join(fixtures, 'hl7v2');

/** Genuinely malformed samples, and the precise error each one gets. */
const EXPECTED_PARSE_ERRORS: Record<string, { code: Hl7ParseErrorCode; segmentIndex: number; why: string }> = {
  'nodehl7c__mdm-example.hl7': {
    code: Hl7ParseErrorCode.INVALID_SEGMENT_NAME,
    segmentIndex: 1,
    why: 'hard-wrapped copy: MSH-10 continues on a second line, which is no segment',
  },
  'nodehl7c__orm-example.hl7': {
    code: Hl7ParseErrorCode.INVALID_SEGMENT_NAME,
    segmentIndex: 6,
    why: 'hard-wrapped copy: an OBR phone number breaks onto a line of its own',
  },
};

/** ADT/DFT samples that parse but cannot mean anything, and the error that says why. */
const EXPECTED_MAPPING_ERRORS: Record<string, { code: Hl7MappingErrorCode; segmentName: string; why: string }> = {
  'nodehl7c__adt-example.hl7': {
    code: Hl7MappingErrorCode.MISSING_SEGMENT,
    segmentName: 'PID',
    why: 'all segments on one line, separated by spaces: it is one long MSH, so the A01 has no PID (answered AE)',
  },
};

/** Pinned values from a few samples (the first message of a file), read by hand from the files. */
const PINNED: Record<string, (change: ReturnType<typeof mapHl7ToClinicalChange>) => void> = {
  'fhirconv__ADT-A01-01.hl7': (c) =>
    expect(c).toMatchObject({
      kind: 'encounter-admitted',
      patient: { mrn: 'PATID1234', gender: 'male', birthDate: '1988-08-18' },
      encounter: { id: '40007716', class: 'inpatient', departmentCode: 'SUR', period: { start: '2015-02-08T10:24:19.000Z' } },
    }),
  'fhirconv__ADT-A03-01.hl7': (c) =>
    expect(c).toMatchObject({
      kind: 'encounter-discharged',
      encounter: { status: 'finished', period: { end: '2015-02-09T10:24:19.000Z' } },
    }),
  'fhirconv__DFT-P03-01.hl7': (c) =>
    expect(c).toMatchObject({
      kind: 'charges-captured',
      charges: [
        {
          id: '12345',
          chargeCode: '71045',
          quantity: 2,
          serviceDate: '2019-11-22',
          departmentCode: 'RAD-1',
          amount: { amount: 10_000 },
          performerNpi: '9941339108',
        },
        { chargeCode: '626.2', quantity: 1, amount: { amount: 12_000 } },
      ],
      procedures: [{ codes: [{ code: '71045' }], departmentCode: 'RAD-1' }],
    }),
  'fhirconv__ADT04-23.hl7': (c) => {
    expect(c).toMatchObject({
      kind: 'patient-registered',
      patient: { mrn: '123456789' },
      encounter: { id: '0123456789', class: 'ambulatory' },
    });
    expect(c.warnings.map((w) => `${w.location.segmentName}-${w.location.field}`)).toEqual(['IN1-3', 'IN1-3']);
  },
  'nodehl7c__dft-example.hl7': (c) =>
    expect(c).toMatchObject({
      kind: 'charges-captured',
      charges: [{ chargeCode: '73630', procedureCode: { code: '73630' }, modifiers: ['RT', 'GA'] }],
    }),
};

const MAPPED_TYPES = /^(ADT\^A(01|02|03|04|08|11|13|40)|DFT\^P03)$/;

interface CorpusMessage {
  file: string;
  index: number;
  /** The bytes as they are in the file (a whole file when it holds one message). */
  input: Buffer | string;
}

function corpus(): CorpusMessage[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.hl7'))
    .sort()
    .flatMap((file): CorpusMessage[] => {
      const bytes = readFileSync(join(dir, file));
      const messages = splitHl7Batch(bytes);
      return messages.length === 1 ? [{ file, index: 0, input: bytes }] : messages.map((input, index) => ({ file, index, input }));
    });
}

/** The input as the parser should give it back: no BOM, no blank lines, every segment ended by one CR. */
function normalised(input: Buffer | string): string {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line + '\r')
    .join('');
}

const messages = corpus();
const label = (m: CorpusMessage) => (m.index ? `${m.file} #${m.index + 1}` : m.file);

describe.skipIf(!existsSync(dir))('HL7 v2 corpus', () => {
  const outcomes = new Map<string, Hl7InboundOutcome>();

  it('holds messages of versions 2.3 to 2.8', () => {
    expect(messages.length).toBeGreaterThanOrEqual(40);
    const versions = new Set(messages.flatMap((m) => (EXPECTED_PARSE_ERRORS[m.file] ? [] : [parseHl7(m.input).version])));
    for (const v of ['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.8']) expect(versions).toContain(v);
  });

  describe.each(messages.map((m) => [label(m), m] as const))('%s', (_label, m) => {
    const expectedParseError = EXPECTED_PARSE_ERRORS[m.file];

    it(expectedParseError ? `fails to parse: ${expectedParseError.why}` : 'parses and serialises back exactly', () => {
      if (expectedParseError) {
        const error = (() => {
          try {
            parseHl7(m.input);
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(Hl7ParseError);
        expect(error).toMatchObject({ code: expectedParseError.code, location: { segmentIndex: expectedParseError.segmentIndex } });
        outcomes.set(label(m), 'rejected');
        return;
      }
      const message = parseHl7(m.input);
      expect(message.toString()).toBe(normalised(m.input));
      expect(message.controlId).not.toBe('');
    });

    // A message that does not parse has nothing to compare or map: only the test above runs for it.
    if (expectedParseError) return;

    it('agrees with node-hl7-client on every component of the first of each segment', () => {
      const message = parseHl7(m.input);
      // The oracle refuses a message with "MSH|" anywhere in it (ADT04-23 has it inside a field).
      if (m.file === 'fhirconv__ADT04-23.hl7') return;
      const oracle = new Message({ text: normalised(m.input) });
      const seen = new Set<string>();
      let compared = 0;
      for (const segment of message) {
        if (seen.has(segment.name)) continue; // the oracle's paths reach the first occurrence only
        seen.add(segment.name);
        for (let field = segment.name === 'MSH' ? 3 : 1; field <= Math.min(segment.fieldCount, 30); field++) {
          for (let component = 1; component <= 3; component++) {
            for (let sub = 1; sub <= 2; sub++) {
              const ours = segment.get(field, { component, sub }) ?? '';
              let theirs = '';
              try {
                theirs = oracle.get(`${segment.name}.${field}.${component}.${sub}`).toString();
              } catch {
                // the oracle throws for positions beyond what a field holds: absent
              }
              // The oracle drops spaces at the end of a segment; we keep them for an exact round trip (mappings trim).
              expect(ours.trimEnd(), `${segment.name}-${field}.${component}.${sub}`).toBe(theirs.trimEnd());
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(0);
    });

    it('maps (ADT and DFT), or is unsupported (anything else)', () => {
      const message = parseHl7(m.input);
      const type = `${message.type.code}^${message.type.trigger}`;
      const expectedError = EXPECTED_MAPPING_ERRORS[m.file];
      if (expectedError) {
        const error = (() => {
          try {
            mapHl7ToClinicalChange(message);
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(Hl7MappingError);
        expect(error).toMatchObject({ code: expectedError.code, segmentName: expectedError.segmentName });
        outcomes.set(label(m), 'mapping-error');
        return;
      }
      const change = mapHl7ToClinicalChange(message);
      if (!MAPPED_TYPES.test(type)) {
        expect(change).toMatchObject({ kind: 'unsupported', messageType: type });
        outcomes.set(label(m), 'unsupported');
        return;
      }
      expect(change.kind).not.toBe('unsupported');
      if ('patient' in change) expect(change.patient.mrn).toBeTruthy();
      if (change.kind === 'charges-captured') {
        expect(change.charges.length).toBeGreaterThan(0);
        for (const charge of change.charges) expect(charge.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      PINNED[label(m)]?.(change);
      outcomes.set(label(m), 'mapped');
    });
  });

  describe('through a real MLLP server and client', () => {
    let server: MllpServer;
    let client: MllpClient;
    const handled: Hl7InboundOutcome[] = [];

    beforeAll(async () => {
      server = new MllpServer({
        handler: async (frame) => {
          const result = readInboundHl7(frame);
          handled.push(result.outcome);
          return result.ack;
        },
      });
      const port = await server.listen();
      client = new MllpClient({ host: '127.0.0.1', port, ackTimeoutMs: 10_000 });
    });

    afterAll(async () => {
      await client.close();
      await server.close();
    });

    it('answers every corpus message, as sent, with the ACK its outcome deserves, and survives', async () => {
      const expectedAck: Record<Hl7InboundOutcome, string> = {
        mapped: 'AA',
        unsupported: 'AR',
        'mapping-error': 'AE',
        rejected: 'AR',
        failed: 'AR',
      };
      for (const m of messages) {
        const outcome = outcomes.get(label(m));
        expect(outcome, `${label(m)} was classified above`).toBeDefined();
        if (!outcome) continue;
        const ack = await client.send(m.input);
        expect(ack.get('MSA', 1), label(m)).toBe(expectedAck[outcome]);
        // ERR-3 from v2.5 on, ERR-1.4 (ELD) before.
        if (outcome === 'unsupported') expect(ack.get('ERR', 3) ?? ack.get('ERR', 1, { component: 4 }), label(m)).toBe('200');
        expect(handled[handled.length - 1], label(m)).toBe(outcome);
      }
      expect(handled).toHaveLength(messages.length);
      expect(server.metrics()).toMatchObject({
        framesReceived: messages.length,
        acksSent: messages.length,
        handlerErrors: 0,
        oversizedFrames: 0,
      });
      expect((await client.send(AVERY_A01)).get('MSA', 1)).toBe('AA');
      expect(server.listening).toBe(true);
    });
  });
});
