import { Inject, Injectable } from '@nestjs/common';
import { type BillingAccount, type BillingCharge, BillingPort, type BillingTransaction } from '@concord/connectors/billing';
import { BILLING_CHARGE_POSTED, IdentifierSystem } from '@concord/contracts';
import { EventBackbone, eventIdFor } from '@concord/events';
import { APP_LOGGER, type AppLogger, TransactionRunner } from '@concord/platform';
import { In, Not } from 'typeorm';
import { CrossReference } from '../../xref/cross-reference.service';
import { BillingExceptionCode, translateConnectorError } from '../billing.exception';
import { ClaimEntity } from '../entities';
import { chargePostedData } from '../shared/billing-event-data';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../shared/paging';
import type { AccountPageDto, CreateAccountDto, ListAccountsQuery, SetCodingDto, UpdateAccountDto } from './dto/account.dto';
import type { PostChargeDto } from './dto/charge.dto';

/** Identifier systems the cross-reference links a billing account under. */
export const BILLING_ACCOUNT_SYSTEM = 'billing:account';
export const EHR_ENCOUNTER_SYSTEM = 'ehr:encounter';

/** Claims that have gone out: a charge posted after them needs a corrected claim. */
const NOT_YET_BILLED = ['draft', 'validated', 'rejected'];

/**
 * Patient accounts in the billing platform (through BillingPort): registration, coding, charges and
 * transactions. Creating an account links it to the patient's MRN and the encounter in the
 * cross-reference; posting a charge announces it (billing.charge.posted.v1), naming the claims it is late for.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly billing: BillingPort,
    private readonly transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    private readonly xref: CrossReference,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async list(query: ListAccountsQuery): Promise<AccountPageDto> {
    const offset = decodeCursor(query.cursor);
    const accounts = await this.call(() =>
      this.billing.findAccounts({ encounterId: query.encounterId, mrn: query.mrn, status: query.status }),
    );
    return pageOf(accounts, offset, query.limit ?? DEFAULT_PAGE_SIZE);
  }

  get(id: string): Promise<BillingAccount> {
    return this.call(() => this.billing.getAccount(id));
  }

  async create(input: CreateAccountDto, postingKey: string): Promise<BillingAccount> {
    const account = await this.call(() => this.billing.createAccount(input, { idempotencyKey: postingKey }));
    await this.transactions.run(async (manager) => {
      const patient = await this.xref.link(manager, 'patient', [
        { system: IdentifierSystem.MRN, value: account.patient.mrn },
        { system: BILLING_ACCOUNT_SYSTEM, value: account.id },
      ]);
      const encounter = await this.xref.link(manager, 'encounter', [
        { system: EHR_ENCOUNTER_SYSTEM, value: account.encounterId },
        { system: BILLING_ACCOUNT_SYSTEM, value: account.id },
      ]);
      // A second account for one encounter is a duplicate the billing office must merge; positions only in the log.
      for (const conflict of [...patient.conflicts, ...encounter.conflicts])
        this.logger.warn(
          { system: conflict.identifier.system, entity: conflict.concordId },
          'billing account identifier already linked elsewhere',
        );
    });
    return account;
  }

  update(id: string, change: UpdateAccountDto, postingKey: string): Promise<BillingAccount> {
    const { ifMatch, ...rest } = change;
    return this.call(() => this.billing.updateAccount(id, rest, { idempotencyKey: postingKey, ...(ifMatch ? { ifMatch } : {}) }));
  }

  setCoding(id: string, coding: SetCodingDto, postingKey: string): Promise<BillingAccount> {
    return this.call(() => this.billing.setCoding(id, coding, { idempotencyKey: postingKey }));
  }

  listCharges(id: string): Promise<BillingCharge[]> {
    return this.call(() => this.billing.listCharges(id));
  }

  listTransactions(id: string): Promise<BillingTransaction[]> {
    return this.call(async () => {
      await this.billing.getAccount(id);
      return this.billing.listTransactions(id);
    });
  }

  /** Posts a charge and announces it; a retried request (same key) posts and announces once. */
  async postCharge(id: string, input: PostChargeDto, postingKey: string): Promise<BillingCharge> {
    const charge = await this.call(() => this.billing.postCharge(id, input, { idempotencyKey: postingKey }));
    await this.transactions.run(async (manager) => {
      const late = await manager.find(ClaimEntity, {
        where: { accountId: id, status: Not(In(NOT_YET_BILLED)) },
        order: { createdAt: 'ASC' },
      });
      await this.backbone.outbox.add(manager, {
        id: eventIdFor(postingKey, BILLING_CHARGE_POSTED),
        type: BILLING_CHARGE_POSTED,
        data: chargePostedData(
          charge,
          late.filter((claim) => claim.replacedByClaimId === null).map((claim) => claim.id),
        ),
        subject: `Account/${id}`,
      });
    });
    return charge;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translateConnectorError(error, BillingExceptionCode.ACCOUNT_NOT_FOUND);
    }
  }
}
