import { CLAIM_FILING_INDICATORS } from '@concord/contracts';
import { el, segmentRule, type SegmentRule } from '../snip-validator';

/**
 * Element rules of the 837P (005010X222A1) and 837I (005010X223A2) segments Concord reads, per loop:
 * required and not-used elements, lengths and code values as the guides set them.
 */

const { an, id, n0, r, dt, tm, composite, notUsed } = el;
const S = { usage: 'S' as const };

export const BHT = segmentRule('BHT', {
  1: id(['0019'], 4, 4, { ref: 1005 }),
  2: id(['00', '18'], 2, 2, { ref: 353 }),
  3: an(1, 50, { ref: 127 }),
  4: dt(8, { ref: 373 }),
  5: tm(4, 8, { ref: 337 }),
  6: id(['31', 'CH', 'RP'], 2, 2, { ref: 640 }),
});

function nm1(
  entityCodes: readonly string[],
  entityTypes: readonly string[],
  idQualifiers: readonly string[] | undefined,
  idUsage: 'R' | 'S' | 'N',
): SegmentRule {
  return segmentRule('NM1', {
    1: id(entityCodes, 2, 3, { ref: 98 }),
    2: id(entityTypes, 1, 1, { ref: 1065 }),
    3: an(1, 60, { ref: 1035 }),
    4: an(1, 35, { ...S, ref: 1036 }),
    5: an(1, 25, { ...S, ref: 1037 }),
    6: notUsed(),
    7: an(1, 10, { ...S, ref: 1039 }),
    8: idQualifiers ? id(idQualifiers, 1, 2, { usage: idUsage, ref: 66 }) : notUsed(),
    9: idUsage === 'N' ? notUsed() : an(2, 80, { usage: idUsage, ref: 67 }),
    10: notUsed(),
    11: notUsed(),
    12: notUsed(),
  });
}

export const NM1_SUBMITTER = nm1(['41'], ['1', '2'], ['46'], 'R');
export const NM1_RECEIVER = nm1(['40'], ['2'], ['46'], 'R');
export const NM1_BILLING_PROVIDER = nm1(['85'], ['1', '2'], ['XX'], 'R');
/** 2010AB pay-to address: only the entity code and type; the name is not used. */
export const NM1_PAY_TO_ADDRESS = segmentRule('NM1', {
  1: id(['87'], 2, 3, { ref: 98 }),
  2: id(['1', '2'], 1, 1, { ref: 1065 }),
  3: notUsed(),
  4: notUsed(),
  5: notUsed(),
  6: notUsed(),
  7: notUsed(),
  8: notUsed(),
  9: notUsed(),
});
export const NM1_PAY_TO_PLAN = nm1(['PE'], ['2'], ['PI', 'XV'], 'R');
export const NM1_SUBSCRIBER = nm1(['IL'], ['1', '2'], ['II', 'MI'], 'R');
export const NM1_PAYER = nm1(['PR'], ['2'], ['PI', 'XV'], 'R');
export const NM1_PATIENT = nm1(['QC'], ['1'], undefined, 'N');
/** Providers of loops 2310x and 2420x: an NPI when the provider has one. */
export const NM1_CLAIM_PROVIDER = nm1(['71', '72', 'ZZ', '82', 'DN', 'P3', '77', 'DQ', 'QB', 'DK'], ['1', '2'], ['XX'], 'S');
/** Ambulance pick-up (PW) and drop-off (45) locations: a place, named only when it has a name. */
export const NM1_AMBULANCE_LOCATION = segmentRule('NM1', {
  1: id(['PW', '45'], 2, 3, { ref: 98 }),
  2: id(['2'], 1, 1, { ref: 1065 }),
  3: an(1, 60, { ...S, ref: 1035 }),
});

