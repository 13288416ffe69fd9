import type { BillingAccount, BillingPayer } from '@concord/connectors/billing';
import { type ClaimDto, isValidNpi } from '@concord/contracts';
import { addDays } from '../shared/allocation';

/** The payer-rule edits a claim must pass before it may be submitted. */
export enum ClaimEditCode {
  ACCOUNT_NOT_DISCHARGED = 'ACCOUNT_NOT_DISCHARGED',
  CODING_NOT_FINAL = 'CODING_NOT_FINAL',
  NO_COVERAGE = 'NO_COVERAGE',
  SELF_PAY_ACCOUNT = 'SELF_PAY_ACCOUNT',
  NO_BILLABLE_CHARGES = 'NO_BILLABLE_CHARGES',
  REQUIRED_FIELD_MISSING = 'REQUIRED_FIELD_MISSING',
  SUBSCRIBER_MEMBER_ID_MISSING = 'SUBSCRIBER_MEMBER_ID_MISSING',
  NPI_INVALID = 'NPI_INVALID',
  PRINCIPAL_DIAGNOSIS_MISSING = 'PRINCIPAL_DIAGNOSIS_MISSING',
  DIAGNOSIS_CODE_INVALID = 'DIAGNOSIS_CODE_INVALID',
  TOO_MANY_DIAGNOSES = 'TOO_MANY_DIAGNOSES',
  DIAGNOSIS_POINTER_INVALID = 'DIAGNOSIS_POINTER_INVALID',
  REVENUE_CODE_MISSING = 'REVENUE_CODE_MISSING',
  PROCEDURE_CODE_MISSING = 'PROCEDURE_CODE_MISSING',
  MODIFIER_INVALID = 'MODIFIER_INVALID',
  DUPLICATE_LINE = 'DUPLICATE_LINE',
  LINE_CHARGE_NOT_POSITIVE = 'LINE_CHARGE_NOT_POSITIVE',
  CLAIM_TOTAL_MISMATCH = 'CLAIM_TOTAL_MISMATCH',
  TIMELY_FILING_EXCEEDED = 'TIMELY_FILING_EXCEEDED',
  DRG_MISSING = 'DRG_MISSING',
  POA_MISSING = 'POA_MISSING',
  ORIGINAL_CLAIM_NUMBER_MISSING = 'ORIGINAL_CLAIM_NUMBER_MISSING',
}

/**
 * Edits an operator may switch off (per request or by configuration): the claim can still be
 * written, and the clearinghouse or payer will judge it (scenario 3's missing member id comes back
 * as a 277CA rejection). The others guard what an 837 cannot be written without.
 */
export const SOFT_CLAIM_EDITS: readonly ClaimEditCode[] = [
  ClaimEditCode.SUBSCRIBER_MEMBER_ID_MISSING,
  ClaimEditCode.TIMELY_FILING_EXCEEDED,
  ClaimEditCode.DUPLICATE_LINE,
  ClaimEditCode.DRG_MISSING,
  ClaimEditCode.POA_MISSING,
];

export interface ClaimEditFailure {
  code: ClaimEditCode;
  /** Where in the claim (or its account), as a dotted path: `subscriber.memberId`, `lines[2].revenueCode`. */
  field: string;
  /** What is wrong, by field and code; never a patient data value. */
  detail: string;
}

export interface ClaimEditContext {
  account: BillingAccount;
  payer: BillingPayer;
  /** Today (YYYY-MM-DD): the timely-filing edit counts to it. */
  today: string;
  /** Earliest date of service. */
  serviceDate: string;
  disabled: ReadonlySet<ClaimEditCode>;
}

const ICD10_CM = /^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$/;
const MODIFIER = /^[0-9A-Z]{2}$/;
/** Modifiers that mark a repeated service as intended (repeat procedure, distinct service, repeat lab test). */
const REPEAT_MODIFIERS = new Set(['59', '76', '77', '91', 'XE', 'XP', 'XS', 'XU']);

type Edit = (claim: ClaimDto, context: ClaimEditContext) => ClaimEditFailure[];
const fail = (code: ClaimEditCode, field: string, detail: string): ClaimEditFailure => ({ code, field, detail });

