import { Global, Module } from '@nestjs/common';
import { DepartmentProfitabilityEntity } from './department-profitability.entity';
import { DepartmentProfitabilityRepository } from './department-profitability.repository';
import { CreateDepartmentProfitability1764820000000 } from './migrations/1764820000000-create-department-profitability.migration';
import { ProfitabilityController } from './profitability.controller';
import { ProfitabilityQueries } from './profitability.service';

export const COST_ALLOCATION_ENTITIES = [DepartmentProfitabilityEntity];
export const COST_ALLOCATION_MIGRATIONS = [CreateDepartmentProfitability1764820000000];

/**
 * The department P&L the cost-allocation flow stores, and its read-only REST view. Global so the
 * flow (instantiated by the engine module from FLOW_SOURCES) can reach the repository.
 */
@Global()
@Module({
  controllers: [ProfitabilityController],
  providers: [DepartmentProfitabilityRepository, ProfitabilityQueries],
  exports: [DepartmentProfitabilityRepository],
})
export class CostAllocationModule {}
