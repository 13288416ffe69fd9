import { DECIMAL_AMOUNT_PATTERN } from '../../erp/http/decimal-amount';

/** JSON schemas of the vendor API's request bodies and queries: unknown fields are refused, not dropped. */
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const date = { type: 'string', format: 'calendar-date' } as const;
const department = { type: 'string', pattern: '^[A-Z0-9]{2,10}$' } as const;
const payerId = { type: 'string', pattern: '^[0-9A-Z]{2,80}$' } as const;
const npi = { type: 'string', pattern: '^[0-9]{10}$' } as const;
const amount = { type: 'string', pattern: DECIMAL_AMOUNT_PATTERN } as const;
const object = (required: readonly string[], properties: Record<string, unknown>) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

const address = object(['line1', 'city', 'state', 'zip'], {
  line1: text(55),
  line2: text(55),
  city: text(30),
  state: { type: 'string', pattern: '^[A-Z]{2}$' },
  zip: { type: 'string', pattern: '^[0-9]{5}([0-9]{4})?$' },
});
const personProperties = {
  last_name: text(60),
  first_name: text(35),
  middle_name: text(25),
  birth_date: date,
  sex: { enum: ['F', 'M', 'U'] },
  address,
};
const person = object(['last_name'], personProperties);
const patient = object(['mrn', 'last_name', 'birth_date'], {
  ...personProperties,
  mrn: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' },
  ehr_patient_id: text(64),
});
const coverage = object(['priority', 'payer_id', 'relationship'], {
  priority: { type: 'integer', minimum: 1, maximum: 3 },
  payer_id: payerId,
  member_id: text(80),
  group_no: text(50),
  relationship: { enum: ['SELF', 'SPOUSE', 'CHILD', 'OTHER'] },
  subscriber: person,
});
const coverages = { type: 'array', maxItems: 3, items: coverage } as const;
const clinician = object(['npi', 'last_name'], {
  npi,
  last_name: text(60),
  first_name: text(35),
  taxonomy: { type: 'string', pattern: '^[0-9A-Z]{9}X$' },
});
const discharge = object(['date'], { date, status: { type: 'string', pattern: '^[0-9]{2}$' } });

export const accountBody = object(['encounter_ref', 'facility_id', 'patient_class', 'patient', 'admit', 'coverages'], {
  encounter_ref: text(64),
  visit_no: text(40),
  facility_id: text(64),
  patient_class: { enum: ['I', 'O'] },
  department,
  patient,
  admit: object(['date'], {
    date,
    hour: { type: 'string', pattern: '^([01][0-9]|2[0-3])[0-5][0-9]$' },
    type: { type: 'string', pattern: '^[0-9]$' },
    source: { type: 'string', pattern: '^[0-9A-Z]$' },
  }),
  discharge,
  attending: clinician,
  coverages,
});

export const accountPatchBody = {
  ...object([], { coverages, discharge, attending: clinician, status: { enum: ['BILLED', 'CLOSED'] } }),
  minProperties: 1,
} as const;

export const codingBody = object(['status', 'diagnoses', 'procedures'], {
  status: { enum: ['FINAL', 'PROVISIONAL'] },
  drg: { type: 'string', pattern: '^[0-9]{3}$' },
  diagnoses: {
    type: 'array',
    minItems: 1,
    maxItems: 25,
    items: object(['code', 'type'], {
      code: { type: 'string', pattern: '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$' },
      type: { enum: ['PRINCIPAL', 'ADMITTING', 'SECONDARY', 'REASON'] },
      poa: { enum: ['Y', 'N', 'U', 'W', '1'] },
    }),
  },
  procedures: {
    type: 'array',
    maxItems: 25,
    items: object(['code', 'date', 'principal'], {
      code: { type: 'string', pattern: '^[0-9A-Z]{7}$' },
      date,
      principal: { type: 'boolean' },
    }),
  },
});

export const chargeBody = object(['charge_code', 'qty', 'service_date'], {
  charge_code: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,19}$' },
  qty: { type: 'integer', minimum: -999, maximum: 999, not: { const: 0 } },
  service_date: date,
  dept: department,
  performing_npi: npi,
  modifiers: { type: 'array', maxItems: 4, uniqueItems: true, items: { type: 'string', pattern: '^[0-9A-Z]{2}$' } },
  source_ref: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
});

