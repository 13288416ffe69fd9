import { Injectable } from '@nestjs/common';
import { BillingPort, type ChargemasterEntry } from '@concord/connectors/billing';
import type { FieldValue } from '@concord/connectors/files';
import { CodeSystem, type CodingDto } from '@concord/contracts';
import { ErrorCategory } from '@concord/platform';
import { BillingException, BillingExceptionCode, translateConnectorError } from '../../billing/billing.exception';
import type { FileFeed, RowContext, RowOutcome } from '../file-feed';
import { CHARGEMASTER_LAYOUT_V1 } from './chargemaster.layout';

/**
 * Chargemaster import → the billing platform's chargemaster. Each row sets an item and the price it
 * has from its effective date; a row that matches what billing already has on that date is
 * unchanged (so re-sending a file changes nothing). The price list stays whole: one bad row and
 * the file is applied not at all.
 */
@Injectable()
export class ChargemasterFeed implements FileFeed {
  readonly name = 'chargemaster';
  readonly description = 'Chargemaster import: charge codes, revenue codes, CPT/HCPCS and effective-dated prices into billing';
  readonly layout = CHARGEMASTER_LAYOUT_V1;
  readonly policy = 'all-or-nothing' as const;

  constructor(private readonly billing: BillingPort) {}

  async apply(values: Record<string, FieldValue | undefined>, context: RowContext): Promise<RowOutcome> {
    const row = values as {
      chargeCode: string;
      description: string;
      revenueCode: string;
      cptHcpcs?: string;
      department: string;
      unit?: string;
      price: number;
      effectiveFrom: string;
    };
    const procedureCode: CodingDto | undefined = row.cptHcpcs
      ? { system: /^[0-9]/.test(row.cptHcpcs) ? CodeSystem.CPT : CodeSystem.HCPCS, code: row.cptHcpcs }
      : undefined;
    const update = {
      chargeCode: row.chargeCode,
      description: row.description,
      revenueCode: row.revenueCode,
      ...(procedureCode ? { procedureCode } : {}),
      departmentCode: row.department,
      unit: (row.unit?.toLowerCase() ?? 'each') as 'each' | 'day',
      price: { amount: row.price, currency: 'USD' as const },
      effectiveFrom: row.effectiveFrom,
    };
    try {
      const current = await this.current(row.chargeCode, row.effectiveFrom);
      if (current && sameItem(current, update)) return { outcome: 'unchanged' };
      await this.billing.putChargemasterItem(update, { idempotencyKey: context.idempotencyKey });
      return { outcome: 'accepted' };
    } catch (error) {
      const translated = translateConnectorError(error);
      // The billing platform refused the row itself: a rejection with its reason; anything else fails the run.
      if (
        translated instanceof BillingException &&
        [ErrorCategory.INVALID_INPUT, ErrorCategory.UNPROCESSABLE].includes(translated.category)
      )
        return { outcome: 'rejected', reason: translated.message };
      throw translated;
    }
  }

  private async current(code: string, asOf: string): Promise<ChargemasterEntry | undefined> {
    try {
      return await this.billing.getChargemasterEntry(code, asOf);
    } catch (error) {
      const translated = translateConnectorError(error, BillingExceptionCode.REFERENCE_NOT_FOUND);
      if (translated instanceof BillingException && translated.category === ErrorCategory.NOT_FOUND) return undefined;
      throw translated;
    }
  }
}

function sameItem(
  current: ChargemasterEntry,
  update: {
    description: string;
    revenueCode: string;
    procedureCode?: CodingDto;
    departmentCode: string;
    unit: string;
    price: { amount: number };
  },
): boolean {
  return (
    current.description === update.description &&
    current.revenueCode === update.revenueCode &&
    (current.procedureCode?.code ?? undefined) === update.procedureCode?.code &&
    current.departmentCode === update.departmentCode &&
    current.unit === update.unit &&
    // The price in force on the row's date: a later file repeating a price does not start a new one.
    current.price?.amount === update.price.amount
  );
}
