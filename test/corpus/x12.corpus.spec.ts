import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RemittanceDto } from '@concord/contracts';
import { readX12, type X12ReadResult } from '@concord/connectors/x12';

// Public X12 samples (badX12, imsweb x12-parser, pyx12) beside the repository; see ../shared/fixtures/SOURCES.md.
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(process.cwd(), '..', 'shared', 'fixtures');
const dir = join(fixtures, 'x12');

/** An expected issue: code (without the X12_ prefix), segment id, loop, element position. */
type Expected = [code: string, segmentId: string | undefined, loopId?: string, elementPosition?: number];

interface FixtureExpectation {
  /** What each transaction set is read as ('-' when it is not read). */
  kinds: string[];
  /** Every error, in order. Empty: the fixture is valid 5010. */
  errors: Expected[];
  warnings?: Expected[];
  /** Why, for fixtures that are not clean. */
  why?: string;
}

const guideExampleNpis = 'the guide example uses sample NPIs whose Luhn check digit (prefix 80840) is wrong';
const zip = '5010 requires the billing provider ZIP+4 (nine digits) in loop 2010AA';

/**
 * Each fixture's outcome, checked by hand against the implementation guides. The IG example 837s
 * (badX12 X222 …) predate the 5010 ZIP+4 rule or use made-up NPIs: those are real SNIP 2/4 findings,
 * named here precisely. 4010 interchanges are reported as an unsupported version, never mis-read;
 * 834 enrolment (005010X220A1) is outside Concord's guides and reported as such.
 */