export const PER_SUBMITTER = segmentRule('PER', {
  1: id(['IC'], 2, 2, { ref: 366 }),
  2: an(1, 60, { ...S, ref: 93 }),
  3: id(['EM', 'FX', 'TE'], 2, 2, { ref: 365 }),
  4: an(1, 256, { ref: 364 }),
  5: id(['EM', 'EX', 'FX', 'TE'], 2, 2, { ...S, ref: 365 }),
  6: an(1, 256, { ...S, ref: 364 }),
  7: id(['EM', 'EX', 'FX', 'TE'], 2, 2, { ...S, ref: 365 }),
  8: an(1, 256, { ...S, ref: 364 }),
});

export const N3 = segmentRule('N3', { 1: an(1, 55, { ref: 166 }), 2: an(1, 55, { ...S, ref: 166 }) });
export const N4 = segmentRule('N4', {
  1: an(2, 30, { ref: 19 }),
  2: id(undefined, 2, 2, { ...S, ref: 156 }),
  3: id(undefined, 3, 15, { ...S, ref: 116 }),
  4: id(undefined, 2, 3, { ...S, ref: 26 }),
  7: id(undefined, 1, 3, { ...S, ref: 1715 }),
});

export function ref(qualifiers: readonly string[]): SegmentRule {
  return segmentRule('REF', { 1: id(qualifiers, 2, 3, { ref: 128 }), 2: an(1, 50, { ref: 127 }) });
}
export const REF_BILLING_TAX_ID = ref(['EI', 'SY']);

export const HL = segmentRule('HL', {
  1: an(1, 12, { ref: 628 }),
  2: an(1, 12, { ...S, ref: 734 }),
  3: id(['20', '22', '23'], 1, 2, { ref: 735 }),
  4: id(['0', '1'], 1, 1, { ref: 736 }),
});

export const PRV = segmentRule('PRV', {
  1: id(['BI', 'PE', 'AT', 'OP', 'OT', 'RF', 'PT', 'SU'], 2, 3, { ref: 1221 }),
  2: id(['PXC'], 2, 3, { ref: 128 }),
  3: an(1, 50, { ref: 127 }),
});

export const SBR_SUBSCRIBER = segmentRule('SBR', {
  1: id(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'P', 'S', 'T', 'U'], 1, 1, { ref: 1138 }),
  2: id(['18'], 2, 2, { ...S, ref: 1069 }),
  3: an(1, 50, { ...S, ref: 127 }),
  4: an(1, 60, { ...S, ref: 93 }),
  5: id(undefined, 1, 3, { ...S, ref: 1336 }),
  6: notUsed(),
  7: notUsed(),
  8: notUsed(),
  9: id(CLAIM_FILING_INDICATORS, 1, 2, { ref: 1032 }),
});

export const DMG = segmentRule('DMG', {
  1: id(['D8'], 2, 3, { ref: 1250 }),
  2: dt(8, { ref: 1251 }),
  3: id(['F', 'M', 'U'], 1, 1, { ref: 1068 }),
});

export const PAT = segmentRule('PAT', {
  1: id(['01', '19', '20', '21', '39', '40', '53', 'G8'], 2, 2, { ref: 1069 }),
});

const CLM_COMMON = {
  1: an(1, 38, { ref: 1028 }),
  2: r(1, 18, { ref: 782 }),
  3: notUsed(),
  4: notUsed(),
  7: id(['A', 'B', 'C'], 1, 1, { ref: 1359 }),
  8: id(['N', 'W', 'Y'], 1, 1, { ref: 1073 }),
  9: id(['I', 'Y'], 1, 1, { ref: 1363 }),
};

