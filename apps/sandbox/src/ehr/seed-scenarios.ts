import type { ChargeItem, Condition, Coverage, Encounter, Procedure, Resource } from '@medplum/fhirtypes';
import { chargeToFhir, coverageToFhir, diagnosisToFhir, encounterToFhir, procedureToFhir } from '@concord/connectors/fhir';
import { type ChargeDto, CodeSystem, type DiagnosisDto, type EncounterDto, type PatientReferenceDto, usd } from '@concord/contracts';

/**
 * The clinical side of the golden scenarios (../shared/SCENARIOS.md), written the way the FHIR
 * connector writes them (so the sandbox holds exactly the representation the connector reads):
 * 1. Avery Quinn's total knee replacement at Concord General (Medicare Part A): encounter,
 *    diagnosis M17.12, the arthroplasty with the knee implant used (serial), and five charges
 *    totalling 28,650.00.
 * 2. Jordan Rivera's clinic visit at Riverside (Keystone Health Plan): J06.9, 99213, 185.00.
 * 3. Riley Okafor's clinic visit (Bayview Medicaid, coverage without member id): J02.9, 185.00.
 */
const source = (id: string) => ({ system: 'ehr' as const, recordId: id });
const avery: PatientReferenceDto = { id: 'avery-quinn', mrn: 'CG-100234' };
const jordan: PatientReferenceDto = { id: 'jordan-rivera', mrn: 'CR-200871' };
const riley: PatientReferenceDto = { id: 'riley-okafor', mrn: 'CG-100377' };

export const SEED_COVERAGES: Coverage[] = [
  coverageToFhir({
    id: 'cov-aq-medicare-a',
    patient: avery,
    payerId: 'MCRA1',
    payerName: 'Medicare Part A',
    memberId: '1EG4TE5MK73',
    relationship: 'self',
    order: 1,
    period: { start: '2022-03-01' },
    source: source('cov-aq-medicare-a'),
  }),
  coverageToFhir({
    id: 'cov-jr-keystone',
    patient: jordan,
    payerId: 'KHP01',
    payerName: 'Keystone Health Plan',
    memberId: 'KHP-44718-01',
    groupNumber: 'KHP-GOLD-2026',
    relationship: 'self',
    order: 1,
    period: { start: '2026-01-01', end: '2026-12-31' },
    source: source('cov-jr-keystone'),
  }),
  // Scenario 3: the member id is missing on purpose.
  coverageToFhir({
    id: 'cov-ro-bayview',
    patient: riley,
    payerId: 'BMCD1',
    payerName: 'Bayview Medicaid',
    relationship: 'self',
    order: 1,
    period: { start: '2025-07-01' },
    source: source('cov-ro-bayview'),
  }),
];

const icd = (code: string, display: string) => ({ system: CodeSystem.ICD10_CM, code, display });

interface VisitSeed {
  encounter: EncounterDto;
  recorded: string;
}

const visits: VisitSeed[] = [
  {
    recorded: '2026-11-02T08:45:00Z',
    encounter: {
      id: 'enc-aq-tka',
      visitNumber: 'V-CG-7781',
      patient: avery,
      status: 'finished',
      class: 'inpatient',
      period: { start: '2026-11-02T08:30:00Z', end: '2026-11-04T11:00:00Z' },
      facilityId: 'concord-general',
      departmentCode: '6100',
      locationId: 'cg-4w-412',
      attendingNpi: '1245319599',
      admitSource: '1',
      dischargeDisposition: '01',
      diagnoses: [
        {
          id: 'cond-aq-m1712',
          code: icd('M17.12', 'Unilateral primary osteoarthritis, left knee'),
          role: 'principal',
          rank: 1,
          presentOnAdmission: 'Y',
        },
      ],
      source: source('enc-aq-tka'),
    },
  },
  {
    recorded: '2026-11-09T10:20:00Z',
    encounter: {
      id: 'enc-jr-visit',
      visitNumber: 'V-CR-2209',
      patient: jordan,
      status: 'finished',
      class: 'ambulatory',
      period: { start: '2026-11-09T10:00:00Z', end: '2026-11-09T10:25:00Z' },
      facilityId: 'concord-riverside',
      departmentCode: '7100',
      locationId: 'cr-exam-2',
      attendingNpi: '1667788990',
      diagnoses: [{ id: 'cond-jr-j069', code: icd('J06.9', 'Acute upper respiratory infection, unspecified'), role: 'principal', rank: 1 }],
      source: source('enc-jr-visit'),
    },
  },
  {
    recorded: '2026-11-10T14:15:00Z',
    encounter: {
      id: 'enc-ro-visit',
      visitNumber: 'V-CR-2231',
      patient: riley,
      status: 'finished',
      class: 'ambulatory',
      period: { start: '2026-11-10T14:00:00Z', end: '2026-11-10T14:20:00Z' },
      facilityId: 'concord-riverside',
      departmentCode: '7100',
      locationId: 'cr-exam-2',
      attendingNpi: '1667788990',
      diagnoses: [{ id: 'cond-ro-j029', code: icd('J02.9', 'Acute pharyngitis, unspecified'), role: 'principal', rank: 1 }],
      source: source('enc-ro-visit'),
    },
  },
];

export const SEED_ENCOUNTERS: Encounter[] = visits.map(({ encounter }) => encounterToFhir(encounter));

