import type { BillingAccount, BillingCharge, BillingCoverage, BillingFacility, BillingPayer } from '@concord/connectors/billing';
import {
  type ClaimDiagnosisDto,
  type ClaimDto,
  type ClaimFrequencyCode,
  type ClaimLineDto,
  type ClaimPatientDto,
  type SubscriberDto,
  usd,
} from '@concord/contracts';

/** Everything a claim is built from: the account's registration, coding and charges, and the payer's terms. */
export interface ClaimBuildInput {
  claimId: string;
  patientControlNumber: string;
  account: BillingAccount;
  charges: readonly BillingCharge[];
  facility: BillingFacility;
  payer: BillingPayer;
  coverage: BillingCoverage;
  frequencyCode: ClaimFrequencyCode;
  /** REF*F8 of a replacement or void: the payer's claim control number of the claim it replaces. */
  originalPayerClaimNumber?: string;
}

export interface DepartmentCharge {
  departmentCode: string;
  chargeCents: number;
}

export interface BuiltClaim {
  claim: ClaimDto;
  /** Gross charges by department (cost centre), in the order they first appear. */
  departments: DepartmentCharge[];
  /** Earliest date of service: where the payer's timely-filing limit counts from. */
  serviceDate: string;
}

const RESPONSIBILITY: Record<number, 'P' | 'S' | 'T'> = { 1: 'P', 2: 'S', 3: 'T' };

/** Accommodation revenue codes (room and board, 0100–0219) are billed in days. */
function isAccommodation(revenueCode: string | undefined): boolean {
  return revenueCode !== undefined && /^0(1\d\d|20\d|21\d)$/.test(revenueCode);
}

interface NetCharge {
  first: BillingCharge;
  quantity: number;
  amountCents: number;
  serviceDateEnd?: string;
}

/**
 * Charges net of their credits: units of the same code, modifiers and date of service add up, and a
 * code credited back to zero disappears. Keeps the order of first appearance.
 */
export function netCharges(charges: readonly BillingCharge[]): NetCharge[] {
  const byKey = new Map<string, NetCharge>();
  for (const charge of charges) {
    const key = [charge.chargeCode, charge.serviceDate, [...(charge.modifiers ?? [])].sort().join(','), charge.departmentCode ?? ''].join(
      '|',
    );
    const amount = charge.amount?.amount ?? 0;
    const net = byKey.get(key);
    if (!net) {
      byKey.set(key, { first: charge, quantity: charge.quantity, amountCents: amount, serviceDateEnd: charge.serviceDateEnd });
      continue;
    }
    net.quantity += charge.quantity;
    net.amountCents += amount;
    if (charge.serviceDateEnd && (!net.serviceDateEnd || charge.serviceDateEnd > net.serviceDateEnd))
      net.serviceDateEnd = charge.serviceDateEnd;
  }
  return [...byKey.values()].filter((net) => net.quantity !== 0 || net.amountCents !== 0);
}

function diagnosesFor(account: BillingAccount, institutional: boolean): ClaimDiagnosisDto[] {
  const coded = account.coding?.diagnoses ?? [];
  const order: ClaimDiagnosisDto['role'][] = ['principal', 'admitting', 'reason-for-visit', 'other'];
  const sorted = [...coded].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  if (institutional) {
    const diagnoses = sorted.map((d) => ({ ...d, code: { ...d.code } }));
    const principal = diagnoses.find((d) => d.role === 'principal');
    // An inpatient bill must carry the admitting diagnosis (HI ABJ); when coding recorded none, the
    // condition the patient was admitted for is the principal one.
    if (account.patientClass === 'inpatient' && principal && !diagnoses.some((d) => d.role === 'admitting'))
      diagnoses.splice(1, 0, { code: { ...principal.code }, role: 'admitting' });
    return diagnoses;
  }
  // An 837P carries the principal diagnosis and others only: the reason for visit counts as another.
  return sorted
    .filter((d) => d.role !== 'admitting')
    .map(({ code, role }) => ({ code: { ...code }, role: role === 'principal' ? 'principal' : 'other' }));
}

function subscriberFor(account: BillingAccount, coverage: BillingCoverage): SubscriberDto {
  const person = coverage.relationship === 'self' || !coverage.subscriber ? account.patient : coverage.subscriber;
  return {
    ...(coverage.memberId ? { memberId: coverage.memberId } : {}),
    name: { family: person.name.family, given: [...person.name.given] },
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
    ...(person.gender ? { gender: person.gender } : {}),
    ...(person.address ? { address: structuredClone(person.address) } : {}),
    ...(coverage.groupNumber ? { groupNumber: coverage.groupNumber } : {}),
  };
}

function patientFor(account: BillingAccount, coverage: BillingCoverage): ClaimPatientDto {
  if (coverage.relationship === 'self') return { relationship: 'self' };
  const patient = account.patient;
  return {
    relationship: coverage.relationship,
    name: { family: patient.name.family, given: [...patient.name.given] },
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    ...(patient.address ? { address: structuredClone(patient.address) } : {}),
  };
}

