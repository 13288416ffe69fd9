import type { BillingGender, BillingProviderDto, ClaimDto, PatientRelationship, PersonNameDto, PostalAddressDto } from '@concord/contracts';
import { X12Error, X12ErrorCode } from '../x12-error';
import type { X12SegmentWriter } from '../x12-segment-writer';
import { dateToX12, formatAmount } from '../x12-values';

/** Submitter (loop 1000A) and receiver (loop 1000B) of an 837, and its BHT. */
export interface Claim837Header {
  submitter: { name: string; id: string; contactName: string; phone: string };
  receiver: { name: string; id: string };
  /** BHT03, the originator's batch reference; the transaction control number when absent. */
  reference?: string;
  /** BHT04/BHT05; the envelope date when absent. */
  createdAt?: Date;
}

export const GENDER_CODES: Readonly<Record<BillingGender, string>> = { male: 'M', female: 'F', unknown: 'U' };
/** PAT01 / SBR02 individual relationship codes. */
export const RELATIONSHIP_CODES: Readonly<Record<Exclude<PatientRelationship, 'self'>, string>> = {
  spouse: '01',
  child: '19',
  other: 'G8',
};

export function unwritable(claim: ClaimDto, message: string): X12Error {
  return new X12Error(X12ErrorCode.UNWRITABLE_CLAIM, `claim ${claim.id}: ${message}`);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** BHT, 1000A and 1000B. */
export function writeClaimHeader(w: X12SegmentWriter, header: Claim837Header, reference: string, date: Date): void {
  const created = header.createdAt ?? date;
  w.segment(
    'BHT',
    '0019',
    '00',
    header.reference ?? reference,
    `${created.getUTCFullYear()}${two(created.getUTCMonth() + 1)}${two(created.getUTCDate())}`,
    `${two(created.getUTCHours())}${two(created.getUTCMinutes())}`,
    'CH',
  );
  w.segment('NM1', '41', '2', header.submitter.name, '', '', '', '', '46', header.submitter.id);
  w.segment('PER', 'IC', header.submitter.contactName, 'TE', header.submitter.phone);
  w.segment('NM1', '40', '2', header.receiver.name, '', '', '', '', '46', header.receiver.id);
}

export function writeAddress(w: X12SegmentWriter, address: PostalAddressDto | undefined): void {
  if (!address) return;
  w.segment('N3', address.line[0], address.line[1]);
  w.segment('N4', address.city, address.state, address.postalCode);
}

/** NM1 of a provider (billing 85, rendering 82, attending 71 …): person when a first name is given. */
export function writeProviderName(w: X12SegmentWriter, entityCode: string, provider: BillingProviderDto): void {
  const person = provider.firstName !== undefined;
  w.segment('NM1', entityCode, person ? '1' : '2', provider.name, provider.firstName, '', '', '', 'XX', provider.npi);
}

/** NM1 of a person: last, first, middle (given names past the second are joined into the middle name). */
export function personNameElements(name: PersonNameDto): [string, string | undefined, string | undefined] {
  const [first, ...rest] = name.given;
  return [name.family, first, rest.length ? rest.join(' ') : undefined];
}

export function writeDemographics(w: X12SegmentWriter, birthDate: string | undefined, gender: BillingGender | undefined): void {
  if (birthDate === undefined) return;
  w.segment('DMG', 'D8', dateToX12(birthDate), gender ? GENDER_CODES[gender] : 'U');
}

/** Keys claims share a 2000A (billing provider), 2000B (subscriber and payer) or 2000C (patient) under. */
function billingKey(claim: ClaimDto): string {
  const p = claim.billingProvider;
  return JSON.stringify([p.npi, p.name, p.firstName, p.ein, p.taxonomy, p.address]);
}
function subscriberKey(claim: ClaimDto): string {
  return JSON.stringify([claim.subscriber, claim.payer, claim.patient.relationship === 'self' ? claim.patient : undefined]);
}
function patientKey(claim: ClaimDto): string {
  return JSON.stringify(claim.patient);
}

export interface HierarchyWriters {
  /** Writes 2010AA content after the 2000A HL (PRV, NM1*85, N3, N4, REF). */
  billingProvider(w: X12SegmentWriter, claim: ClaimDto): void;
  /** Writes a claim (loop 2300 and its 2400s). */
  claim(w: X12SegmentWriter, claim: ClaimDto): void;
}

/**
 * The HL hierarchy: 2000A per billing provider, 2000B per subscriber and payer, 2000C per patient
 * when the patient is not the subscriber; HL04 says whether a child level follows.
 */
export function writeHierarchy(w: X12SegmentWriter, claims: readonly ClaimDto[], writers: HierarchyWriters): void {
  const byBilling = groupBy(claims, billingKey);
  let hl = 0;
  for (const billingClaims of byBilling) {
    const billingHl = ++hl;
    w.segment('HL', String(billingHl), '', '20', '1');
    writers.billingProvider(w, billingClaims[0]);
    for (const subscriberClaims of groupBy(billingClaims, subscriberKey)) {
      const first = subscriberClaims[0];
      const selfClaims = subscriberClaims.filter((c) => c.patient.relationship === 'self');
      const dependentClaims = subscriberClaims.filter((c) => c.patient.relationship !== 'self');
      // A subscriber with both own and dependants' claims gets two 2000B loops: HL04 cannot be both.
      for (const [group, hasChildren] of [
        [selfClaims, false],
        [dependentClaims, true],
      ] as const) {
        if (group.length === 0) continue;
        const subscriberHl = ++hl;
        w.segment('HL', String(subscriberHl), String(billingHl), '22', hasChildren ? '1' : '0');
        writeSubscriber(w, group[0] ?? first, !hasChildren);
        if (!hasChildren) {
          for (const claim of group) writers.claim(w, claim);
          continue;
        }
        for (const patientClaims of groupBy(group, patientKey)) {
          const patientHl = ++hl;
          w.segment('HL', String(patientHl), String(subscriberHl), '23', '0');
          writePatient(w, patientClaims[0]);
          for (const claim of patientClaims) writers.claim(w, claim);
        }
      }
    }
  }
}

function writeSubscriber(w: X12SegmentWriter, claim: ClaimDto, subscriberIsPatient: boolean): void {
  const { subscriber, payer } = claim;
  w.segment(
    'SBR',
    payer.responsibility,
    subscriberIsPatient ? '18' : '',
    subscriber.groupNumber,
    '',
    '',
    '',
    '',
    '',
    payer.claimFilingIndicator,
  );
  const [last, first, middle] = personNameElements(subscriber.name);
  const memberId = subscriber.memberId;
  w.segment('NM1', 'IL', '1', last, first, middle, '', '', memberId ? 'MI' : '', memberId);
  writeAddress(w, subscriber.address);
  if (subscriberIsPatient) writeDemographics(w, subscriber.birthDate, subscriber.gender);
  w.segment('NM1', 'PR', '2', payer.name, '', '', '', '', 'PI', payer.payerId);
}

function writePatient(w: X12SegmentWriter, claim: ClaimDto): void {
  const { patient } = claim;
  if (patient.relationship === 'self') return;
  if (!patient.name) throw unwritable(claim, 'a patient who is not the subscriber needs a name (loop 2010CA)');
  w.segment('PAT', RELATIONSHIP_CODES[patient.relationship]);
  const [last, first, middle] = personNameElements(patient.name);
  w.segment('NM1', 'QC', '1', last, first, middle);
  writeAddress(w, patient.address);
  writeDemographics(w, patient.birthDate, patient.gender);
}

/** REF*EI from an EIN written with or without its hyphen. */
export function einDigits(ein: string): string {
  return ein.replace('-', '');
}

/** Writes the claim-level REF*F8 of a replacement or void, which needs the payer's original claim number. */
export function writeOriginalClaimReference(w: X12SegmentWriter, claim: ClaimDto): void {
  if (claim.frequencyCode === '1') {
    if (claim.originalPayerClaimNumber !== undefined)
      throw unwritable(claim, 'an original claim (frequency 1) carries no original payer claim number');
    return;
  }
  if (!claim.originalPayerClaimNumber)
    throw unwritable(claim, `frequency ${claim.frequencyCode} needs the original payer claim number (REF*F8)`);
  w.segment('REF', 'F8', claim.originalPayerClaimNumber);
}

/** DTP*472 for a line: one date (D8) or a period (RD8). */
export function writeServiceDate(w: X12SegmentWriter, start: string | undefined, end: string | undefined): void {
  if (start === undefined) return;
  if (end !== undefined && end !== start) w.segment('DTP', '472', 'RD8', `${dateToX12(start)}-${dateToX12(end)}`);
  else w.segment('DTP', '472', 'D8', dateToX12(start));
}

export function amount(cents: number): string {
  return formatAmount(cents);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
