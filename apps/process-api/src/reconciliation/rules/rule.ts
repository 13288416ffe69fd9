/** The systems a rule compares. */
export const RECONCILED_SYSTEMS = ['ehr', 'billing', 'erp', 'workforce'] as const;
export type ReconciledSystem = (typeof RECONCILED_SYSTEMS)[number];

/** One record a break involves, named by its system and its id there (never patient data). */
export interface BreakRecord {
  system: ReconciledSystem;
  type: string;
  id: string;
}

export interface JournalLineInput {
  account: string;
  side: 'debit' | 'credit';
  amountCents: number;
  costCentre?: string;
}

/** A remedy a break with a known cause offers; it runs through the reconciliation-heal flow. */
export type HealAction =
  | {
      kind: 'post-journal';
      memo: string;
      sourceDocument: { type: 'remittance' | 'claim' | 'inventory-issue' | 'payroll-run'; id: string };
      lines: JournalLineInput[];
    }
  | { kind: 'sync-payroll-employee'; employeeNumber: string };

export const HEAL_ACTION_KINDS = ['post-journal', 'sync-payroll-employee'] as const satisfies readonly HealAction['kind'][];

/** A discrepancy between systems, as a rule finds it. */
export interface FoundBreak {
  /** Stable across runs: the same discrepancy found again is the same break. */
  key: string;
  /** Likely cause, machine-readable (kebab-case), e.g. `cash-journal-missing`. */
  cause: string;
  /** What is wrong, in words, without patient data. */
  summary: string;
  /** Money at stake, in cents (0 when none is). */
  amountCents: number;
  records: BreakRecord[];
  heal?: HealAction;
}

export interface RuleResult {
  breaks: FoundBreak[];
  /** How many business records the rule compared. */
  examined: number;
}

/**
 * A reconciliation rule: reads what two or three systems say (through ports, over system-api) and
 * returns the breaks. It throws SourceUnavailable when a system cannot be read: a run that could not
 * see everything never reports (or closes) breaks.
 */
export interface ReconciliationRule {
  name: string;
  title: string;
  systems: ReconciledSystem[];
  evaluate(): Promise<RuleResult>;
}

/** A system a rule needed could not be read (down, timing out, throttling): the run is incomplete. */
export class SourceUnavailable extends Error {
  constructor(
    readonly system: ReconciledSystem,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SourceUnavailable';
  }
}

/** DI token collecting the rules. */
export const RECONCILIATION_RULES = Symbol('concord:reconciliation-rules');
