import { defineLayout } from '@concord/connectors/files';

/** Chargemaster extract from finance, version 1: one row per item and price, `,` or `;` delimited, with a header. */
export const CHARGEMASTER_LAYOUT_V1 = defineLayout({
  name: 'chargemaster',
  version: 1,
  format: 'csv',
  delimiter: 'auto',
  fields: [
    {
      name: 'chargeCode',
      type: 'string',
      required: true,
      headers: ['Charge Code', 'CDM Code', 'charge_code'],
      pattern: '[A-Z0-9][A-Z0-9-]{0,19}',
    },
    { name: 'description', type: 'string', required: true, headers: ['Description'], maxLength: 80 },
    { name: 'revenueCode', type: 'string', required: true, headers: ['Revenue Code', 'Rev Code', 'revenue_code'], pattern: '[0-9]{4}' },
    { name: 'cptHcpcs', type: 'string', headers: ['CPT/HCPCS', 'CPT', 'HCPCS', 'cpt_hcpcs'], pattern: '[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4}' },
    {
      name: 'department',
      type: 'string',
      required: true,
      headers: ['Department', 'Cost Centre', 'Cost Center', 'dept'],
      pattern: '[A-Z0-9]{2,10}',
    },
    { name: 'unit', type: 'string', headers: ['Unit'], values: ['each', 'day', 'EACH', 'DAY'] },
    { name: 'price', type: 'money', required: true, headers: ['Price', 'Amount'], min: 0, max: 99_999_999 },
    { name: 'effectiveFrom', type: 'date', required: true, headers: ['Effective From', 'Effective Date', 'effective_from'] },
  ],
});
