import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '@concord/platform';
import { DepartmentProfitabilityEntity } from './department-profitability.entity';

/** The department_profitability table: written by the cost-allocation flow, read by /v1/departments. */
@Injectable()
export class DepartmentProfitabilityRepository {
  constructor(
    private readonly dataSource: DataSource,
    // Writes go through the runner: on embedded SQLite it serialises them with the engine's own transactions.
    private readonly transactions: TransactionRunner,
  ) {}

  /** Replaces the period's figures with a fresh computation, in one transaction (a re-run never leaves a mix). */
  async replacePeriod(period: string, rows: DepartmentProfitabilityEntity[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.delete(DepartmentProfitabilityEntity, { period });
      if (rows.length) await manager.insert(DepartmentProfitabilityEntity, rows);
    });
  }

  /** Marks the period closed with the allocation journal that was posted for it. */
  async close(period: string, allocationJournalId: string | null, closedAt: string): Promise<void> {
    await this.transactions.run((manager) => manager.update(DepartmentProfitabilityEntity, { period }, { allocationJournalId, closedAt }));
  }

  find(departmentCode: string, period: string): Promise<DepartmentProfitabilityEntity | null> {
    return this.dataSource.getRepository(DepartmentProfitabilityEntity).findOneBy({ departmentCode, period });
  }

  listPeriod(period: string): Promise<DepartmentProfitabilityEntity[]> {
    return this.dataSource.getRepository(DepartmentProfitabilityEntity).find({ where: { period }, order: { departmentCode: 'ASC' } });
  }
}
