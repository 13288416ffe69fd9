import { Injectable } from '@nestjs/common';
import { ErpPort } from '@concord/connectors/erp';
import type { CostCentreDto, CostCentreValidationDto, GLAccountDto, GLMappingDto, ItemDto, SupplierDto } from '@concord/contracts';
import type { GlMappingListQuery, MasterDataListQuery } from '../dto/erp-requests.dto';
import { type Page, pageOf } from '../dto/list-page';
import { erpCall } from '../erp.exception';

/** Reads of the ERP's master data: suppliers, items, cost centres, chart of accounts, account determination. */
@Injectable()
export class MasterDataService {
  constructor(private readonly erp: ErpPort) {}

  async listSuppliers(query: MasterDataListQuery): Promise<Page<SupplierDto>> {
    const suppliers = await erpCall('read', () => this.erp.listSuppliers({ changedSince: query.changedSince }));
    return pageOf(suppliers, query, `suppliers|${query.changedSince ?? ''}`);
  }

  getSupplier(id: string): Promise<SupplierDto> {
    return erpCall('read', () => this.erp.getSupplier(id));
  }

  async listItems(query: MasterDataListQuery): Promise<Page<ItemDto>> {
    const items = await erpCall('read', () => this.erp.listItems({ changedSince: query.changedSince }));
    return pageOf(items, query, `items|${query.changedSince ?? ''}`);
  }

  getItem(id: string): Promise<ItemDto> {
    return erpCall('read', () => this.erp.getItem(id));
  }

  listCostCentres(): Promise<CostCentreDto[]> {
    return erpCall('read', () => this.erp.listCostCentres());
  }

  validateCostCentre(code: string): Promise<CostCentreValidationDto> {
    return erpCall('read', () => this.erp.validateCostCentre(code));
  }

  listGlAccounts(): Promise<GLAccountDto[]> {
    return erpCall('read', () => this.erp.listGlAccounts());
  }

  listGlMappings(query: GlMappingListQuery): Promise<GLMappingDto[]> {
    return erpCall('read', () => this.erp.listGlMappings({ departmentCode: query.departmentCode, chargeCategory: query.chargeCategory }));
  }
}