/** The edits in the order they are reported. Each names every failure it finds, not just the first. */
export const CLAIM_EDITS: readonly Edit[] = [
  (_claim, { account }) =>
    account.discharge ? [] : [fail(ClaimEditCode.ACCOUNT_NOT_DISCHARGED, 'account.discharge', 'the encounter has no discharge date yet')],
  (_claim, { account }) =>
    account.coding?.status === 'final' ? [] : [fail(ClaimEditCode.CODING_NOT_FINAL, 'account.coding.status', 'coding is not final')],
  (_claim, { account }) =>
    account.coverages.length ? [] : [fail(ClaimEditCode.NO_COVERAGE, 'account.coverages', 'the account has no coverage to bill')],
  (_claim, { payer }) =>
    payer.selfPay ? [fail(ClaimEditCode.SELF_PAY_ACCOUNT, 'payer.payerId', 'self-pay accounts get a patient statement, not a claim')] : [],
  (claim) => (claim.lines.length ? [] : [fail(ClaimEditCode.NO_BILLABLE_CHARGES, 'lines', 'the account has no charges left to bill')]),
  (claim) => {
    const missing: [string, unknown][] = [
      ['billingProvider.address', claim.billingProvider.address],
      ['billingProvider.ein', claim.billingProvider.ein],
      ['subscriber.name.family', claim.subscriber.name.family],
      ['subscriber.birthDate', claim.patient.relationship === 'self' ? claim.subscriber.birthDate : true],
      ['patient.name', claim.patient.relationship === 'self' ? true : claim.patient.name],
      ['patient.birthDate', claim.patient.relationship === 'self' ? true : claim.patient.birthDate],
    ];
    if (claim.kind === 'institutional') {
      missing.push(['typeOfBill', claim.typeOfBill], ['statementPeriod', claim.statementPeriod]);
      if (claim.admission)
        missing.push(
          ['admission.typeCode', claim.admission.typeCode],
          ['admission.patientStatusCode', claim.admission.patientStatusCode],
          ['attendingProvider', claim.attendingProvider],
        );
    } else {
      missing.push(['placeOfService', claim.placeOfService]);
    }
    return missing
      .filter(([, value]) => value === undefined || value === '')
      .map(([field]) => fail(ClaimEditCode.REQUIRED_FIELD_MISSING, field, `${field} is required`));
  },
  (claim) =>
    claim.subscriber.memberId
      ? []
      : [fail(ClaimEditCode.SUBSCRIBER_MEMBER_ID_MISSING, 'subscriber.memberId', 'the subscriber has no member id (NM109 of loop 2010BA)')],
  (claim) =>
    (
      [
        ['billingProvider.npi', claim.billingProvider.npi],
        ['attendingProvider.npi', claim.attendingProvider?.npi],
        ['renderingProvider.npi', claim.renderingProvider?.npi],
        ...claim.lines.map((line, i): [string, string | undefined] => [`lines[${i}].renderingProvider.npi`, line.renderingProvider?.npi]),
      ] as [string, string | undefined][]
    )
      .filter(([, npi]) => npi !== undefined && !isValidNpi(npi))
      .map(([field]) => fail(ClaimEditCode.NPI_INVALID, field, `${field} fails the NPI check digit (Luhn with prefix 80840)`)),
  (claim) =>
    claim.diagnoses[0]?.role === 'principal'
      ? []
      : [fail(ClaimEditCode.PRINCIPAL_DIAGNOSIS_MISSING, 'diagnoses[0]', 'the claim needs a principal diagnosis')],
  (claim) =>
    claim.diagnoses.flatMap((d, i) =>
      ICD10_CM.test(d.code.code)
        ? []
        : [fail(ClaimEditCode.DIAGNOSIS_CODE_INVALID, `diagnoses[${i}].code`, `diagnoses[${i}] is not an ICD-10-CM code`)],
    ),
  (claim) =>
    claim.kind === 'professional' && claim.diagnoses.length > 12
      ? [fail(ClaimEditCode.TOO_MANY_DIAGNOSES, 'diagnoses', 'an 837P carries at most 12 diagnoses')]
      : [],
  (claim) =>
    claim.kind !== 'professional'
      ? []
      : claim.lines.flatMap((line, i) => {
          const pointers = line.diagnosisPointers ?? [];
          if (!pointers.length)
            return [
              fail(
                ClaimEditCode.DIAGNOSIS_POINTER_INVALID,
                `lines[${i}].diagnosisPointers`,
                `line ${line.lineNumber} points at no diagnosis`,
              ),
            ];
          if (
            pointers.length > 4 ||
            new Set(pointers).size !== pointers.length ||
            pointers.some((p) => !Number.isInteger(p) || p < 1 || p > claim.diagnoses.length)
          )
            return [
              fail(
                ClaimEditCode.DIAGNOSIS_POINTER_INVALID,
                `lines[${i}].diagnosisPointers`,
                `line ${line.lineNumber} points at a diagnosis the claim does not have (1-${claim.diagnoses.length}, at most 4, no repeats)`,
              ),
            ];
          return [];
        }),
  (claim) =>
    claim.kind !== 'institutional'
      ? []
      : claim.lines.flatMap((line, i) =>
          line.revenueCode && /^\d{4}$/.test(line.revenueCode)
            ? []
            : [
                fail(
                  ClaimEditCode.REVENUE_CODE_MISSING,
                  `lines[${i}].revenueCode`,
                  `institutional line ${line.lineNumber} needs a four-digit revenue code`,
                ),
              ],
        ),
  (claim) =>
    claim.kind !== 'professional'
      ? []
      : claim.lines.flatMap((line, i) =>
          line.procedureCode
            ? []
            : [
                fail(
                  ClaimEditCode.PROCEDURE_CODE_MISSING,
                  `lines[${i}].procedureCode`,
                  `professional line ${line.lineNumber} needs a CPT/HCPCS code`,
                ),
              ],
        ),
  (claim) =>
    claim.lines.flatMap((line, i) => {
      const modifiers = line.modifiers ?? [];
      const invalid = modifiers.length > 4 || new Set(modifiers).size !== modifiers.length || modifiers.some((m) => !MODIFIER.test(m));
      return invalid || (modifiers.length && !line.procedureCode)
        ? [
            fail(
              ClaimEditCode.MODIFIER_INVALID,
              `lines[${i}].modifiers`,
              `line ${line.lineNumber}: up to four distinct two-character modifiers, on a CPT/HCPCS code`,
            ),
          ]
        : [];
    }),
  (claim) => {
    const seen = new Map<string, number>();
    return claim.lines.flatMap((line, i) => {
      if ((line.modifiers ?? []).some((m) => REPEAT_MODIFIERS.has(m))) return [];
      const key = [
        line.procedureCode?.code ?? '',
        line.revenueCode ?? '',
        [...(line.modifiers ?? [])].sort().join(','),
        line.serviceDate ?? '',
      ].join('|');
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, line.lineNumber);
        return [];
      }
      return [
        fail(
          ClaimEditCode.DUPLICATE_LINE,
          `lines[${i}]`,
          `line ${line.lineNumber} repeats line ${first} (same code, modifiers and date) without a repeat modifier`,
        ),
      ];
    });
  },
  (claim) =>
    claim.lines.flatMap((line, i) =>
      line.charge.amount > 0 && line.units > 0
        ? []
        : [
            fail(
              ClaimEditCode.LINE_CHARGE_NOT_POSITIVE,
              `lines[${i}].charge`,
              `line ${line.lineNumber} has no positive charge and units after credits`,
            ),
          ],
    ),
  (claim) =>
    claim.totalCharge.amount === claim.lines.reduce((sum, line) => sum + line.charge.amount, 0)
      ? []
      : [fail(ClaimEditCode.CLAIM_TOTAL_MISMATCH, 'totalCharge', 'the total charge is not the sum of the line charges')],
  (_claim, { payer, today, serviceDate }) => {
    const deadline = addDays(serviceDate, payer.timelyFilingDays);
    return today > deadline
      ? [
          fail(
            ClaimEditCode.TIMELY_FILING_EXCEEDED,
            'serviceDate',
            `the payer's timely filing limit (${payer.timelyFilingDays} days) ended on ${deadline}`,
          ),
        ]
      : [];
  },
  (claim, { payer }) =>
    claim.kind === 'institutional' && claim.admission && payer.drgPayments?.length && !claim.drg
      ? [fail(ClaimEditCode.DRG_MISSING, 'drg', 'the payer pays inpatient stays by DRG and the account has none')]
      : [],
  (claim, { payer }) =>
    claim.kind === 'institutional' && claim.admission && payer.claimFilingIndicator === 'MA'
      ? claim.diagnoses.flatMap((d, i) =>
          d.role !== 'admitting' && d.role !== 'reason-for-visit' && !d.presentOnAdmission
            ? [
                fail(
                  ClaimEditCode.POA_MISSING,
                  `diagnoses[${i}].presentOnAdmission`,
                  `diagnoses[${i}] needs a present-on-admission indicator for Medicare inpatient claims`,
                ),
              ]
            : [],
        )
      : [],
  (claim) =>
    claim.frequencyCode !== '1' && !claim.originalPayerClaimNumber
      ? [
          fail(
            ClaimEditCode.ORIGINAL_CLAIM_NUMBER_MISSING,
            'originalPayerClaimNumber',
            `a frequency ${claim.frequencyCode} claim needs the payer's claim control number of the claim it replaces (REF*F8)`,
          ),
        ]
      : [],
];

/** Runs every edit that is not switched off; returns all failures (empty: the claim may be submitted). */
export function runClaimEdits(claim: ClaimDto, context: ClaimEditContext): ClaimEditFailure[] {
  return CLAIM_EDITS.flatMap((edit) => edit(claim, context)).filter((failure) => !context.disabled.has(failure.code));
}
