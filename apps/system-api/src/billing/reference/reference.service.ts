import { Injectable } from '@nestjs/common';
import { type BillingFacility, type BillingPayer, BillingPort, type ChargemasterEntry } from '@concord/connectors/billing';
import { BillingException, BillingExceptionCode, translateConnectorError } from '../billing.exception';

const CACHE_MS = 60_000;

/**
 * The billing platform's master data: facilities, chargemaster, payer contracts. Payers and
 * facilities are cached for a minute (every claim build reads them); the chargemaster is read through.
 */
@Injectable()
export class BillingReferenceService {
  private payers?: { at: number; value: Promise<BillingPayer[]> };
  private facilities?: { at: number; value: Promise<BillingFacility[]> };

  constructor(private readonly billing: BillingPort) {}

  async listFacilities(): Promise<BillingFacility[]> {
    if (!this.facilities || Date.now() - this.facilities.at > CACHE_MS) {
      const value = this.billing.listFacilities();
      this.facilities = { at: Date.now(), value };
      value.catch(() => (this.facilities = undefined));
    }
    return this.call(() => this.facilities!.value);
  }

  async facility(id: string): Promise<BillingFacility> {
    const facility = (await this.listFacilities()).find((f) => f.id === id);
    if (!facility)
      throw new BillingException(BillingExceptionCode.REFERENCE_NOT_FOUND, `No facility ${id} bills through the billing platform`);
    return facility;
  }

  async listPayers(): Promise<BillingPayer[]> {
    if (!this.payers || Date.now() - this.payers.at > CACHE_MS) {
      const value = this.billing.listPayers();
      this.payers = { at: Date.now(), value };
      value.catch(() => (this.payers = undefined));
    }
    return this.call(() => this.payers!.value);
  }

  async payer(payerId: string): Promise<BillingPayer> {
    const payer = (await this.listPayers()).find((p) => p.payerId === payerId);
    if (!payer)
      throw new BillingException(BillingExceptionCode.REFERENCE_NOT_FOUND, `No payer ${payerId} has a contract with the hospital`);
    return payer;
  }

  listChargemaster(asOf?: string): Promise<ChargemasterEntry[]> {
    return this.call(() => this.billing.listChargemaster(asOf));
  }

  chargemasterEntry(code: string, asOf?: string): Promise<ChargemasterEntry> {
    return this.call(() => this.billing.getChargemasterEntry(code, asOf), BillingExceptionCode.REFERENCE_NOT_FOUND);
  }

  private async call<T>(work: () => Promise<T>, notFound = BillingExceptionCode.REFERENCE_NOT_FOUND): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translateConnectorError(error, notFound);
    }
  }
}
