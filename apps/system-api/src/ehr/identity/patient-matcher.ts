import type { PatientDto } from '@concord/contracts';

/**
 * Probabilistic patient matching (Fellegi–Sunter style: agreement weights per field, summed to a score in [0, 1]).
 *
 * | field      | agrees                                   | weight | partly agrees                            | weight |
 * | ---------- | ---------------------------------------- | -----: | ---------------------------------------- | -----: |
 * | family     | equal after normalising                  |   0.30 | one edit apart (typo), or one is a prefix |  0.20 |
 * | given      | first given names equal                  |   0.20 | same initial                             |   0.08 |
 * | birthDate  | equal                                    |   0.30 | day and month swapped, or one digit off  |   0.15 |
 * | sex        | equal (both known)                       |   0.10 | differ (both known): −0.20               |        |
 * | address    | same postal code and first line          |   0.10 | same postal code                         |   0.05 |
 *
 * Normalising: upper case, accents and punctuation removed, spaces collapsed. A pair scoring at least
 * DUPLICATE_THRESHOLD (0.80) is a potential duplicate: e.g. same name and birth date (0.80) or a typo in the family
 * name with everything else equal (0.90); same name with another birth date (at most 0.70) is not. Two records
 * sharing an identifier (same system and value) are the same patient whatever the score (deterministic match).
 */
export const DUPLICATE_THRESHOLD = 0.8;

export interface MatchResult {
  score: number;
  matchedOn: string[];
  /** True when an identifier is shared (the deterministic rule). */
  sameIdentifier: boolean;
}

export function matchPatients(a: PatientDto, b: PatientDto): MatchResult {
  const sameIdentifier = a.identifiers.some((x) => b.identifiers.some((y) => x.system === y.system && x.value === y.value));
  const matchedOn: string[] = [];
  let score = 0;

  const familyA = normalise(a.name.family);
  const familyB = normalise(b.name.family);
  if (familyA && familyA === familyB) {
    score += 0.3;
    matchedOn.push('family');
  } else if (
    familyA &&
    familyB &&
    (editDistanceAtMostOne(familyA, familyB) || familyA.startsWith(familyB) || familyB.startsWith(familyA))
  ) {
    score += 0.2;
    matchedOn.push('family~');
  }

  const givenA = normalise(a.name.given[0]);
  const givenB = normalise(b.name.given[0]);
  if (givenA && givenA === givenB) {
    score += 0.2;
    matchedOn.push('given');
  } else if (givenA && givenB && givenA[0] === givenB[0]) {
    score += 0.08;
    matchedOn.push('given~');
  }

  if (a.birthDate && b.birthDate) {
    if (a.birthDate === b.birthDate) {
      score += 0.3;
      matchedOn.push('birthDate');
    } else if (swappedDayMonth(a.birthDate, b.birthDate) || differByOneDigit(a.birthDate, b.birthDate)) {
      score += 0.15;
      matchedOn.push('birthDate~');
    }
  }

  const known = (g: string) => g === 'male' || g === 'female';
  if (known(a.gender) && known(b.gender)) {
    if (a.gender === b.gender) {
      score += 0.1;
      matchedOn.push('sex');
    } else score -= 0.2;
  }

  const addressA = a.addresses[0];
  const addressB = b.addresses[0];
  if (addressA?.postalCode && addressA.postalCode === addressB?.postalCode) {
    const sameLine = normalise(addressA.line[0]) !== '' && normalise(addressA.line[0]) === normalise(addressB.line[0]);
    score += sameLine ? 0.1 : 0.05;
    matchedOn.push(sameLine ? 'address' : 'postalCode');
  }

  return { score: Math.max(0, Math.round(score * 100) / 100), matchedOn, sameIdentifier };
}

function normalise(value: string | undefined): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One substitution, insertion, deletion or adjacent transposition. */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function swappedDayMonth(a: string, b: string): boolean {
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  return ya === yb && ma === db && da === mb;
}

function differByOneDigit(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
  return differences === 1;
}