const EXPECTED: Record<string, FixtureExpectation> = {
  'badx12-err__bad_file.edi': { kinds: [], errors: [['NOT_X12', undefined]], why: 'not X12 at all' },
  'badx12-err__error_validation.edi': {
    kinds: ['835'],
    errors: [
      ['INVALID_GROUP_HEADER', 'GS', undefined, 1],
      ['INVALID_GROUP_HEADER', 'GS', undefined, 2],
      ['INVALID_GROUP_HEADER', 'GS', undefined, 4],
      ['INVALID_NPI', 'N1', '1000B', 4],
      ['SEGMENT_COUNT_MISMATCH', 'SE', undefined, 1],
      ['TRANSACTION_CONTROL_NUMBER_MISMATCH', 'SE', undefined, 2],
      ['GROUP_TRANSACTION_COUNT_MISMATCH', 'GE', undefined, 1],
      ['GROUP_CONTROL_NUMBER_MISMATCH', 'GE', undefined, 2],
      ['INTERCHANGE_GROUP_COUNT_MISMATCH', 'IEA', undefined, 1],
      ['INTERCHANGE_CONTROL_NUMBER_MISMATCH', 'IEA', undefined, 2],
    ],
    why: 'deliberately broken: GS01 "HPO", GS02 one character, GS04 day 43, SE 30/112223 for 27 segments of ST 112233, GE 2/20213, IEA 2/000010215; payee NPI check digit',
  },
  'badx12-err__segment_terminator.edi': {
    kinds: [],
    errors: [['INTERCHANGE_TRAILER_MISSING', 'IEA']],
    why: 'an ISA (line feed as terminator) and nothing after it',
  },
  'badx12-err__unknown_segment_error.edi': {
    kinds: ['270'],
    errors: [
      ['SEGMENT_OUTSIDE_TRANSACTION', 'HL'],
      ['SEGMENT_OUTSIDE_TRANSACTION', 'NM1'],
      ['SEGMENT_OUTSIDE_TRANSACTION', 'HL'],
      ['UNEXPECTED_SEGMENT', 'NM1', 'HEADER'],
      ['HL_STRUCTURE', 'HL', '2000C', 1],
      ['HL_STRUCTURE', 'HL', '2000C', 2],
      ['SEGMENT_COUNT_MISMATCH', 'SE', undefined, 1],
      ['REQUIRED_SEGMENT_MISSING', 'NM1', '2100A'],
    ],
    why: 'HL*1, NM1*PR and HL*2 moved between GS and ST: outside the set, and the set lacks them (HL ids, parent, payer name, SE01)',
  },
  'badx12__X221-dollars-and-data-sent-separate.edi': {
    kinds: ['835'],
    errors: [['INVALID_NPI', 'N1', '1000B', 4]],
    why: `payee NPI: ${guideExampleNpis}`,
  },
  'badx12__X221-dollars-and-data-sent-together.edi': {
    kinds: ['835'],
    errors: [['INVALID_NPI', 'N1', '1000B', 4]],
    why: `payee NPI: ${guideExampleNpis}`,
  },
  'badx12__X221-era-sample.edi': { kinds: ['835'], errors: [] },
  'badx12__X221-multiple-claims-single-check.edi': { kinds: ['835'], errors: [] },
  'badx12__X221-secondary-payment-with-higher-fee-schedule.edi': { kinds: ['835'], errors: [] },
  'badx12__X221-secondary-payments.edi': { kinds: ['835'], errors: [] },
  'badx12__X221-tertiary-payments.edi': { kinds: ['835'], errors: [] },
  'badx12__X222-COB-claim-from-billing-provider-to-payer-a.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['INVALID_NPI', 'NM1', '2310B', 9],
      ['INVALID_NPI', 'NM1', '2310C', 9],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-ambulance.edi': { kinds: ['837P'], errors: [['INVALID_NPI', 'NM1', '2010AA', 9]], why: guideExampleNpis },
  'badx12__X222-anesthesia.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['INVALID_NPI', 'NM1', '2310B', 9],
      ['INVALID_NPI', 'NM1', '2310C', 9],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-chiropractic.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-commercial-health-insurance.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-encounter.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['INVALID_NPI', 'NM1', '2310C', 9],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-home-infusion-therapy-pharmacy-(adjudicated-with-NDC-in-loop-2410).edi': {
    kinds: ['837P'],
    errors: [
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['PATTERN_MISMATCH', 'REF', '2010AA', 2],
    ],
    why: `${zip}; REF*EI carries the EIN with a hyphen (the guide wants nine digits)`,
  },
  'badx12__X222-medicare-secondary-payer-COB.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['INVALID_NPI', 'NM1', '2310B', 9],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X222-out-of-network-repriced-claim.edi': {
    kinds: ['837P'],
    errors: [['INVALID_NPI', 'NM1', '2310B', 9]],
    why: guideExampleNpis,
  },
  'badx12__X222-oxygen.edi': {
    kinds: ['837P'],
    errors: [
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
    ],
    why: `${guideExampleNpis}; ${zip}`,
  },
  'badx12__X279-error-response-from-payer-to-clinic-not-eligible-for-inquiries-with-payer.edi': { kinds: ['271'], errors: [] },
  'badx12__X279-generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi': { kinds: ['270'], errors: [] },
  'badx12__X279-generic-request-by-physician-for-patient-(dependent)-eligibility.edi': { kinds: ['270'], errors: [] },
  'badx12__X279-response-to-generic-request-by-clinic-for-patient-(subscriber)-eligibility.edi': {
    kinds: ['271'],
    errors: [],
    warnings: [['EARLIER_GUIDE_RELEASE', 'GS', undefined, 8]],
  },
  'badx12__X279-response-to-generic-request-by-physician-for-patient-(dependent)-eligibility.edi': {
    kinds: ['271'],
    errors: [],
    warnings: [['EARLIER_GUIDE_RELEASE', 'GS', undefined, 8]],
  },
  'imsweb__x12_277CA_accepted.txt': {
    kinds: ['277CA'],
    errors: [['INVALID_NPI', 'NM1', '2100C', 9]],
    why: 'billing provider NPI 1234567890 fails the check digit',
  },
  'imsweb__x12_277CA_rejected.txt': {
    kinds: ['277CA'],
    errors: [['INVALID_NPI', 'NM1', '2100C', 9]],
    why: 'billing provider NPI 123456789 has nine digits',
  },
  'imsweb__x223-test.txt': {
    kinds: ['837I'],
    errors: [
      ['INVALID_SEPARATOR', 'ISA', undefined, 11],
      ['INVALID_NPI', 'NM1', '2010AA', 9],
      ['PATTERN_MISMATCH', 'N4', '2010AA', 3],
      ['SITUATIONAL_SEGMENT_MISSING', 'CLM', '2300'],
      ['INVALID_CODE_VALUE', 'CLM', '2300', 5],
      ['ELEMENT_NOT_USED', 'CLM', '2300', 6],
      ['ELEMENT_NOT_USED', 'CLM', '2300', 10],
      ['INVALID_CODE_VALUE', 'DTP', '2300', 2],
      ['SEGMENT_COUNT_MISMATCH', 'SE', undefined, 1],
      ['SITUATIONAL_SEGMENT_MISSING', 'NM1', '2310A'],
      ['SITUATIONAL_SEGMENT_MISSING', 'HI', '2300'],
      ['CLAIM_TOTAL_MISMATCH', 'CLM', '2300', 2],
    ],
    why: 'a parser test file: 4010 "U" in ISA11, SBR02 empty without a 2000C, CLM05-2 B and CLM06/CLM10 (professional values) on an 837I, DTP*434 as D8, SE01 25 for 48 segments, no attending provider or admitting diagnosis on an inpatient bill, CLM02 500 for a 73.42 line',
  },
  'pyx12-hist__835_simple.txt': { kinds: ['-'], errors: [['UNSUPPORTED_VERSION', 'ISA', undefined, 12]], why: '4010' },
  'pyx12-hist__fail_no_IEA.txt': {
    kinds: ['-'],
    errors: [
      ['UNSUPPORTED_VERSION', 'ISA', undefined, 12],
      ['SEGMENT_COUNT_MISMATCH', 'SE', undefined, 1],
      ['INTERCHANGE_TRAILER_MISSING', 'IEA'],
    ],
    why: '4010, SE*0, no IEA: the envelope is still checked',
  },
  'pyx12-hist__simple_837i.txt': { kinds: ['-'], errors: [['UNSUPPORTED_VERSION', 'ISA', undefined, 12]], why: '4010' },
  'pyx12-hist__simple_837p.txt': { kinds: ['-'], errors: [['UNSUPPORTED_VERSION', 'ISA', undefined, 12]], why: '4010' },
  'pyx12-hist__trailer_errors.txt': {
    kinds: ['-', '-'],
    errors: [
      ['UNSUPPORTED_VERSION', 'ISA', undefined, 12],
      ['SEGMENT_COUNT_MISMATCH', 'SE', undefined, 1],
      ['GROUP_CONTROL_NUMBER_MISMATCH', 'GE', undefined, 2],
      ['INTERCHANGE_GROUP_COUNT_MISMATCH', 'IEA', undefined, 1],
      ['INTERCHANGE_CONTROL_NUMBER_MISMATCH', 'IEA', undefined, 2],
    ],
    why: '4010 with deliberately wrong trailers',
  },
  'pyx12__834_deident_family.txt': {
    kinds: ['-'],
    errors: [['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8]],
    why: '834 enrolment is not a Concord guide',
  },
  'pyx12__834_deident_new_enroll.txt': {
    kinds: ['-'],
    errors: [['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8]],
    why: '834 enrolment is not a Concord guide',
  },
  'pyx12__834_deident_term.txt': {
    kinds: ['-'],
    errors: [['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8]],
    why: '834 enrolment is not a Concord guide',
  },
  'pyx12__834_ls_le_ls.txt': {
    kinds: ['-'],
    errors: [['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8]],
    why: '834 enrolment is not a Concord guide',
  },
  'pyx12__834_ls_le_ls_5010.999.txt': { kinds: ['999'], errors: [], warnings: [['EARLIER_GUIDE_RELEASE', 'GS', undefined, 8]] },
  'pyx12__834_lui_id_5010.999.txt': {
    kinds: ['999', '999', '999', '999'],
    errors: [],
    warnings: [
      ['EARLIER_GUIDE_RELEASE', 'GS', undefined, 8],
      ['EARLIER_GUIDE_RELEASE', 'GS', undefined, 8],
    ],
  },
  'pyx12__835_mult_loops.txt': { kinds: ['835'], errors: [] },
  'pyx12__example834_5010.txt': {
    kinds: ['-'],
    errors: [['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8]],
    why: '834 enrolment is not a Concord guide',
  },
  'pyx12__multiple_st_loops.txt': {
    kinds: ['-', '-', '-', '-'],
    errors: [
      ['INVALID_SEPARATOR', 'ISA', undefined, 11],
      ['UNSUPPORTED_GUIDE_VERSION', 'GS', undefined, 8],
    ],
    why: '4010 "U" in ISA11 of a 5010 interchange; 834 is not a Concord guide',
  },
};

const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => !f.endsWith('.md'))
      .sort()
  : [];

function shape(issues: X12ReadResult['issues'], severity: 'error' | 'warning'): Expected[] {
  return issues
    .filter((i) => i.severity === severity)
    .map((i): Expected => {
      const row: Expected = [i.code.replace(/^X12_/, ''), i.location.segmentId];
      if (i.location.loopId !== undefined || i.location.elementPosition !== undefined) row.push(i.location.loopId);
      if (i.location.elementPosition !== undefined) row.push(i.location.elementPosition);
      return row;
    });
}

function remittancesOf(read: X12ReadResult): RemittanceDto[] {
  return read.interchanges.flatMap((i) =>
    i.groups.flatMap((g) => g.transactionSets.flatMap((t) => (t.content?.kind === '835' ? [t.content.remittance] : []))),
  );
}

const sum = (amounts: { amount: { amount: number } }[]) => amounts.reduce((total, a) => total + a.amount.amount, 0);

describe.skipIf(!existsSync(dir))('X12 corpus (../shared/fixtures/x12)', () => {
  it('has an expectation for every fixture, and every expectation has its fixture', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', (file) => {
    const expectation = EXPECTED[file];
    const read = readX12(readFileSync(join(dir, file)));
    expect(read.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactionSets.map((t) => t.kind ?? '-')))).toEqual(
      expectation.kinds,
    );
    expect(shape(read.issues, 'error')).toEqual(expectation.errors);
    expect(shape(read.issues, 'warning')).toEqual(expectation.warnings ?? []);
    expect(read.valid).toBe(expectation.errors.length === 0);
    for (const issue of read.issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it.each(files.filter((f) => EXPECTED[f].kinds.includes('835')))('%s: every claim payment and the check balance to the cent', (file) => {
    const remittances = remittancesOf(readX12(readFileSync(join(dir, file))));
    expect(remittances.length).toBeGreaterThan(0);
    for (const remittance of remittances) {
      for (const claim of remittance.claimPayments) {
        const lineAdjustments = claim.serviceLines.reduce((total, line) => total + sum(line.adjustments), 0);
        expect(claim.charge.amount - claim.paid.amount, `claim payment ${claim.patientControlNumber}`).toBe(
          sum(claim.adjustments) + lineAdjustments,
        );
        for (const line of claim.serviceLines) expect(line.charge.amount - line.paid.amount).toBe(sum(line.adjustments));
      }
      expect(remittance.totalPaid.amount).toBe(
        remittance.claimPayments.reduce((total, c) => total + c.paid.amount, 0) - sum(remittance.providerAdjustments),
      );
    }
  });
});
