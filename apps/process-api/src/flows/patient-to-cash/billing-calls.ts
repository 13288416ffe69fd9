import { DownstreamException, unwrap } from '@concord/clients';
import type { StepContext } from '../../engine/flow-definition';
import { StepFailure } from '../../engine/flow-definition';
import type { JournalInput } from './revenue-journals';

export const SYSTEM_API_LAYER = 'system-api';

type Ctx = StepContext<object>;

/** The Idempotency-Key header of a step's write (a suffix per write when a step makes several). */
export const idempotent = (ctx: Ctx, suffix?: string) => ({ 'Idempotency-Key': ctx.idempotencyKey(suffix) });

/** The encounter's billing account, or undefined while nobody registered it. */
export async function findAccount(ctx: Ctx, encounterId: string) {
  const page = await unwrap(SYSTEM_API_LAYER, ctx.systemApi.GET('/billing/v1/accounts', { params: { query: { encounterId, limit: 1 } } }));
  return page.items[0];
}

export async function getAccount(ctx: Ctx, accountId: string) {
  return unwrap(SYSTEM_API_LAYER, ctx.systemApi.GET('/billing/v1/accounts/{id}', { params: { path: { id: accountId } } }));
}

export async function getClaim(ctx: Ctx, claimId: string) {
  return unwrap(SYSTEM_API_LAYER, ctx.systemApi.GET('/billing/v1/claims/{id}', { params: { path: { id: claimId } } }));
}

/** Posts a balanced journal to the ERP through system-api; the key makes a retried post a replay. */
export async function postJournal(ctx: Ctx, journal: JournalInput, suffix: string): Promise<string> {
  const posted = await unwrap(
    SYSTEM_API_LAYER,
    ctx.systemApi.POST('/erp/v1/journals', { body: journal, headers: idempotent(ctx, suffix) }),
  );
  return posted.id;
}

/** Department → revenue account from the ERP's GL mapping (inpatient 4000, outpatient 4100). */
export async function revenueAccounts(ctx: Ctx, category: 'inpatient' | 'outpatient'): Promise<(departmentCode: string) => string> {
  const mappings = await unwrap(
    SYSTEM_API_LAYER,
    ctx.systemApi.GET('/erp/v1/gl-mappings', { params: { query: { chargeCategory: category } } }),
  );
  const byDepartment = new Map(mappings.filter((m) => m.revenueAccount).map((m) => [m.departmentCode, m.revenueAccount!]));
  return (departmentCode: string) => {
    const account = byDepartment.get(departmentCode);
    if (!account)
      throw new StepFailure('GL_MAPPING_MISSING', `The ERP has no ${category} revenue account for department ${departmentCode}`, false);
    return account;
  };
}

/** A refusal by the payer rules (422) as a step failure naming every failed edit: an operator has to change something. */
export function refusal(error: unknown, code: string): never {
  if (error instanceof DownstreamException && error.status === 422) {
    const fields = error.fieldErrors.map((f) => `${f.name}: ${f.detail}`).join('; ');
    throw new StepFailure(code, `${error.message}${fields ? ` (${fields})` : ''}`, false, { cause: error });
  }
  throw error;
}