/**
 * Builds the canonical claim (the content of an 837P or 837I) of an account for one payer. It does
 * not judge the result: missing or invalid data is left for the payer-rule edits to name.
 */
export function buildClaim(input: ClaimBuildInput): BuiltClaim {
  const { account, facility, payer, coverage } = input;
  const institutional = facility.claimKind === 'institutional';
  const inpatient = account.patientClass === 'inpatient';
  const net = netCharges(input.charges);
  const lines: ClaimLineDto[] = net.map((n, index) => {
    const charge = n.first;
    const procedureCode = charge.procedureCode ? { system: charge.procedureCode.system, code: charge.procedureCode.code } : undefined;
    return {
      lineNumber: index + 1,
      chargeId: charge.id,
      ...(procedureCode ? { procedureCode } : {}),
      ...(charge.modifiers?.length ? { modifiers: [...charge.modifiers] } : {}),
      ...(institutional && charge.revenueCode ? { revenueCode: charge.revenueCode } : {}),
      units: n.quantity,
      unitBasis: institutional && isAccommodation(charge.revenueCode) ? 'DA' : 'UN',
      charge: usd(n.amountCents),
      serviceDate: charge.serviceDate,
      ...(n.serviceDateEnd && n.serviceDateEnd !== charge.serviceDate ? { serviceDateEnd: n.serviceDateEnd } : {}),
      ...(institutional ? {} : { diagnosisPointers: [1] }),
    };
  });
  const departments: DepartmentCharge[] = [];
  for (const n of net) {
    const code = n.first.departmentCode ?? account.departmentCode ?? 'UNASSIGNED';
    const existing = departments.find((d) => d.departmentCode === code);
    if (existing) existing.chargeCents += n.amountCents;
    else departments.push({ departmentCode: code, chargeCents: n.amountCents });
  }
  const serviceDates = net.map((n) => n.first.serviceDate).sort();
  const lastServiceDate = net
    .map((n) => n.serviceDateEnd ?? n.first.serviceDate)
    .sort()
    .at(-1);
  const serviceDate = institutional && inpatient ? account.admission.date : (serviceDates[0] ?? account.admission.date);
  const totalCharge = lines.reduce((sum, line) => sum + line.charge.amount, 0);
  const claim: ClaimDto = {
    id: input.claimId,
    kind: institutional ? 'institutional' : 'professional',
    accountId: account.id,
    encounterId: account.encounterId,
    patientControlNumber: input.patientControlNumber,
    frequencyCode: input.frequencyCode,
    ...(input.originalPayerClaimNumber ? { originalPayerClaimNumber: input.originalPayerClaimNumber } : {}),
    ...(institutional ? { typeOfBill: `0${inpatient ? '11' : '13'}${input.frequencyCode}` } : {}),
    ...(!institutional && facility.placeOfService ? { placeOfService: facility.placeOfService } : {}),
    ...(institutional && inpatient
      ? {
          admission: {
            date: account.admission.date,
            ...(account.admission.hour ? { hour: account.admission.hour } : {}),
            ...(account.admission.typeCode ? { typeCode: account.admission.typeCode } : {}),
            ...(account.admission.sourceCode ? { sourceCode: account.admission.sourceCode } : {}),
            ...(account.discharge?.statusCode ? { patientStatusCode: account.discharge.statusCode } : {}),
          },
        }
      : {}),
    ...(institutional
      ? { statementPeriod: { start: account.admission.date, end: account.discharge?.date ?? lastServiceDate ?? account.admission.date } }
      : {}),
    ...(institutional && inpatient && account.coding?.drg ? { drg: account.coding.drg } : {}),
    diagnoses: diagnosesFor(account, institutional),
    ...(institutional && account.coding?.procedures.length
      ? { procedures: account.coding.procedures.map((p) => ({ ...p, code: { ...p.code } })) }
      : {}),
    lines,
    totalCharge: usd(totalCharge),
    billingProvider: {
      name: facility.name,
      npi: facility.npi,
      ein: facility.ein,
      ...(facility.taxonomy ? { taxonomy: facility.taxonomy } : {}),
      address: structuredClone(facility.address),
    },
    ...(account.attending ? { [institutional ? 'attendingProvider' : 'renderingProvider']: structuredClone(account.attending) } : {}),
    payer: {
      payerId: payer.payerId,
      name: payer.name,
      claimFilingIndicator: payer.claimFilingIndicator,
      responsibility: RESPONSIBILITY[coverage.order] ?? 'P',
    },
    subscriber: subscriberFor(account, coverage),
    patient: patientFor(account, coverage),
    status: 'draft',
    statusHistory: [],
  };
  return { claim, departments, serviceDate };
}