export const SEED_CONDITIONS: Condition[] = visits.flatMap(({ encounter, recorded }) =>
  encounter.diagnoses.map((diagnosis: DiagnosisDto): Condition => ({
    ...diagnosisToFhir(diagnosis, { patient: encounter.patient, encounterId: encounter.id }),
    recordedDate: recorded,
  })),
);

export const SEED_PROCEDURES: Procedure[] = [
  procedureToFhir({
    id: 'proc-aq-tka',
    patient: avery,
    encounterId: 'enc-aq-tka',
    status: 'completed',
    codes: [
      { system: CodeSystem.CPT, code: '27447', display: 'Arthroplasty, knee, condyle and plateau; medial and lateral compartments' },
      { system: CodeSystem.ICD10_PCS, code: '0SRD0JZ', display: 'Replacement of left knee joint with synthetic substitute, open approach' },
    ],
    performedAt: '2026-11-02T13:00:00Z',
    performerNpi: '1245319599',
    departmentCode: '6300',
    itemsUsed: [
      {
        itemCode: 'KNEE-TOT-CR',
        description: 'Total knee system, cruciate-retaining',
        quantity: 1,
        gtin: '00812345678906',
        serialNumber: 'SN-KN-55012',
        lotNumber: 'LOT-2026-114',
      },
    ],
    source: source('proc-aq-tka'),
  }),
];

const charge = (fields: Omit<ChargeDto, 'status' | 'source'>, procedureIds?: string[]): ChargeItem =>
  chargeToFhir({ ...fields, status: 'captured', source: source(fields.id) }, { procedureIds });

const averyStay = { patient: avery, encounterId: 'enc-aq-tka', visitNumber: 'V-CG-7781', performerNpi: '1245319599' };

/** Chargemaster prices in cents; scenario 1 totals 2,865,000 (28,650.00). */
export const SEED_CHARGE_ITEMS: ChargeItem[] = [
  charge({
    ...averyStay,
    id: 'chg-aq-rb-semi',
    chargeCode: 'RB-SEMI',
    description: 'Room and board, semi-private, per day',
    quantity: 2,
    serviceDate: '2026-11-02',
    departmentCode: '6200',
    revenueCode: '0120',
    unitPrice: usd(280_000),
    amount: usd(560_000),
  }),
  charge(
    {
      ...averyStay,
      id: 'chg-aq-or-ortho',
      chargeCode: 'OR-ORTHO-60',
      description: 'Operating room, orthopaedic, first hour',
      quantity: 1,
      serviceDate: '2026-11-02',
      departmentCode: '6300',
      revenueCode: '0360',
      unitPrice: usd(950_000),
      amount: usd(950_000),
    },
    ['proc-aq-tka'],
  ),
  charge(
    {
      ...averyStay,
      id: 'chg-aq-imp-knee',
      chargeCode: 'IMP-KNEE',
      description: 'Knee implant system',
      quantity: 1,
      serviceDate: '2026-11-02',
      departmentCode: '6300',
      revenueCode: '0278',
      procedureCode: { system: CodeSystem.HCPCS, code: 'C1776' },
      unitPrice: usd(1_260_000),
      amount: usd(1_260_000),
    },
    ['proc-aq-tka'],
  ),
  charge({
    ...averyStay,
    id: 'chg-aq-rx-gen',
    chargeCode: 'RX-GEN',
    description: 'Pharmacy, general',
    quantity: 1,
    serviceDate: '2026-11-03',
    departmentCode: '6400',
    revenueCode: '0250',
    unitPrice: usd(64_000),
    amount: usd(64_000),
  }),
  charge({
    ...averyStay,
    id: 'chg-aq-lab-cbc',
    chargeCode: 'LAB-CBC',
    description: 'Complete blood count',
    quantity: 1,
    serviceDate: '2026-11-03',
    departmentCode: '6500',
    revenueCode: '0300',
    procedureCode: { system: CodeSystem.CPT, code: '85025' },
    unitPrice: usd(31_000),
    amount: usd(31_000),
  }),
  charge({
    id: 'chg-jr-ov-est-3',
    patient: jordan,
    encounterId: 'enc-jr-visit',
    visitNumber: 'V-CR-2209',
    performerNpi: '1667788990',
    chargeCode: 'OV-EST-3',
    description: 'Office visit, established patient, level 3',
    quantity: 1,
    serviceDate: '2026-11-09',
    departmentCode: '7100',
    revenueCode: '0510',
    procedureCode: { system: CodeSystem.CPT, code: '99213' },
    unitPrice: usd(18_500),
    amount: usd(18_500),
  }),
  charge({
    id: 'chg-ro-ov-est-3',
    patient: riley,
    encounterId: 'enc-ro-visit',
    visitNumber: 'V-CR-2231',
    performerNpi: '1667788990',
    chargeCode: 'OV-EST-3',
    description: 'Office visit, established patient, level 3',
    quantity: 1,
    serviceDate: '2026-11-10',
    departmentCode: '7100',
    revenueCode: '0510',
    procedureCode: { system: CodeSystem.CPT, code: '99213' },
    unitPrice: usd(18_500),
    amount: usd(18_500),
  }),
];

export const SEED_SCENARIOS: Resource[] = [
  ...SEED_COVERAGES,
  ...SEED_ENCOUNTERS,
  ...SEED_CONDITIONS,
  ...SEED_PROCEDURES,
  ...SEED_CHARGE_ITEMS,
];
