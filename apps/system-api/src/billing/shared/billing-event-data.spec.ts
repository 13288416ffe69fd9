import { describe, expect, it } from 'vitest';
import {
  BILLING_CHARGE_POSTED,
  BILLING_CLAIM_ACCEPTED,
  BILLING_CLAIM_ACKNOWLEDGED,
  BILLING_CLAIM_DENIED,
  BILLING_CLAIM_REJECTED,
  BILLING_CLAIM_SUBMITTED,
  BILLING_EVENTS,
  BILLING_PAYMENT_POSTED,
  BILLING_REMITTANCE_RECEIVED,
  EVENT_CATALOG,
  usd,
} from '@concord/contracts';
import { EventCatalog } from '@concord/events';
import { SCENARIO_1_REMITTANCE } from '@concord/connectors/x12/examples/demo-hospital.examples';
import type { ClaimEntity, ClaimPaymentEntity, RemittanceEntity } from '../entities';
import { planClaimPaymentPosting } from '../remittances/claim-payment-plan';
import {
  chargePostedData,
  claimAcceptedData,
  claimAcknowledgedData,
  claimDeniedData,
  claimRejectedData,
  claimSubmittedData,
  paymentPostedData,
  remittanceReceivedData,
} from './billing-event-data';

const departments = [
  { departmentCode: '6200', chargeCents: 560_000 },
  { departmentCode: '6300', chargeCents: 2_210_000 },
  { departmentCode: '6400', chargeCents: 64_000 },
  { departmentCode: '6500', chargeCents: 31_000 },
];

const claim: ClaimEntity = {
  id: 'clm-0a1b2c3d4e5f',
  accountId: 'CG-A-000001',
  encounterId: 'enc-aq-tka',
  patientId: 'avery-quinn',
  payerId: 'MCRA1',
  kind: 'institutional',
  patientClass: 'inpatient',
  frequencyCode: '1',
  patientControlNumber: 'CG-A-000001-01',
  replacesClaimId: null,
  replacedByClaimId: null,
  payerClaimControlNumber: 'MCR2026110500001',
  status: 'submitted',
  totalCharge: 2_865_000,
  expectedAllowed: 1_495_000,
  expectedPatientShare: 167_600,
  expectedPayerPayment: 1_327_400,
  expectedContractual: 1_370_000,
  unpricedLines: 0,
  serviceDate: '2026-11-02',
  timelyFilingDeadline: '2027-11-02',
  claimJson: '{}',
  departmentsJson: JSON.stringify(departments),
  interchangeId: 'x12-0a1b2c3d4e5f',
  createdAt: '2026-11-05T09:00:00.000Z',
  updatedAt: '2026-11-05T09:00:00.000Z',
  submittedAt: '2026-11-05T09:00:00.000Z',
};
const remittance: RemittanceEntity = {
  id: 'rmt-0a1b2c3d4e5f',
  interchangeId: 'x12-5f4e3d2c1b0a',
  payerId: 'MCRA1',
  payerName: 'Medicare Part A',
  payerKey: '1999999999',
  traceNumber: 'EFT20261120001',
  totalPaid: 1_327_400,
  paymentMethod: 'ACH',
  paymentDate: '2026-11-20',
  claimPaymentCount: 1,
  matchedCount: 1,
  unmatchedCount: 0,
  providerAdjustmentTotal: 0,
  headerJson: '{}',
  receivedAt: '2026-11-20T10:00:00.000Z',
};
const claimPayment = SCENARIO_1_REMITTANCE.claimPayments[0];
const payment: ClaimPaymentEntity = {
  id: 'cpy-0a1b2c3d4e5f',
  remittanceId: remittance.id,
  position: 1,
  claimId: claim.id,
  accountId: claim.accountId,
  patientControlNumber: claim.patientControlNumber,
  payerClaimControlNumber: 'MCR2026110500001',
  statusCode: '1',
  charge: 2_865_000,
  paid: 1_327_400,
  patientResponsibility: 167_600,
  contractual: 1_370_000,
  otherAdjustment: 0,
  paymentJson: JSON.stringify(claimPayment),
  postingStatus: 'posted',
  postingAttempts: 1,
  postingError: null,
  transactionIds: null,
  matchedBy: 'clp01',
  createdAt: '2026-11-20T10:00:00.000Z',
  postedAt: '2026-11-20T10:00:01.000Z',
};

describe('billing event data', () => {
  const catalog = new EventCatalog(EVENT_CATALOG);
  const plan = planClaimPaymentPosting(claimPayment, departments);

  it.each<[string, object]>([
    [BILLING_CLAIM_SUBMITTED, claimSubmittedData(claim, '000000101')],
    [BILLING_CLAIM_ACKNOWLEDGED, claimAcknowledgedData(claim, 'A', '000000101')],
    [BILLING_CLAIM_ACCEPTED, claimAcceptedData(claim, [{ categoryCode: 'A2', statusCode: '20' }])],
    [BILLING_CLAIM_REJECTED, claimRejectedData(claim, '277CA', [{ categoryCode: 'A7', statusCode: '21' }], 'STC A7:21', '2026-11-12')],
    [BILLING_CLAIM_DENIED, claimDeniedData(claim, payment, plan, ['N130'], '2026-11-20')],
    [BILLING_REMITTANCE_RECEIVED, remittanceReceivedData(remittance)],
    [BILLING_PAYMENT_POSTED, paymentPostedData(claim, payment, remittance, plan)],
    [
      BILLING_CHARGE_POSTED,
      chargePostedData(
        {
          id: 'CHG-0000007',
          accountId: 'CR-A-000001',
          patient: { mrn: 'CR-200871' },
          chargeCode: 'LAB-STREP',
          quantity: 1,
          serviceDate: '2026-11-09',
          departmentCode: '7100',
          amount: usd(4_500),
          status: 'posted',
          source: { system: 'billing', recordId: 'CHG-0000007' },
          postedAt: '2026-11-12T09:00:00.000Z',
        },
        ['clm-0a1b2c3d4e5f'],
      ),
    ],
  ])('%s data matches the catalog schema and is ordered by the patient account', (type, data) => {
    expect(() => catalog.validate(type, data)).not.toThrow();
    if (type !== BILLING_REMITTANCE_RECEIVED) expect(catalog.orderingKeyOf(type, data)).toMatch(/^C[GR]-A-\d{6}$/);
  });

  it('declares every billing event once, without PHI', () => {
    expect(BILLING_EVENTS.map((e) => e.type).sort()).toEqual(
      [
        BILLING_CHARGE_POSTED,
        BILLING_CLAIM_ACCEPTED,
        BILLING_CLAIM_ACKNOWLEDGED,
        BILLING_CLAIM_DENIED,
        BILLING_CLAIM_REJECTED,
        BILLING_CLAIM_SUBMITTED,
        BILLING_PAYMENT_POSTED,
        BILLING_REMITTANCE_RECEIVED,
      ].sort(),
    );
    expect(BILLING_EVENTS.every((e) => !e.containsPhi)).toBe(true);
  });

  it('gives the revenue journal scenario 1 by department and the expected contractual allowance to the cent', () => {
    const data = claimSubmittedData(claim, '000000101');
    expect(data.departments.map((d) => [d.departmentCode, d.charge.amount, d.expectedContractualAllowance.amount])).toEqual([
      ['6200', 560_000, 267_783],
      ['6300', 2_210_000, 1_056_789],
      ['6400', 64_000, 30_604],
      ['6500', 31_000, 14_824],
    ]);
    expect(data.departments.reduce((sum, d) => sum + d.expectedContractualAllowance.amount, 0)).toBe(1_370_000);
  });
});
