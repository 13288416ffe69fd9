import {
  type AdjustmentTotalDto,
  type ChargePostedDataDto,
  type ClaimAcceptedDataDto,
  type ClaimAcknowledgedDataDto,
  type ClaimDeniedDataDto,
  type ClaimRejectedDataDto,
  type ClaimStatusCodeEventDto,
  type ClaimSubmittedDataDto,
  type PaymentPostedDataDto,
  type RemittanceReceivedDataDto,
  usd,
} from '@concord/contracts';
import type { BillingCharge } from '@concord/connectors/billing';
import type { DepartmentCharge } from '../claims/claim-builder';
import type { ClaimEntity, ClaimPaymentEntity, RemittanceEntity } from '../entities';
import type { ClaimPaymentPlan } from '../remittances/claim-payment-plan';
import { allocateByWeight, daysBetween } from './allocation';

/** Event data of the billing catalog (libs/contracts/src/events/billing.events.ts), built from billing records. No PHI. */

const departmentsOf = (claim: ClaimEntity) => JSON.parse(claim.departmentsJson) as DepartmentCharge[];

export function claimSubmittedData(claim: ClaimEntity, interchangeControlNumber: string): ClaimSubmittedDataDto {
  const departments = departmentsOf(claim);
  const contractual = allocateByWeight(
    claim.expectedContractual,
    departments.map((d) => ({ key: d.departmentCode, weight: d.chargeCents })),
  );
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    ...(claim.encounterId ? { encounterId: claim.encounterId } : {}),
    ...(claim.patientId ? { patientId: claim.patientId } : {}),
    payerId: claim.payerId,
    kind: claim.kind as ClaimSubmittedDataDto['kind'],
    patientClass: claim.patientClass as ClaimSubmittedDataDto['patientClass'],
    frequencyCode: claim.frequencyCode,
    ...(claim.replacesClaimId ? { replacesClaimId: claim.replacesClaimId } : {}),
    patientControlNumber: claim.patientControlNumber,
    totalCharge: usd(claim.totalCharge),
    expected: {
      allowed: usd(claim.expectedAllowed),
      patientShare: usd(claim.expectedPatientShare),
      payerPayment: usd(claim.expectedPayerPayment),
      contractualAllowance: usd(claim.expectedContractual),
      unpricedLines: claim.unpricedLines,
    },
    departments: departments.map((d) => ({
      departmentCode: d.departmentCode,
      charge: usd(d.chargeCents),
      expectedContractualAllowance: usd(contractual.get(d.departmentCode) ?? 0),
    })),
    interchangeControlNumber,
    serviceDate: claim.serviceDate,
  };
}

export function claimAcknowledgedData(
  claim: ClaimEntity,
  acknowledgementCode: string,
  interchangeControlNumber: string,
): ClaimAcknowledgedDataDto {
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    patientControlNumber: claim.patientControlNumber,
    acknowledgementCode,
    interchangeControlNumber,
  };
}

export function claimAcceptedData(claim: ClaimEntity, statuses: ClaimStatusCodeEventDto[]): ClaimAcceptedDataDto {
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    patientControlNumber: claim.patientControlNumber,
    payerId: claim.payerId,
    ...(claim.payerClaimControlNumber ? { payerClaimControlNumber: claim.payerClaimControlNumber } : {}),
    statuses,
  };
}

export function claimRejectedData(
  claim: ClaimEntity,
  source: '999' | '277CA',
  statuses: ClaimStatusCodeEventDto[],
  reason: string,
  today: string,
): ClaimRejectedDataDto {
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    patientControlNumber: claim.patientControlNumber,
    payerId: claim.payerId,
    source,
    statuses,
    reason,
    amountAtRisk: usd(claim.totalCharge),
    timelyFilingDeadline: claim.timelyFilingDeadline,
    daysToTimelyFiling: daysBetween(today, claim.timelyFilingDeadline),
  };
}

