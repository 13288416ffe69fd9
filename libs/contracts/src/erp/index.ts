export * from './erp-validators';
export * from './supplier.dto';
export * from './item.dto';
export * from './cost-centre.dto';
export * from './inventory.dto';
export * from './general-ledger.dto';
export * from './purchasing.dto';
export * from './accounts-payable.dto';
