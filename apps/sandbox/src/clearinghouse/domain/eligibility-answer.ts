import type { EligibilityRequestDto, EligibilityResponseDto } from '@concord/contracts';
import { usd } from '@concord/contracts';
import type { PayerContract } from '../../billing/domain/billing-seed';
import type { PayerRemittanceProfile } from './clearinghouse-seed';

/**
 * The sandbox payers' eligibility answers (271), deterministically:
 * - a payer the clearinghouse does not route to → AAA 75 (subscriber not found);
 * - no member id → AAA 72 (invalid or missing member id);
 * - a member id starting with TERM → EB*6, inactive;
 * - otherwise EB*1 active, with the plan's deductible (EB*C, remaining for the year) and coinsurance (EB*A).
 */
export function answerEligibility(
  request: EligibilityRequestDto,
  payer: PayerContract | undefined,
  profile: PayerRemittanceProfile | undefined,
): EligibilityResponseDto {
  const base = {
    traceNumber: request.traceNumber,
    payerId: request.payerId,
    payerName: request.payerName,
    ...(request.subscriber.memberId ? { memberId: request.subscriber.memberId } : {}),
  };
  const rejected = (reasonCode: string): EligibilityResponseDto => ({
    ...base,
    active: false,
    benefits: [],
    rejections: [{ loop: request.dependent && request.dependent.relationship !== 'self' ? '2100D' : '2100C', reasonCode, followUp: 'C' }],
  });
  if (!payer || !profile || payer.selfPay) return rejected('75');
  const memberId = request.subscriber.memberId;
  if (!memberId) return rejected('72');
  const serviceTypes = request.serviceTypeCodes.slice(0, 1);
  if (memberId.startsWith('TERM'))
    return { ...base, active: false, benefits: [{ code: '6', coverageLevel: 'IND', serviceTypeCodes: serviceTypes }], rejections: [] };
  return {
    ...base,
    active: true,
    planName: profile.planName,
    ...(payer.deductibleCents !== undefined ? { deductibleRemaining: usd(payer.deductibleCents) } : {}),
    ...(payer.coinsurancePercent !== undefined ? { coinsurancePercent: payer.coinsurancePercent } : {}),
    benefits: [
      { code: '1', coverageLevel: 'IND', serviceTypeCodes: serviceTypes, insuranceType: profile.insuranceType, planName: profile.planName },
      ...(payer.deductibleCents !== undefined
        ? [
            {
              code: 'C',
              coverageLevel: 'IND',
              serviceTypeCodes: serviceTypes,
              timePeriod: '29',
              amount: usd(payer.deductibleCents),
              inNetwork: 'Y',
            },
          ]
        : []),
      ...(payer.coinsurancePercent !== undefined
        ? [{ code: 'A', coverageLevel: 'IND', serviceTypeCodes: serviceTypes, percent: payer.coinsurancePercent, inNetwork: 'Y' }]
        : []),
    ],
    rejections: [],
  };
}
