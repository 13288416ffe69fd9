import { el, segmentRule } from '../snip-validator';

/** Element rules of the 270/271 (005010X279A1) segments Concord reads. */

const { an, id, r, dt, tm, composite } = el;
const S = { usage: 'S' as const };

export const BHT_270 = segmentRule('BHT', {
  1: id(['0022'], 4, 4, { ref: 1005 }),
  2: id(['01', '13', '36'], 2, 2, { ref: 353 }),
  3: an(1, 50, { ...S, ref: 127 }),
  4: dt(8, { ref: 373 }),
  5: tm(4, 8, { ref: 337 }),
  6: id(['RT'], 2, 2, { ...S, ref: 640 }),
});
export const BHT_271 = segmentRule('BHT', {
  1: id(['0022'], 4, 4, { ref: 1005 }),
  2: id(['06', '11'], 2, 2, { ref: 353 }),
  3: an(1, 50, { ...S, ref: 127 }),
  4: dt(8, { ref: 373 }),
  5: tm(4, 8, { ref: 337 }),
});
export const HL = segmentRule('HL', {
  1: an(1, 12, { ref: 628 }),
  2: an(1, 12, { ...S, ref: 734 }),
  3: id(['20', '21', '22', '23'], 1, 2, { ref: 735 }),
  4: id(['0', '1'], 1, 1, { ref: 736 }),
});
export const TRN = segmentRule('TRN', {
  1: id(['1', '2'], 1, 2, { ref: 481 }),
  2: an(1, 50, { ref: 127 }),
  3: an(10, 10, { ref: 509 }),
  4: an(1, 50, { ...S, ref: 127 }),
});
export const EQ = segmentRule('EQ', {
  1: id(undefined, 1, 2, { ...S, ref: 1365, repeat: 99 }),
  2: composite('S', [id(['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ'], 2, 2, { ref: 235 }), an(1, 48, { ref: 234 })]),
  3: id(['FAM', 'IND'], 3, 3, { ...S, ref: 1207 }),
});
export const EB = segmentRule('EB', {
  1: id(
    [
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      'A',
      'B',
      'C',
      'CB',
      'D',
      'E',
      'F',
      'G',
      'H',
      'I',
      'J',
      'K',
      'L',
      'M',
      'MC',
      'N',
      'O',
      'P',
      'Q',
      'R',
      'S',
      'T',
      'U',
      'V',
      'W',
      'X',
      'Y',
    ],
    1,
    2,
    { ref: 1390 },
  ),
  2: id(['CHD', 'DEP', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO'], 3, 3, { ...S, ref: 1207 }),
  3: id(undefined, 1, 2, { ...S, ref: 1365, repeat: 99 }),
  4: id(undefined, 1, 3, { ...S, ref: 1336 }),
  5: an(1, 50, { ...S, ref: 1204 }),
  6: id(undefined, 1, 2, { ...S, ref: 615 }),
  7: r(1, 18, { ...S, ref: 782 }),
  8: r(1, 10, { ...S, ref: 954 }),
  9: id(undefined, 2, 2, { ...S, ref: 673 }),
  10: r(1, 15, { ...S, ref: 380 }),
  11: id(['N', 'U', 'Y'], 1, 1, { ...S, ref: 1073 }),
  12: id(['N', 'U', 'W', 'Y'], 1, 1, { ...S, ref: 1073 }),
});
export const AAA = segmentRule('AAA', {
  1: id(['N', 'Y'], 1, 1, { ref: 1073 }),
  2: an(1, 30, { ...S }),
  3: id(undefined, 2, 2, { ref: 901 }),
  4: id(['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'], 1, 1, { ref: 889 }),
});
export const DMG = segmentRule('DMG', {
  1: id(['D8'], 2, 3, { ref: 1250 }),
  2: dt(8, { ref: 1251 }),
  3: id(['F', 'M', 'U'], 1, 1, { ...S, ref: 1068 }),
});
