import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionRunner } from '@concord/platform';

/** The interchange control numbers (ISA13, and GS06 alike) of what Concord sends: 1 … 999,999,999, never reused. */
export const INTERCHANGE_SEQUENCE = 'x12-interchange';

/**
 * Counters in the billing_sequence table, advanced in the caller's transaction (an upsert with
 * RETURNING, atomic on PostgreSQL's row lock and under SQLite's single writer). A counter that does
 * not exist yet starts from the clock (seconds, modulo the ISA13 range): a system-api whose database
 * was reset does not hand the clearinghouse a control number it has already seen.
 */
@Injectable()
export class BillingSequences {
  constructor(private readonly transactions: TransactionRunner) {}

  async next(manager: EntityManager, name: string): Promise<number> {
    const start = (Math.floor(Date.now() / 1000) % 899_999_999) + 1;
    const postgres = this.transactions.databaseType === 'postgres';
    const sql = postgres
      ? `INSERT INTO billing_sequence (name, value) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET value = CASE WHEN billing_sequence.value >= 999999999 THEN 1 ELSE billing_sequence.value + 1 END
         RETURNING value`
      : `INSERT INTO billing_sequence (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = CASE WHEN value >= 999999999 THEN 1 ELSE value + 1 END
         RETURNING value`;
    const rows = await manager.query<{ value: number | string }[]>(sql, [name, start]);
    return Number(rows[0].value);
  }
}
