/**
 * Service roots of the S/4HANA Cloud APIs Concord uses, relative to the system's origin (OData v4
 * layout). A real tenant may place them elsewhere: adapters take the full roots from configuration
 * and use these as defaults.
 */
export const S4_SERVICE_PATHS = {
  API_BUSINESS_PARTNER: '/sap/opu/odata4/sap/api_business_partner/0001',
  API_PRODUCT_SRV: '/sap/opu/odata4/sap/api_product_srv/0001',
  API_INFORECORD_PROCESS_SRV: '/sap/opu/odata4/sap/api_inforecord_process_srv/0001',
  API_COSTCENTER_SRV: '/sap/opu/odata4/sap/api_costcenter_srv/0001',
  API_GLACCOUNTINCHARTOFACCOUNTS_SRV: '/sap/opu/odata4/sap/api_glaccountinchartofaccounts_srv/0001',
  YY1_GLACCOUNTMAPPING_CDS: '/sap/opu/odata4/sap/yy1_glaccountmapping_cds/0001',
  API_MATERIAL_STOCK_SRV: '/sap/opu/odata4/sap/api_material_stock_srv/0001',
  API_MATERIAL_DOCUMENT_SRV: '/sap/opu/odata4/sap/api_material_document_srv/0001',
  API_PURCHASEREQ_PROCESS_SRV: '/sap/opu/odata4/sap/api_purchasereq_process_srv/0001',
  API_PURCHASEORDER_PROCESS_SRV: '/sap/opu/odata4/sap/api_purchaseorder_process_srv/0001',
  API_SUPPLIERINVOICE_PROCESS_SRV: '/sap/opu/odata4/sap/api_supplierinvoice_process_srv/0001',
  API_SUPPLIERPAYMENT_SRV: '/sap/opu/odata4/sap/api_supplierpayment_srv/0001',
  API_JOURNALENTRY_SRV: '/sap/opu/odata4/sap/api_journalentry_srv/0001',
} as const;

export type S4ServiceName = keyof typeof S4_SERVICE_PATHS;

/** Full service roots for a system origin such as `https://my300000-api.s4hana.cloud.sap`. */
export function s4ServiceRoots(origin: string): Record<S4ServiceName, string> {
  const base = origin.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(S4_SERVICE_PATHS).map(([name, path]) => [name, `${base}${path}`])) as Record<
    S4ServiceName,
    string
  >;
}

/** Bound operations, namespace-qualified as their services declare them. */
export const S4_OPERATIONS = {
  releaseRequisition: 'API_PURCHASEREQ_PROCESS_SRV.Release',
  releaseInvoicePaymentBlock: 'API_SUPPLIERINVOICE_PROCESS_SRV.ReleasePaymentBlock',
  trialBalance: 'TrialBalance',
} as const;