const adjustmentsOf = (plan: ClaimPaymentPlan): AdjustmentTotalDto[] =>
  plan.adjustments.map((a) => ({ group: a.group, reasonCode: a.reasonCode, amount: usd(a.amountCents) }));

export function claimDeniedData(
  claim: ClaimEntity,
  payment: ClaimPaymentEntity,
  plan: ClaimPaymentPlan,
  remarkCodes: string[],
  today: string,
): ClaimDeniedDataDto {
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    patientControlNumber: claim.patientControlNumber,
    payerId: claim.payerId,
    ...(payment.payerClaimControlNumber ? { payerClaimControlNumber: payment.payerClaimControlNumber } : {}),
    remittanceId: payment.remittanceId,
    amountAtRisk: usd(payment.charge),
    adjustments: adjustmentsOf(plan),
    remarkCodes,
    timelyFilingDeadline: claim.timelyFilingDeadline,
    daysToTimelyFiling: daysBetween(today, claim.timelyFilingDeadline),
  };
}

export function remittanceReceivedData(remittance: RemittanceEntity): RemittanceReceivedDataDto {
  return {
    remittanceId: remittance.id,
    ...(remittance.payerId ? { payerId: remittance.payerId } : {}),
    traceNumber: remittance.traceNumber,
    totalPaid: usd(remittance.totalPaid),
    paymentMethod: remittance.paymentMethod,
    ...(remittance.paymentDate ? { paymentDate: remittance.paymentDate } : {}),
    claimPaymentCount: remittance.claimPaymentCount,
    matchedCount: remittance.matchedCount,
    unmatchedCount: remittance.unmatchedCount,
    providerAdjustments: usd(remittance.providerAdjustmentTotal),
  };
}

export function paymentPostedData(
  claim: ClaimEntity,
  payment: ClaimPaymentEntity,
  remittance: RemittanceEntity,
  plan: ClaimPaymentPlan,
): PaymentPostedDataDto {
  return {
    claimId: claim.id,
    accountId: claim.accountId,
    remittanceId: remittance.id,
    claimPaymentId: payment.id,
    patientControlNumber: payment.patientControlNumber,
    ...(payment.payerClaimControlNumber ? { payerClaimControlNumber: payment.payerClaimControlNumber } : {}),
    payerId: claim.payerId,
    claimStatusCode: payment.statusCode,
    reversal: payment.statusCode === '22',
    charge: usd(payment.charge),
    paid: usd(plan.paidCents),
    contractualAdjustment: usd(plan.contractualCents),
    patientResponsibility: usd(plan.patientResponsibilityCents),
    otherAdjustment: usd(plan.otherAdjustmentCents),
    adjustments: adjustmentsOf(plan),
    departments: plan.departments.map((d) => ({
      departmentCode: d.departmentCode,
      charge: usd(d.chargeCents),
      paid: usd(d.paidCents),
      contractualAdjustment: usd(d.contractualCents),
      patientResponsibility: usd(d.patientResponsibilityCents),
      otherAdjustment: usd(d.otherCents),
    })),
    ...(payment.statusCode === '22' ? {} : { expectedPayerPayment: usd(claim.expectedPayerPayment) }),
    traceNumber: remittance.traceNumber,
    ...(remittance.paymentDate ? { paymentDate: remittance.paymentDate } : {}),
  };
}

export function chargePostedData(charge: BillingCharge, lateForClaimIds: string[]): ChargePostedDataDto {
  return {
    accountId: charge.accountId,
    chargeId: charge.id,
    ...(charge.encounterId ? { encounterId: charge.encounterId } : {}),
    chargeCode: charge.chargeCode,
    quantity: charge.quantity,
    amount: usd(charge.amount?.amount ?? 0),
    departmentCode: charge.departmentCode ?? 'UNASSIGNED',
    serviceDate: charge.serviceDate,
    ...(charge.sourceChargeId ? { sourceChargeId: charge.sourceChargeId } : {}),
    lateForClaimIds,
  };
}
