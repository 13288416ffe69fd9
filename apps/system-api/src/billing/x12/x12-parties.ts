import { Injectable } from '@nestjs/common';
import type { Claim837WriteOptions, X12EnvelopeOptions } from '@concord/connectors/x12';
import { SystemApiConfig } from '../../system-api.config';

/** Who Concord is towards the clearinghouse: the envelope and 837 parties of everything it sends. */
@Injectable()
export class X12Parties {
  constructor(private readonly config: SystemApiConfig) {}

  envelope(controlNumber: number, date: Date): X12EnvelopeOptions {
    return {
      senderId: this.config.BILLING_SUBMITTER_ID,
      receiverId: this.config.BILLING_CLEARINGHOUSE_ID,
      interchangeControlNumber: controlNumber,
      groupControlNumber: controlNumber,
      date,
      usage: this.config.BILLING_X12_USAGE,
    };
  }

  claimOptions(controlNumber: number, date: Date): Claim837WriteOptions {
    return {
      ...this.envelope(controlNumber, date),
      submitter: {
        name: this.config.BILLING_SUBMITTER_NAME,
        id: this.config.BILLING_SUBMITTER_ID,
        contactName: this.config.BILLING_SUBMITTER_CONTACT,
        phone: this.config.BILLING_SUBMITTER_PHONE,
      },
      receiver: { name: this.config.BILLING_CLEARINGHOUSE_NAME, id: this.config.BILLING_CLEARINGHOUSE_ID },
      transactionControlNumber: '0001',
    };
  }
}
