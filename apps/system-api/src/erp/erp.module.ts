import { Module } from '@nestjs/common';
import { ErpPayrollPort, ErpPort } from '@concord/connectors/erp';
import { SystemApiConfig } from '../system-api.config';
import { createErpPayrollPort, createErpPort } from './adapters/erp-adapters';
import { CoreSystemEvents } from './erp-events.publisher';
import { InventoryController } from './inventory/inventory.controller';
import { InventoryService } from './inventory/inventory.service';
import { GeneralLedgerController, JournalsController } from './ledger/ledger.controller';
import { LedgerService } from './ledger/ledger.service';
import { ClinicalItems } from './master-data/clinical-items.service';
import {
  CostCentresController,
  ItemsController,
  MasterDataSyncController,
  SuppliersController,
} from './master-data/master-data.controller';
import { MasterDataService } from './master-data/master-data.service';
import { MasterDataSync } from './master-data/master-data-sync.service';
import { InvoicesController, PaymentsController } from './payables/payables.controller';
import { PayablesService } from './payables/payables.service';
import { GoodsReceiptsController, PurchaseOrdersController, RequisitionsController } from './procurement/procurement.controller';
import { ProcurementService } from './procurement/procurement.service';

/** /erp/v1: the hospital ERP (supply chain, payables, general ledger) through one ErpPort adapter chosen by ERP_ADAPTER. */
@Module({
  controllers: [
    SuppliersController,
    ItemsController,
    CostCentresController,
    MasterDataSyncController,
    InventoryController,
    RequisitionsController,
    PurchaseOrdersController,
    GoodsReceiptsController,
    InvoicesController,
    PaymentsController,
    JournalsController,
    GeneralLedgerController,
  ],
  providers: [
    { provide: ErpPort, inject: [SystemApiConfig], useFactory: createErpPort },
    { provide: ErpPayrollPort, inject: [ErpPort], useFactory: createErpPayrollPort },
    CoreSystemEvents,
    ClinicalItems,
    MasterDataService,
    MasterDataSync,
    InventoryService,
    ProcurementService,
    PayablesService,
    LedgerService,
  ],
  exports: [ErpPort, ErpPayrollPort, CoreSystemEvents],
})
export class ErpModule {}
