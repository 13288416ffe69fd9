import { CLAIM_FILING_INDICATORS } from '@concord/contracts';
import { el, segmentRule } from '../snip-validator';

/** Element rules of the 835 (005010X221A1) segments Concord reads, per loop. */

const { an, id, n0, r, dt, composite, notUsed } = el;
const S = { usage: 'S' as const };

export const BPR = segmentRule('BPR', {
  1: id(['C', 'D', 'H', 'I', 'P', 'U', 'X'], 1, 2, { ref: 305 }),
  2: r(1, 18, { ref: 782 }),
  3: id(['C', 'D'], 1, 1, { ref: 478 }),
  4: id(['ACH', 'BOP', 'CHK', 'FWT', 'NON'], 3, 3, { ref: 591 }),
  5: id(['CCP', 'CTX'], 3, 10, { ...S, ref: 812 }),
  6: id(['01', '04'], 2, 2, { ...S, ref: 506 }),
  7: an(3, 12, { ...S, ref: 507 }),
  8: id(['DA'], 1, 3, { ...S, ref: 569 }),
  9: an(1, 35, { ...S, ref: 508 }),
  10: an(10, 10, { ...S, ref: 509 }),
  11: an(9, 9, { ...S, ref: 510 }),
  12: id(['01', '04'], 2, 2, { ...S, ref: 506 }),
  13: an(3, 12, { ...S, ref: 507 }),
  14: id(['DA', 'SG'], 1, 3, { ...S, ref: 569 }),
  15: an(1, 35, { ...S, ref: 508 }),
  16: dt(8, { ref: 373 }),
  17: notUsed(),
  18: notUsed(),
  19: notUsed(),
  20: notUsed(),
  21: notUsed(),
});

export const TRN = segmentRule('TRN', {
  1: id(['1'], 1, 2, { ref: 481 }),
  2: an(1, 50, { ref: 127 }),
  3: an(10, 10, { ref: 509 }),
  4: an(1, 50, { ...S, ref: 127 }),
});

export const DTM_PRODUCTION = segmentRule('DTM', { 1: id(['405'], 3, 3, { ref: 374 }), 2: dt(8, { ref: 373 }) });
export const DTM_CLAIM = segmentRule('DTM', { 1: id(['036', '037', '050', '232', '233'], 3, 3, { ref: 374 }), 2: dt(8, { ref: 373 }) });
export const DTM_SERVICE = segmentRule('DTM', { 1: id(['150', '151', '472'], 3, 3, { ref: 374 }), 2: dt(8, { ref: 373 }) });

export const N1_PAYER = segmentRule('N1', {
  1: id(['PR'], 2, 3, { ref: 98 }),
  2: an(1, 60, { ref: 93 }),
  3: id(['XV'], 1, 2, { ...S, ref: 66 }),
  4: an(2, 80, { ...S, ref: 67 }),
});
export const N1_PAYEE = segmentRule('N1', {
  1: id(['PE'], 2, 3, { ref: 98 }),
  2: an(1, 60, { ref: 93 }),
  3: id(['FI', 'XV', 'XX'], 1, 2, { ref: 66 }),
  4: an(2, 80, { ref: 67 }),
});

export const PER_PAYER = segmentRule('PER', {
  1: id(['BL', 'CX', 'IC'], 2, 2, { ref: 366 }),
  2: an(1, 60, { ...S, ref: 93 }),
  3: id(['EM', 'FX', 'TE', 'UR'], 2, 2, { ...S, ref: 365 }),
  4: an(1, 256, { ...S, ref: 364 }),
  5: id(['EM', 'EX', 'FX', 'TE', 'UR'], 2, 2, { ...S, ref: 365 }),
  6: an(1, 256, { ...S, ref: 364 }),
  7: id(['EM', 'EX', 'FX', 'UR'], 2, 2, { ...S, ref: 365 }),
  8: an(1, 256, { ...S, ref: 364 }),
});

export const LX = segmentRule('LX', { 1: n0(1, 6, { ref: 554 }) });

export const CLP = segmentRule('CLP', {
  1: an(1, 38, { ref: 1028 }),
  2: id(['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'], 1, 2, { ref: 1029 }),
  3: r(1, 18, { ref: 782 }),
  4: r(1, 18, { ref: 782 }),
  5: r(1, 18, { ...S, ref: 782 }),
  6: id(CLAIM_FILING_INDICATORS, 1, 2, { ref: 1032 }),
  7: an(1, 50, { ref: 127 }),
  8: an(1, 2, { ...S, ref: 1331 }),
  9: id(undefined, 1, 1, { ...S, ref: 1325 }),
  10: notUsed(),
  11: an(1, 4, { ...S, ref: 1354 }),
  12: r(1, 15, { ...S, ref: 380 }),
  13: r(1, 10, { ...S, ref: 954 }),
  14: notUsed(),
});

