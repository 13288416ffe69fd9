import { Injectable } from '@nestjs/common';
import { ErpPort } from '@concord/connectors/erp';
import { type CreateJournalEntryDto, ERP_JOURNAL_POSTED, type JournalEntryDto, type TrialBalanceDto } from '@concord/contracts';
import type { JournalListQuery, TrialBalanceQuery } from '../dto/erp-requests.dto';
import { type Page, pageOf } from '../dto/list-page';
import { announce, CoreSystemEvents } from '../erp-events.publisher';
import { erpCall } from '../erp.exception';
import type { PostingContext } from '../posting.decorator';

/** Journals from other systems (balanced only) and the trial balance, by account and by department. */
@Injectable()
export class LedgerService {
  constructor(
    private readonly erp: ErpPort,
    private readonly events: CoreSystemEvents,
  ) {}

  async postJournal(input: CreateJournalEntryDto, posting: PostingContext): Promise<JournalEntryDto> {
    const entry = await erpCall('write', () => this.erp.postJournal(input, { idempotencyKey: posting.idempotencyKey }));
    await this.events.publish(posting.idempotencyKey, [
      announce(
        ERP_JOURNAL_POSTED,
        {
          journalEntryId: entry.id,
          postingDate: entry.postingDate,
          sourceType: entry.sourceDocument?.type ?? input.sourceDocument?.type,
          sourceId: entry.sourceDocument?.id ?? input.sourceDocument?.id,
          total: entry.total,
          lines: entry.lines.map((line) => ({ account: line.account, costCentre: line.costCentre, side: line.side, amount: line.amount })),
        },
        `JournalEntry/${entry.id}`,
      ),
    ]);
    return entry;
  }

  getJournal(id: string): Promise<JournalEntryDto> {
    return erpCall('read', () => this.erp.getJournal(id));
  }

  async listJournals(query: JournalListQuery): Promise<Page<JournalEntryDto>> {
    const entries = await erpCall('read', () => this.erp.listJournals({ sourceType: query.sourceType, sourceId: query.sourceId }));
    return pageOf(entries, query, `journals|${query.sourceType ?? ''}|${query.sourceId ?? ''}`);
  }

  getTrialBalance(query: TrialBalanceQuery): Promise<TrialBalanceDto> {
    return erpCall('read', () => this.erp.getTrialBalance({ byCostCentre: query.byCostCentre, costCentre: query.costCentre }));
  }
}
