import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FieldValue } from '@concord/connectors/files';
import { TransactionRunner } from '@concord/platform';
import { RemittanceEntity } from '../../billing/entities/remittance.entity';
import type { FileFeed, RowContext, RowOutcome } from '../file-feed';
import { DepositMatchEntity } from './deposit-match.entity';
import { LOCKBOX_LAYOUT_V1 } from './lockbox.layout';

const dollars = (cents: number) => `${(cents / 100).toFixed(2)}`;

/**
 * Bank lockbox / deposit file → each payment matched to the 835 remittance it pays, by trace number
 * and amount. A deposit with no remittance, or one whose amount differs, is rejected with the reason
 * (cash to investigate); the others are matched. Valid rows apply even when others are rejected.
 */
@Injectable()
export class LockboxFeed implements FileFeed {
  readonly name = 'lockbox';
  readonly description = 'Bank lockbox / deposit file: payments matched to 835 remittances by trace number and amount';
  readonly layout = LOCKBOX_LAYOUT_V1;
  readonly policy = 'valid-rows' as const;

  constructor(private readonly transactions: TransactionRunner) {}

  apply(values: Record<string, FieldValue | undefined>, context: RowContext): Promise<RowOutcome> {
    const row = values as { depositDate: string; traceNumber: string; amount: number };
    return this.transactions.run(async (manager): Promise<RowOutcome> => {
      const remittances = await manager.findBy(RemittanceEntity, { traceNumber: row.traceNumber });
      if (!remittances.length)
        return { outcome: 'rejected', field: 'traceNumber', reason: `no 835 remittance has trace number ${row.traceNumber}` };
      const remittance = remittances.find((r) => r.totalPaid === row.amount);
      if (!remittance)
        return {
          outcome: 'rejected',
          field: 'amount',
          reason: `deposit ${dollars(row.amount)} differs from the remittance of ${dollars(remittances[0].totalPaid)} with trace number ${row.traceNumber}`,
        };
      const existing = await manager.findOneBy(DepositMatchEntity, { remittanceId: remittance.id });
      if (existing)
        // The same row of the same run again (a retried run): already matched.
        return existing.runId === context.runId && existing.line === context.line ? { outcome: 'accepted' } : { outcome: 'unchanged' };
      await manager.insert(DepositMatchEntity, {
        id: randomUUID(),
        runId: context.runId,
        line: context.line,
        remittanceId: remittance.id,
        traceNumber: row.traceNumber,
        amount: row.amount,
        depositDate: row.depositDate,
        matchedAt: new Date().toISOString(),
      });
      return { outcome: 'accepted' };
    });
  }
}