const casElements: Record<number, ReturnType<typeof an>> = {
  1: id(['CO', 'OA', 'PI', 'PR'], 1, 2, { ref: 1033 }),
  2: id(undefined, 1, 5, { ref: 1034 }),
  3: r(1, 18, { ref: 782 }),
  4: r(1, 15, { ...S, ref: 380 }),
};
for (let k = 1; k < 6; k++) {
  casElements[2 + 3 * k] = id(undefined, 1, 5, { ...S, ref: 1034 });
  casElements[3 + 3 * k] = r(1, 18, { ...S, ref: 782 });
  casElements[4 + 3 * k] = r(1, 15, { ...S, ref: 380 });
}
export const CAS = segmentRule('CAS', casElements);

export const NM1_PATIENT = segmentRule('NM1', {
  1: id(['QC'], 2, 3, { ref: 98 }),
  2: id(['1'], 1, 1, { ref: 1065 }),
  3: an(1, 60, { ...S, ref: 1035 }),
  4: an(1, 35, { ...S, ref: 1036 }),
  5: an(1, 25, { ...S, ref: 1037 }),
  6: notUsed(),
  7: an(1, 10, { ...S, ref: 1039 }),
  8: id(['34', 'HN', 'II', 'MI', 'MR'], 1, 2, { ...S, ref: 66 }),
  9: an(2, 80, { ...S, ref: 67 }),
});

export const AMT_CLAIM = segmentRule('AMT', {
  1: id(['AU', 'D8', 'DY', 'F5', 'I', 'NL', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'], 1, 3, { ref: 522 }),
  2: r(1, 18, { ref: 782 }),
});
export const AMT_SERVICE = segmentRule('AMT', {
  1: id(['B6', 'KH', 'T', 'T2', 'ZK', 'ZL', 'ZM', 'ZN', 'ZO'], 1, 3, { ref: 522 }),
  2: r(1, 18, { ref: 782 }),
});

const PROCEDURE = composite('R', [
  id(['AD', 'ER', 'HC', 'HP', 'IV', 'N4', 'N6', 'NU', 'UI', 'WK'], 2, 2, { ref: 235 }),
  an(1, 48, { ref: 234 }),
  an(2, 2, { ...S, ref: 1339 }),
  an(2, 2, { ...S, ref: 1339 }),
  an(2, 2, { ...S, ref: 1339 }),
  an(2, 2, { ...S, ref: 1339 }),
  an(1, 80, { ...S, ref: 352 }),
  an(1, 48, { ...S, ref: 234 }),
]);

export const SVC = segmentRule('SVC', {
  1: PROCEDURE,
  2: r(1, 18, { ref: 782 }),
  3: r(1, 18, { ref: 782 }),
  4: an(1, 48, { ...S, ref: 234 }),
  5: r(1, 15, { ...S, ref: 380 }),
  6: { ...PROCEDURE, usage: 'S' as const },
  7: r(1, 15, { ...S, ref: 380 }),
});

export const LQ = segmentRule('LQ', { 1: id(['HE', 'RX'], 1, 3, { ref: 1270 }), 2: an(1, 30, { ref: 1271 }) });

/** PLB03 adjustment reason codes of 5010. */
export const PLB_REASONS = [
  '50',
  '51',
  '72',
  '90',
  'AH',
  'AM',
  'AP',
  'B2',
  'B3',
  'BD',
  'BN',
  'C5',
  'CR',
  'CS',
  'CT',
  'CV',
  'CW',
  'DM',
  'E3',
  'FB',
  'FC',
  'GO',
  'HM',
  'IP',
  'IR',
  'IS',
  'J1',
  'L3',
  'L6',
  'LE',
  'LS',
  'OA',
  'OB',
  'PI',
  'PL',
  'RA',
  'RE',
  'SL',
  'TL',
  'WO',
  'WU',
] as const;

const plbElements: Record<number, ReturnType<typeof an>> = {
  1: an(1, 50, { ref: 127 }),
  2: dt(8, { ref: 373 }),
  3: composite('R', [id(PLB_REASONS, 2, 2, { ref: 426 }), an(1, 50, { ...S, ref: 127 })]),
  4: r(1, 18, { ref: 782 }),
};
for (let k = 1; k < 6; k++) {
  plbElements[3 + 2 * k] = composite('S', [id(PLB_REASONS, 2, 2, { ref: 426 }), an(1, 50, { ...S, ref: 127 })]);
  plbElements[4 + 2 * k] = r(1, 18, { ...S, ref: 782 });
}
export const PLB = segmentRule('PLB', plbElements);

/** Segments each 835 loop may hold. */
export const LOOP_SEGMENTS_835: Readonly<Record<string, ReadonlySet<string>>> = {
  HEADER: new Set(['BPR', 'TRN', 'CUR', 'REF', 'DTM']),
  '1000A': new Set(['N1', 'N3', 'N4', 'REF', 'PER']),
  '1000B': new Set(['N1', 'N3', 'N4', 'REF', 'RDM']),
  '2000': new Set(['LX', 'TS3', 'TS2']),
  '2100': new Set(['CLP', 'CAS', 'NM1', 'MIA', 'MOA', 'REF', 'DTM', 'PER', 'AMT', 'QTY']),
  '2110': new Set(['SVC', 'DTM', 'CAS', 'REF', 'AMT', 'QTY', 'LQ']),
  SUMMARY: new Set(['PLB']),
};
