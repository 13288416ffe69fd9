import type { CredentialType } from '@concord/contracts';

export interface Position {
  id: string;
  title: string;
  jobCode: string;
  costCentre: string;
  requiredCredentialTypes: CredentialType[];
}

export const SEED_POSITIONS: Position[] = [
  { id: 'POS-NM-6200', title: 'Nurse Manager', jobCode: 'NM', costCentre: '6200', requiredCredentialTypes: ['rn-licence'] },
  {
    id: 'POS-RN2-6200',
    title: 'Staff Nurse II',
    jobCode: 'RN2',
    costCentre: '6200',
    requiredCredentialTypes: ['rn-licence', 'bls-certification'],
  },
  {
    id: 'POS-ORN-6300',
    title: 'Perioperative Nurse',
    jobCode: 'ORN',
    costCentre: '6300',
    requiredCredentialTypes: ['rn-licence', 'bls-certification'],
  },
  { id: 'POS-SCM-8100', title: 'Supply Chain Manager', jobCode: 'SCM', costCentre: '8100', requiredCredentialTypes: [] },
  { id: 'POS-BUY-8100', title: 'Buyer', jobCode: 'BUY', costCentre: '8100', requiredCredentialTypes: [] },
];

export interface SeedWorker {
  id: string;
  employeeNumber: string;
  given: string;
  family: string;
  positionId: string;
  hourlyRateCents: number;
  /** A fixed date, or days before the seed date. */
  hireDate: string | { daysBeforeSeed: number };
  managerId?: string;
  credentials: {
    id: string;
    type: CredentialType;
    licenceNumber: string;
    issuer: string;
    issuedOn?: string;
    expires: string | { daysAfterSeed: number };
  }[];
}

const BOARD = 'New Hampshire Board of Nursing';
const AHA = 'American Heart Association';

/**
 * Staff of the demo hospital (../shared/SCENARIOS.md). Casey Morgan is scenario 5's new hire: Staff
 * Nurse II in 6200 at 48.50 an hour, RN licence expiring 20 days after the seed date. Dates
 * relative to the seed are fixed when the HR system is first created and kept across restarts.
 */
export const SEED_WORKERS: SeedWorker[] = [
  {
    id: 'W-1001',
    employeeNumber: 'E10001',
    given: 'Robin',
    family: 'Hale',
    positionId: 'POS-NM-6200',
    hourlyRateCents: 6_200,
    hireDate: '2015-04-01',
    credentials: [
      { id: 'LIC-2001', type: 'rn-licence', licenceNumber: 'RN-0311877', issuer: BOARD, issuedOn: '2025-09-01', expires: '2027-08-31' },
    ],
  },
  {
    id: 'W-1002',
    employeeNumber: 'E10002',
    given: 'Dana',
    family: 'Whitfield',
    positionId: 'POS-SCM-8100',
    hourlyRateCents: 5_800,
    hireDate: '2018-09-17',
    credentials: [],
  },
  {
    id: 'W-1003',
    employeeNumber: 'E10003',
    given: 'Sam',
    family: 'Ortiz',
    positionId: 'POS-BUY-8100',
    hourlyRateCents: 3_900,
    hireDate: '2021-02-01',
    managerId: 'W-1002',
    credentials: [],
  },
  {
    id: 'W-1004',
    employeeNumber: 'E10004',
    given: 'Jamie',
    family: 'Chen',
    positionId: 'POS-ORN-6300',
    hourlyRateCents: 5_250,
    hireDate: '2019-06-10',
    managerId: 'W-1001',
    credentials: [
      { id: 'LIC-2002', type: 'rn-licence', licenceNumber: 'RN-0398254', issuer: BOARD, expires: { daysAfterSeed: 200 } },
      { id: 'LIC-2003', type: 'bls-certification', licenceNumber: 'BLS-775120', issuer: AHA, expires: { daysAfterSeed: 45 } },
    ],
  },
  {
    id: 'W-1042',
    employeeNumber: 'E10042',
    given: 'Casey',
    family: 'Morgan',
    positionId: 'POS-RN2-6200',
    hourlyRateCents: 4_850,
    hireDate: { daysBeforeSeed: 0 },
    managerId: 'W-1001',
    credentials: [
      { id: 'LIC-2042', type: 'rn-licence', licenceNumber: 'RN-0456123', issuer: BOARD, expires: { daysAfterSeed: 20 } },
      { id: 'LIC-2043', type: 'bls-certification', licenceNumber: 'BLS-801944', issuer: AHA, expires: { daysAfterSeed: 400 } },
    ],
  },
];
