import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as demo from './examples/demo-hospital.examples';
import { acknowledgeX12, answerEnvelope } from './x12-acknowledger';
import { X12IssueCode } from './x12-issue';
import { readX12, streamX12, type X12ReadResult } from './x12-reader';
import { write277ca, write835, write837Institutional, write837Professional } from './index';

/**
 * Bad input never crashes: whatever the bytes, readers return results with typed issues, and the
 * acknowledger answers with X12 or a typed error. fast-check shrinks any counterexample it finds.
 */
const CODES = new Set<string>(Object.values(X12IssueCode));

const SAMPLES = [
  write837Institutional([demo.SCENARIO_1_CLAIM], demo.DEMO_837_OPTIONS),
  write837Professional([demo.SCENARIO_6_CORRECTED_CLAIM, demo.SCENARIO_3_CLAIM], demo.DEMO_837_OPTIONS),
  write835(demo.SCENARIO_2_REMITTANCE, { ...demo.DEMO_837_OPTIONS, ...demo.DEMO_835_DETAILS.KHP01 }),
  write277ca(demo.SCENARIO_2_AND_3_CLAIM_ACK, {
    ...demo.DEMO_837_OPTIONS,
    sourceEntity: 'AY',
    receiver: { name: 'R', id: 'R1' },
    acknowledgedReference: '1',
    reference: '2',
  }),
];

function assertTyped(result: X12ReadResult): void {
  expect(typeof result.valid).toBe('boolean');
  for (const issue of result.issues) {
    expect(CODES.has(issue.code)).toBe(true);
    expect(['error', 'warning']).toContain(issue.severity);
    expect(typeof issue.message).toBe('string');
  }
}

function assertAnswered(input: string | Uint8Array): void {
  const result = acknowledgeX12(input, { envelope: (h, i) => answerEnvelope(h, { interchange: i + 1, group: i + 1 }) });
  if (result.read.interchanges.length === 0) expect(result.error?.code).toBe('X12_NOT_X12');
  for (const text of result.interchanges) assertTyped(readX12(text));
}

const sample = fc.constantFrom(...SAMPLES);
const RUNS = { numRuns: 300 };

describe('fuzzing the tokenizer, readers and acknowledger', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        assertTyped(readX12(text));
        assertAnswered(text);
      }),
      RUNS,
    );
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        assertTyped(readX12(bytes));
        assertAnswered(bytes);
      }),
      RUNS,
    );
  });

  it('truncations of valid interchanges are never valid and never crash', () => {
    fc.assert(
      fc.property(sample, fc.nat(), (text, n) => {
        const cut = text.slice(0, n % text.length);
        const result = readX12(cut);
        assertTyped(result);
        expect(result.valid).toBe(false);
        assertAnswered(cut);
      }),
      RUNS,
    );
  });

  it('separator swaps', () => {
    const separators = ['*', ':', '^', '~', '|', '>', '\n', '\r', ' ', 'A', '0'];
    fc.assert(
      fc.property(sample, fc.constantFrom(...separators), fc.constantFrom(...separators), (text, from, to) => {
        const swapped = text.split(from).join(to);
        assertTyped(readX12(swapped));
        assertAnswered(swapped);
      }),
      RUNS,
    );
  });

  it('random characters overwritten, inserted or deleted inside valid interchanges', () => {
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'insert', 'delete'),
      char: fc.constantFrom('*', ':', '^', '~', 'ISA', 'ST*', 'SE*', 'HL*9', '\u0000', '\u00e9', 'CLM*', '-', '.', '9'),
    });
    fc.assert(
      fc.property(sample, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let mutated = text;
        for (const { at, kind, char } of edits) {
          const i = at % (mutated.length + 1);
          mutated =
            kind === 'insert'
              ? mutated.slice(0, i) + char + mutated.slice(i)
              : kind === 'replace'
                ? mutated.slice(0, i) + char + mutated.slice(i + 1)
                : mutated.slice(0, i) + mutated.slice(i + 1);
        }
        assertTyped(readX12(mutated));
        assertAnswered(mutated);
      }),
      RUNS,
    );
  });

  it('streaming in random chunks reads the same claims and issues as reading at once', async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 20 }), async (text, sizes) => {
        async function* chunks() {
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length];
            yield Buffer.from(text.slice(at, at + size), 'latin1');
            at += size;
          }
        }
        const streamed: unknown[] = [];
        const issues: string[] = [];
        for await (const event of streamX12(chunks())) {
          if (event.type === 'claim') streamed.push(event.claim);
          if (event.type === 'claim-payment') streamed.push(event.claimPayment);
          if (event.type === 'issue') issues.push(event.issue.code);
        }
        const read = readX12(text);
        const whole = read.interchanges.flatMap((i) =>
          i.groups.flatMap((g) =>
            g.transactionSets.flatMap((t): unknown[] =>
              t.content && 'claims' in t.content
                ? t.content.claims
                : t.content && 'remittance' in t.content
                  ? t.content.remittance.claimPayments
                  : [],
            ),
          ),
        );
        expect(streamed).toEqual(whole);
        expect(issues).toEqual(read.issues.map((i) => i.code));
      }),
      { numRuns: 60 },
    );
  });
});
