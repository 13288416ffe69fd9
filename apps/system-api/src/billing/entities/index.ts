import { BillingSequenceEntity } from './billing-sequence.entity';
import { ClaimPaymentEntity } from './claim-payment.entity';
import { ClaimStatusEntity } from './claim-status.entity';
import { ClaimEntity } from './claim.entity';
import { EligibilityInquiryEntity } from './eligibility-inquiry.entity';
import { RemittanceEntity } from './remittance.entity';
import { X12InterchangeEntity } from './x12-interchange.entity';

export {
  BillingSequenceEntity,
  ClaimPaymentEntity,
  ClaimStatusEntity,
  ClaimEntity,
  EligibilityInquiryEntity,
  RemittanceEntity,
  X12InterchangeEntity,
};

/** system-api's billing tables (registered with the platform's entities). */
export const BILLING_ENTITIES = [
  ClaimEntity,
  ClaimStatusEntity,
  X12InterchangeEntity,
  RemittanceEntity,
  ClaimPaymentEntity,
  EligibilityInquiryEntity,
  BillingSequenceEntity,
];
