import type { RemittanceWriteDetails } from '@concord/connectors/x12';

/** The sandbox clearinghouse's own identity in envelopes and 277CAs. */
export const CLEARINGHOUSE = { id: 'CONCORDCH', name: 'Concord Sandbox Clearinghouse' } as const;

export interface PayerRemittanceProfile extends RemittanceWriteDetails {
  /** TRN03: "1" followed by the payer's tax id. */
  originatingCompanyId: string;
  /** BPR04: ACH (electronic funds transfer, needs `bank`) or CHK. */
  paymentMethod: 'ACH' | 'CHK';
  /** Prefix of the payer's claim control numbers (CLP07, REF*1K) and trace numbers. */
  claimNumberPrefix: string;
  /** EB04 insurance type and EB05 plan name of its 271 answers. */
  insuranceType: string;
  planName: string;
}

/** How each payer remits (835) and answers eligibility (271) in the sandbox. */
export const PAYER_PROFILES: Readonly<Record<string, PayerRemittanceProfile>> = {
  MCRA1: {
    originatingCompanyId: '1999999999',
    paymentMethod: 'ACH',
    claimNumberPrefix: 'MCR',
    insuranceType: 'MA',
    planName: 'Medicare Part A',
    payerAddress: { line: ['PO Box 1000'], city: 'Concord', state: 'NH', postalCode: '03302' },
    payerTechnicalContact: { name: 'EDI Support', phone: '8005550199' },
    bank: {
      senderRoutingNumber: '011000015',
      senderAccountNumber: '000111222',
      receiverRoutingNumber: '011400495',
      receiverAccountNumber: '123456789',
    },
  },
  MCRB1: {
    originatingCompanyId: '1999999998',
    paymentMethod: 'ACH',
    claimNumberPrefix: 'MCB',
    insuranceType: 'MB',
    planName: 'Medicare Part B',
    payerAddress: { line: ['PO Box 1000'], city: 'Concord', state: 'NH', postalCode: '03302' },
    payerTechnicalContact: { name: 'EDI Support', phone: '8005550199' },
    bank: {
      senderRoutingNumber: '011000015',
      senderAccountNumber: '000111223',
      receiverRoutingNumber: '011400495',
      receiverAccountNumber: '123456789',
    },
  },
  KHP01: {
    originatingCompanyId: '1888888888',
    paymentMethod: 'CHK',
    claimNumberPrefix: 'KHP',
    insuranceType: 'HM',
    planName: 'KHP Gold',
    payerAddress: { line: ['200 Keystone Plaza'], city: 'Manchester', state: 'NH', postalCode: '03101' },
    payerTechnicalContact: { url: 'www.keystone.example/edi' },
  },
  BMCD1: {
    originatingCompanyId: '1777777777',
    paymentMethod: 'CHK',
    claimNumberPrefix: 'BMC',
    insuranceType: 'MC',
    planName: 'Bayview Medicaid',
    payerAddress: { line: ['1 State House Plaza'], city: 'Concord', state: 'NH', postalCode: '03301' },
    payerTechnicalContact: { name: 'Provider EDI', phone: '8005550123' },
  },
};