export const CLM_PROFESSIONAL = segmentRule('CLM', {
  ...CLM_COMMON,
  5: composite('R', [id(undefined, 1, 2, { ref: 1331 }), id(['B'], 1, 2, { ref: 1332 }), id(['1', '6', '7', '8'], 1, 1, { ref: 1325 })]),
  6: id(['N', 'Y'], 1, 1, { ref: 1073 }),
  10: id(['P'], 1, 1, { ...S, ref: 1351 }),
  11: composite('S', [
    id(['AA', 'EM', 'OA'], 2, 3, { ref: 1362 }),
    id(['AA', 'EM', 'OA'], 2, 3, { ...S, ref: 1362 }),
    notUsed(),
    an(2, 2, { ...S, ref: 156 }),
    an(2, 3, { ...S, ref: 26 }),
  ]),
  12: id(['02', '03', '05', '09'], 2, 3, { ...S, ref: 1366 }),
  13: notUsed(),
  14: notUsed(),
  15: notUsed(),
  16: notUsed(),
  17: notUsed(),
  18: notUsed(),
  19: notUsed(),
  20: id(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '15'], 1, 2, { ...S, ref: 1514 }),
});

export const CLM_INSTITUTIONAL = segmentRule('CLM', {
  ...CLM_COMMON,
  5: composite('R', [
    id(undefined, 2, 2, { ref: 1331 }),
    id(['A'], 1, 2, { ref: 1332 }),
    id(
      [
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '7',
        '8',
        '9',
        'A',
        'B',
        'C',
        'D',
        'E',
        'F',
        'G',
        'H',
        'I',
        'J',
        'K',
        'M',
        'O',
        'P',
        'Q',
        'X',
        'Y',
        'Z',
      ],
      1,
      1,
      { ref: 1325 },
    ),
  ]),
  6: notUsed(),
  10: notUsed(),
  20: id(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '15'], 1, 2, { ...S, ref: 1514 }),
});

export function dtp(qualifiers: readonly string[], formats: readonly string[]): SegmentRule {
  return segmentRule('DTP', { 1: id(qualifiers, 3, 3, { ref: 374 }), 2: id(formats, 2, 3, { ref: 1250 }), 3: an(1, 35, { ref: 1251 }) });
}

export const CL1 = segmentRule('CL1', {
  1: id(undefined, 1, 1, { ...S, ref: 1314 }),
  2: id(undefined, 1, 1, { ...S, ref: 1315 }),
  3: id(undefined, 1, 2, { ...S, ref: 1352 }),
  4: notUsed(),
});

export const LX = segmentRule('LX', { 1: n0(1, 6, { ref: 554 }) });

const PROCEDURE_COMPOSITE = (qualifiers: readonly string[], usage: 'R' | 'S') =>
  composite(usage, [
    id(qualifiers, 2, 2, { ref: 235 }),
    an(1, 48, { ref: 234 }),
    an(2, 2, { ...S, ref: 1339 }),
    an(2, 2, { ...S, ref: 1339 }),
    an(2, 2, { ...S, ref: 1339 }),
    an(2, 2, { ...S, ref: 1339 }),
    an(1, 80, { ...S, ref: 352 }),
    notUsed(),
  ]);

export const SV1 = segmentRule('SV1', {
  1: PROCEDURE_COMPOSITE(['ER', 'HC', 'IV', 'WK'], 'R'),
  2: r(1, 18, { ref: 782 }),
  3: id(['MJ', 'UN'], 2, 2, { ref: 355 }),
  4: r(1, 15, { ref: 380 }),
  5: an(1, 2, { ...S, ref: 1331 }),
  6: notUsed(),
  7: composite('R', [n0(1, 2, { ref: 1328 }), n0(1, 2, { ...S, ref: 1328 }), n0(1, 2, { ...S, ref: 1328 }), n0(1, 2, { ...S, ref: 1328 })]),
  8: notUsed(),
  9: id(['Y'], 1, 1, { ...S, ref: 1073 }),
  10: notUsed(),
  11: id(['Y'], 1, 1, { ...S, ref: 1073 }),
  12: id(['Y'], 1, 1, { ...S, ref: 1073 }),
  13: notUsed(),
  14: notUsed(),
  15: id(['0'], 1, 1, { ...S, ref: 1327 }),
});

