import type { Request, Service } from '@sap/cds';
import { one, T } from './db';
import { postMaterialDocument } from './goods-movements';
import { createJournalEntry, trialBalance } from './journal-entries';
import { createSupplierPayment } from './payments';
import { createPurchaseOrder, createRequisition, releaseRequisition, updatePurchaseOrder, updatePurchaseOrderItem } from './purchasing';
import { reject, S4BusinessError, shown } from './s4-error';
import { CHART_OF_ACCOUNTS, CONTROLLING_AREA, type RuleContext } from './settings';
import { createSupplierInvoice, releasePaymentBlock } from './supplier-invoices';

/** Posted documents change only through reversal (not modelled), never by PATCH or DELETE. */
function refuseChanges(service: Service, entities: string[], what: string): void {
  service.before(['UPDATE', 'DELETE'], entities, () => {
    throw new S4BusinessError(405, 'DOCUMENT_IS_POSTED', `${what} are posted documents: they cannot be changed or deleted`);
  });
}

/** Items are created with their header (deep insert), not on their own. */
function refuseDirectCreate(service: Service, entity: string): void {
  service.before('CREATE', entity, () => {
    throw new S4BusinessError(405, 'CREATE_WITH_HEADER', `${entity} entries are created with their header (deep insert)`);
  });
}

/** Attaches the ERP's business rules to the CAP service they belong to. */
export function registerRules(service: Service, context: RuleContext): void {
  const withContext = (rule: (request: Request, context: RuleContext) => unknown) => (request: Request) => rule(request, context);
  switch (service.name) {
    case 'API_MATERIAL_DOCUMENT_SRV':
      service.before('CREATE', 'A_MaterialDocumentHeader', withContext(postMaterialDocument));
      refuseDirectCreate(service, 'A_MaterialDocumentItem');
      refuseDirectCreate(service, 'A_SerialNumberMaterialDocument');
      refuseChanges(
        service,
        ['A_MaterialDocumentHeader', 'A_MaterialDocumentItem', 'A_SerialNumberMaterialDocument'],
        'Material documents',
      );
      break;
    case 'API_PURCHASEREQ_PROCESS_SRV':
      service.before('CREATE', 'A_PurchaseRequisitionHeader', withContext(createRequisition));
      service.on('Release', 'A_PurchaseRequisitionHeader', releaseRequisition);
      refuseDirectCreate(service, 'A_PurchaseRequisitionItem');
      refuseChanges(service, ['A_PurchaseRequisitionItem'], 'Requisition items');
      service.before('DELETE', 'A_PurchaseRequisitionHeader', () => reject('DELETE_NOT_ALLOWED', 'Requisitions are closed, not deleted'));
      break;
    case 'API_PURCHASEORDER_PROCESS_SRV':
      service.before('CREATE', 'A_PurchaseOrder', withContext(createPurchaseOrder));
      service.before('UPDATE', 'A_PurchaseOrder', updatePurchaseOrder);
      service.before('UPDATE', 'A_PurchaseOrderItem', updatePurchaseOrderItem);
      refuseDirectCreate(service, 'A_PurchaseOrderItem');
      service.before('DELETE', ['A_PurchaseOrder', 'A_PurchaseOrderItem'], () =>
        reject('DELETE_NOT_ALLOWED', 'Purchase orders are cancelled (status 08) or their items flagged deleted (L), not deleted'),
      );
      break;
    case 'API_SUPPLIERINVOICE_PROCESS_SRV':
      service.before('CREATE', 'A_SupplierInvoice', withContext(createSupplierInvoice));
      service.on('ReleasePaymentBlock', 'A_SupplierInvoice', withContext(releasePaymentBlock));
      refuseDirectCreate(service, 'A_SuplrInvcItemPurOrdRef');
      refuseChanges(service, ['A_SupplierInvoice', 'A_SuplrInvcItemPurOrdRef'], 'Supplier invoices');
      break;
    case 'API_SUPPLIERPAYMENT_SRV':
      service.before('CREATE', 'A_SupplierPayment', withContext(createSupplierPayment));
      refuseChanges(service, ['A_SupplierPayment'], 'Payments');
      break;
    case 'API_JOURNALENTRY_SRV':
      service.before('CREATE', 'A_JournalEntry', withContext(createJournalEntry));
      service.on('TrialBalance', trialBalance);
      refuseDirectCreate(service, 'A_JournalEntryItem');
      refuseChanges(service, ['A_JournalEntry', 'A_JournalEntryItem'], 'Journal entries');
      break;
    case 'YY1_GLACCOUNTMAPPING_CDS':
      service.before(['CREATE', 'UPDATE'], 'YY1_GLAccountMapping', checkMapping);
      break;
    default:
      break;
  }
}

async function checkMapping(request: Request): Promise<void> {
  const { GLAccount, CostCenter } = request.data;
  if (GLAccount !== undefined && !(await one(T.GLAccounts, { ChartOfAccounts: CHART_OF_ACCOUNTS, GLAccount })))
    reject('GL_ACCOUNT_UNKNOWN', `GL account ${shown(GLAccount)} does not exist`, 'GLAccount');
  if (CostCenter !== undefined && !(await one(T.CostCenters, { ControllingArea: CONTROLLING_AREA, CostCenter })))
    reject('COST_CENTER_UNKNOWN', `Cost centre ${shown(CostCenter)} does not exist`, 'CostCenter');
}