export const chargemasterItemBody = object(['description', 'revenue_code', 'dept', 'unit', 'price'], {
  description: text(80),
  revenue_code: { type: 'string', pattern: '^[0-9]{4}$' },
  cpt_hcpcs: {
    anyOf: [
      { type: 'null' },
      object(['type', 'code'], { type: { enum: ['CPT', 'HCPCS'] }, code: { type: 'string', pattern: '^[A-Z0-9]{5}$' } }),
    ],
  },
  dept: department,
  unit: { enum: ['DAY', 'EACH'] },
  price: object(['effective_from', 'amount'], { effective_from: date, amount }),
});

export const transactionsBody = object(['items'], {
  claim_ref: text(40),
  remit_ref: text(80),
  payer_id: payerId,
  posted_date: date,
  items: {
    type: 'array',
    minItems: 1,
    maxItems: 100,
    items: object(['type', 'amount'], {
      type: { enum: ['PAYMENT', 'ADJUSTMENT', 'TRANSFER'] },
      amount,
      group_code: { enum: ['CO', 'PR', 'OA', 'PI'] },
      reason_code: { type: 'string', pattern: '^[0-9A-Z]{1,5}$' },
      payer_id: payerId,
      dept: department,
    }),
  },
});

export interface ListQuery {
  offset: number;
  limit: number;
}

export const listQuery = (extra: Record<string, unknown> = {}) =>
  ({
    type: 'object',
    additionalProperties: false,
    properties: {
      offset: { type: 'integer', minimum: 0, default: 0 },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      ...extra,
    },
  }) as const;

export const idParams = (name: string) =>
  ({
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } },
  }) as const;

// ---- body types (as the schemas admit them) -------------------------------------------------

export interface AddressIn {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}
export interface PersonIn {
  last_name: string;
  first_name?: string;
  middle_name?: string;
  birth_date?: string;
  sex?: 'F' | 'M' | 'U';
  address?: AddressIn;
}
export interface CoverageIn {
  priority: number;
  payer_id: string;
  member_id?: string;
  group_no?: string;
  relationship: 'SELF' | 'SPOUSE' | 'CHILD' | 'OTHER';
  subscriber?: PersonIn;
}
export interface ClinicianIn {
  npi: string;
  last_name: string;
  first_name?: string;
  taxonomy?: string;
}
export interface AccountBody {
  encounter_ref: string;
  visit_no?: string;
  facility_id: string;
  patient_class: 'I' | 'O';
  department?: string;
  patient: PersonIn & { mrn: string; ehr_patient_id?: string; birth_date: string };
  admit: { date: string; hour?: string; type?: string; source?: string };
  discharge?: { date: string; status?: string };
  attending?: ClinicianIn;
  coverages: CoverageIn[];
}
export interface AccountPatchBody {
  coverages?: CoverageIn[];
  discharge?: { date: string; status?: string };
  attending?: ClinicianIn;
  status?: 'BILLED' | 'CLOSED';
}
export interface CodingBody {
  status: 'FINAL' | 'PROVISIONAL';
  drg?: string;
  diagnoses: { code: string; type: 'PRINCIPAL' | 'ADMITTING' | 'SECONDARY' | 'REASON'; poa?: string }[];
  procedures: { code: string; date: string; principal: boolean }[];
}
export interface ChargeBody {
  charge_code: string;
  qty: number;
  service_date: string;
  dept?: string;
  performing_npi?: string;
  modifiers?: string[];
  source_ref?: string;
}
export interface ChargemasterItemBody {
  description: string;
  revenue_code: string;
  cpt_hcpcs?: { type: 'CPT' | 'HCPCS'; code: string } | null;
  dept: string;
  unit: 'DAY' | 'EACH';
  price: { effective_from: string; amount: string };
}
export interface TransactionsBody {
  claim_ref?: string;
  remit_ref?: string;
  payer_id?: string;
  posted_date?: string;
  items: {
    type: 'PAYMENT' | 'ADJUSTMENT' | 'TRANSFER';
    amount: string;
    group_code?: string;
    reason_code?: string;
    payer_id?: string;
    dept?: string;
  }[];
}
