// Inventory and procurement: stock, goods movements, requisitions, purchase orders.
namespace s4.db;

using { s4.db.Amount, s4.db.Price, s4.db.Quantity, s4.db.Currency } from './master-data';

entity MaterialStocks {
  key Material                     : String(40);
  key Plant                        : String(4);
  key StorageLocation              : String(4);
  // 01 = unrestricted use
  key InventoryStockType           : String(2);
      MaterialBaseUnit             : String(3);
      MatlWrhsStkQtyInMatlBaseUnit : Quantity;
}

// The serial numbers in unrestricted-use stock, by storage location (S/4 keeps them in the serial
// number master's stock segment); a goods receipt adds a material's serials, a goods issue removes them.
entity SerialNumberStocks {
  key Material           : String(40);
  key SerialNumber       : String(18);
      Plant              : String(4);
      StorageLocation    : String(4);
      InventoryStockType : String(2);
}

entity MaterialDocumentHeaders {
  key MaterialDocumentYear       : String(4);
  key MaterialDocument           : String(10);
      DocumentDate               : Date;
      PostingDate                : Date;
      // 01 = goods receipt for purchase order, 03 = goods issue
      GoodsMovementCode          : String(2);
      // XBLNR: the sender's reference; a second posting with the same reference is refused
      ReferenceDocument          : String(16);
      MaterialDocumentHeaderText : String(25);
      to_MaterialDocumentItem    : Composition of many MaterialDocumentItems
                                     on  to_MaterialDocumentItem.MaterialDocumentYear = MaterialDocumentYear
                                     and to_MaterialDocumentItem.MaterialDocument     = MaterialDocument;
}

entity MaterialDocumentItems {
  key MaterialDocumentYear             : String(4);
  key MaterialDocument                 : String(10);
  key MaterialDocumentItem             : String(4);
      Material                         : String(40);
      Plant                            : String(4);
      StorageLocation                  : String(4);
      // 101 = goods receipt against a purchase order, 201 = goods issue to a cost centre
      GoodsMovementType                : String(3);
      QuantityInEntryUnit              : Quantity;
      EntryUnit                        : String(3);
      CostCenter                       : String(10);
      PurchaseOrder                    : String(10);
      PurchaseOrderItem                : String(5);
      SerialNumber                     : String(18);
      YY1_EncounterReference_MMI       : String(40);
      @readonly TotalGoodsMvtAmtInCCCrcy : Amount;
      @readonly CompanyCodeCurrency      : Currency;
      @readonly AccountingDocument       : String(10);
      // One serial number per unit of a serial-number-managed material (with or instead of SerialNumber).
      to_SerialNumbers                 : Composition of many MaterialDocumentItemSerialNumbers
                                           on  to_SerialNumbers.MaterialDocumentYear = MaterialDocumentYear
                                           and to_SerialNumbers.MaterialDocument     = MaterialDocument
                                           and to_SerialNumbers.MaterialDocumentItem = MaterialDocumentItem;
}

entity MaterialDocumentItemSerialNumbers {
  key MaterialDocumentYear : String(4);
  key MaterialDocument     : String(10);
  key MaterialDocumentItem : String(4);
  key SerialNumber         : String(18);
      Material             : String(40);
}

entity PurchaseRequisitionHeaders {
  key PurchaseRequisition     : String(10);
      PurchaseRequisitionType : String(4) default 'NB';
      PurReqnDescription      : String(40);
      @readonly CreationDate  : Date;
      // Custom fields (S/4HANA Cloud in-app extensions) of the integration: the sender's reference of
      // the request that created it, and who asked, for which cost centre and why.
      YY1_SenderReference_PRH : String(20);
      YY1_Requester_PRH       : String(64);
      YY1_CostCenter_PRH      : String(10);
      YY1_Reason_PRH          : String(20);
      ETag                    : UUID @odata.etag;
      to_PurchaseReqnItem     : Composition of many PurchaseRequisitionItems
                                  on to_PurchaseReqnItem.PurchaseRequisition = PurchaseRequisition;
}

entity PurchaseRequisitionItems {
  key PurchaseRequisition                : String(10);
  key PurchaseRequisitionItem            : String(5);
      Material                           : String(40);
      Plant                              : String(4);
      StorageLocation                    : String(4);
      RequestedQuantity                  : Quantity;
      BaseUnit                           : String(3);
      PurchaseRequisitionPrice           : Price;
      PurReqnItemCurrency                : Currency default 'USD';
      FixedSupplier                      : String(10);
      DeliveryDate                       : Date;
      // true while a release (approval) is outstanding: total above the release threshold
      @readonly ReleaseIsNotCompleted    : Boolean;
      // N = not edited, B = purchase order created
      @readonly ProcessingStatus         : String(1);
      @readonly PurchaseOrder            : String(10);
      @readonly PurchaseOrderItem        : String(5);
}

entity PurchaseOrders {
  key PurchaseOrder                        : String(10);
      PurchaseOrderType                    : String(4) default 'NB';
      CompanyCode                          : String(4) default '1000';
      PurchasingOrganization               : String(4) default '1000';
      PurchasingGroup                      : String(3) default '001';
      Supplier                             : String(10);
      DocumentCurrency                     : Currency default 'USD';
      PurchaseOrderDate                    : Date;
      // 02 = active (sent), 08 = cancelled
      PurchasingProcessingStatus           : String(2) default '02';
      // Custom fields: the sender's reference of the request that created it, and whether the order
      // was transmitted to the supplier (S/4 output management, not part of the purchase order API).
      YY1_SenderReference_PDH              : String(20);
      YY1_OutputSent_PDH                   : Boolean default false;
      ETag                                 : UUID @odata.etag;
      to_PurchaseOrderItem                 : Composition of many PurchaseOrderItems
                                               on to_PurchaseOrderItem.PurchaseOrder = PurchaseOrder;
}

entity PurchaseOrderItems {
  key PurchaseOrder                     : String(10);
  key PurchaseOrderItem                 : String(5);
      Material                          : String(40);
      Plant                             : String(4);
      StorageLocation                   : String(4);
      OrderQuantity                     : Quantity;
      PurchaseOrderQuantityUnit         : String(3);
      NetPriceAmount                    : Price;
      NetPriceQuantity                  : Decimal(5, 0) default 1;
      DocumentCurrency                  : Currency default 'USD';
      PurchaseRequisition               : String(10);
      PurchaseRequisitionItem           : String(5);
      // L = deleted
      PurchasingDocumentDeletionCode    : String(1) default '';
      @readonly IsCompletelyDelivered   : Boolean default false;
      @readonly IsFinallyInvoiced       : Boolean default false;
      // Simplifications: S/4 keeps these in the purchase order history.
      @readonly GoodsReceiptQuantity    : Quantity default 0;
      @readonly InvoiceReceiptQuantity  : Quantity default 0;
}
