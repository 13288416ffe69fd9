import { defineLayout } from '@concord/connectors/files';

/**
 * Bank lockbox / deposit detail file, version 1: fixed width, one `6` record per payment deposited
 * (check or EFT), between the bank's `1` file header, `5` batch header, `8` batch trailer and `9`
 * file trailer records (skipped). Amounts carry two implied decimals.
 *
 *   col 1      record type `6`
 *   col 2-9    deposit date YYYYMMDD
 *   col 10-59  check or EFT trace number (the 835's TRN02), left-justified
 *   col 60-71  amount, 12 digits, implied decimals
 *   col 72-101 payer name (optional)
 */
export const LOCKBOX_LAYOUT_V1 = defineLayout({
  name: 'lockbox',
  version: 1,
  format: 'fixed-width',
  skipRecordTypes: ['1', '5', '8', '9'],
  fields: [
    { name: 'recordType', type: 'string', required: true, start: 1, length: 1, values: ['6'] },
    { name: 'depositDate', type: 'date', required: true, start: 2, length: 8, dateFormat: 'YYYYMMDD' },
    { name: 'traceNumber', type: 'string', required: true, start: 10, length: 50, pattern: '[A-Za-z0-9-]{1,50}' },
    { name: 'amount', type: 'money', required: true, start: 60, length: 12, impliedDecimals: true, min: 1 },
    { name: 'payerName', type: 'string', start: 72, length: 30 },
  ],
});