export const SV2 = segmentRule('SV2', {
  1: an(1, 48, { ref: 234 }),
  2: PROCEDURE_COMPOSITE(['ER', 'HC', 'HP', 'IV', 'WK'], 'S'),
  3: r(1, 18, { ref: 782 }),
  4: id(['DA', 'UN'], 2, 2, { ref: 355 }),
  5: r(1, 15, { ref: 380 }),
  6: r(1, 10, { ...S, ref: 1371 }),
  7: r(1, 18, { ...S, ref: 782 }),
  8: notUsed(),
  9: notUsed(),
  10: notUsed(),
});

/** Segments each 837 loop may hold (besides the ones that start a loop). */
export const LOOP_SEGMENTS_837: Readonly<Record<string, ReadonlySet<string>>> = {
  HEADER: new Set(['BHT']),
  '1000A': new Set(['NM1', 'N2', 'PER']),
  '1000B': new Set(['NM1']),
  '2000A': new Set(['HL', 'PRV', 'CUR']),
  '2010AA': new Set(['NM1', 'N3', 'N4', 'REF', 'PER']),
  '2010AB': new Set(['NM1', 'N3', 'N4']),
  '2010AC': new Set(['NM1', 'N3', 'N4', 'REF']),
  '2000B': new Set(['HL', 'SBR', 'PAT']),
  '2010BA': new Set(['NM1', 'N3', 'N4', 'DMG', 'REF', 'PER']),
  '2010BB': new Set(['NM1', 'N3', 'N4', 'REF']),
  '2000C': new Set(['HL', 'PAT']),
  '2010CA': new Set(['NM1', 'N3', 'N4', 'DMG', 'REF']),
  '2300': new Set(['CLM', 'DTP', 'CL1', 'PWK', 'CN1', 'AMT', 'REF', 'K3', 'NTE', 'CR1', 'CR2', 'CR6', 'CRC', 'HI', 'HCP']),
  '2310': new Set(['NM1', 'PRV', 'N3', 'N4', 'REF']),
  '2320': new Set(['SBR', 'CAS', 'AMT', 'OI', 'MIA', 'MOA']),
  '2330': new Set(['NM1', 'N3', 'N4', 'REF', 'DTP', 'PER']),
  '2400': new Set([
    'LX',
    'SV1',
    'SV2',
    'SV5',
    'PWK',
    'CR1',
    'CR3',
    'CRC',
    'DTP',
    'QTY',
    'MEA',
    'CN1',
    'REF',
    'AMT',
    'K3',
    'NTE',
    'PS1',
    'HCP',
  ]),
  '2410': new Set(['LIN', 'CTP', 'REF']),
  '2420': new Set(['NM1', 'PRV', 'N3', 'N4', 'REF', 'PER']),
  '2430': new Set(['SVD', 'CAS', 'DTP', 'AMT']),
  '2440': new Set(['LQ', 'FRM']),
};

/** Loop ids of the provider NM1s under a claim (2310x), a line (2420x) and other payers (2330x), by entity code. */
export const PROVIDER_LOOPS = {
  '837P': {
    claim: { DN: '2310A', P3: '2310A', '82': '2310B', '77': '2310C', DQ: '2310D', PW: '2310E', '45': '2310F' },
    line: { '82': '2420A', QB: '2420B', '77': '2420C', DQ: '2420D', DK: '2420E', DN: '2420F', PW: '2420G', '45': '2420H' },
    otherPayer: {
      IL: '2330A',
      PR: '2330B',
      DN: '2330C',
      P3: '2330C',
      '82': '2330D',
      '77': '2330E',
      DQ: '2330F',
      '85': '2330G',
      PW: '2330F',
      '45': '2330F',
    },
  },
  '837I': {
    claim: { '71': '2310A', '72': '2310B', ZZ: '2310C', '82': '2310D', '77': '2310E', DN: '2310F' },
    line: { '72': '2420A', ZZ: '2420B', '82': '2420C', DN: '2420D' },
    otherPayer: { IL: '2330A', PR: '2330B', '71': '2330C', '72': '2330D', ZZ: '2330E', '77': '2330F', '82': '2330G', DN: '2330H' },
  },
} as const satisfies Record<string, Record<string, Record<string, string>>>;
