import { Injectable } from '@nestjs/common';
import { FhirConnectorException, FhirConnectorExceptionCode, FhirMappingException } from '@concord/connectors/fhir';
import type { ChargeDto, EncounterDto } from '@concord/contracts';
import { EhrEncounterPort, type Page } from '../ports/ehr-encounter.port';
import type { ChargePageDto, EncounterPageDto, SearchChargesQuery, SearchEncountersQuery } from './dto/encounter-queries.dto';
import { EncounterException, EncounterExceptionCode } from './encounter.exception';

const DEFAULT_PAGE_SIZE = 20;

/** Encounters and charges, read live from the EHR through its port (the message store is not a clinical copy). */
@Injectable()
export class EncounterService {
  constructor(private readonly ehr: EhrEncounterPort) {}

  async searchEncounters(query: SearchEncountersQuery): Promise<EncounterPageDto> {
    return this.call(async () => {
      if (query.cursor) return toDto(await this.ehr.searchEncountersNext(this.decodeCursor(query.cursor)));
      // A list of every encounter is a PHI dump: say whose or when.
      if (!query.patient && !query.date) throw criteriaRequired('patient', 'one of patient or date is required');
      return toDto(
        await this.ehr.searchEncounters({
          patient: query.patient,
          status: query.status,
          date: query.date,
          limit: query.limit ?? DEFAULT_PAGE_SIZE,
        }),
      );
    });
  }

  getEncounter(id: string): Promise<EncounterDto> {
    return this.call(() => this.ehr.readEncounter(id), id);
  }

  async searchCharges(query: SearchChargesQuery): Promise<ChargePageDto> {
    return this.call(async () => {
      if (query.cursor) return toDto<ChargeDto>(await this.ehr.searchChargesNext(this.decodeCursor(query.cursor)));
      if (!query.patient && !query.encounter) throw criteriaRequired('patient', 'one of patient or encounter is required');
      return toDto(
        await this.ehr.searchCharges({ patient: query.patient, encounter: query.encounter, limit: query.limit ?? DEFAULT_PAGE_SIZE }),
      );
    });
  }

  private decodeCursor(cursor: string): string {
    const continuation = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!this.ehr.ownsContinuation(continuation)) {
      throw new EncounterException(EncounterExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
        { in: 'query', name: 'cursor', detail: 'cursor is not one this API issued' },
      ]);
    }
    return continuation;
  }

  private async call<T>(work: () => Promise<T>, id?: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof FhirConnectorException) throw fromConnector(error, id);
      if (error instanceof FhirMappingException)
        throw new EncounterException(EncounterExceptionCode.EHR_ERROR, 'The EHR returned a resource that cannot be read', [], {
          cause: error,
        });
      throw error;
    }
  }
}

function toDto<T>(page: Page<T>): { items: T[]; total?: number; nextCursor?: string } {
  return {
    items: page.items,
    ...(page.total !== undefined ? { total: page.total } : {}),
    ...(page.next ? { nextCursor: Buffer.from(page.next, 'utf8').toString('base64url') } : {}),
  };
}

function criteriaRequired(name: string, detail: string): EncounterException {
  return new EncounterException(EncounterExceptionCode.SEARCH_CRITERIA_REQUIRED, detail, [{ in: 'query', name, detail }]);
}

/** Exhaustive: a new connector code fails to compile until it is mapped here. */
function fromConnector(error: FhirConnectorException, id?: string): EncounterException {
  switch (error.code) {
    case FhirConnectorExceptionCode.RESOURCE_NOT_FOUND:
    case FhirConnectorExceptionCode.RESOURCE_GONE:
      return new EncounterException(
        EncounterExceptionCode.ENCOUNTER_NOT_FOUND,
        id ? `No encounter with id "${id}" at the EHR` : 'No such encounter at the EHR',
        [],
        { cause: error },
      );
    case FhirConnectorExceptionCode.SERVER_UNAVAILABLE:
    case FhirConnectorExceptionCode.SERVER_THROTTLED:
      return new EncounterException(EncounterExceptionCode.EHR_UNAVAILABLE, 'The EHR is unavailable; try again later', [], {
        cause: error,
      });
    case FhirConnectorExceptionCode.SERVER_TIMEOUT:
    case FhirConnectorExceptionCode.OUTCOME_UNKNOWN:
      return new EncounterException(EncounterExceptionCode.EHR_TIMEOUT, 'The EHR did not answer in time', [], { cause: error });
    case FhirConnectorExceptionCode.REQUEST_REJECTED:
    case FhirConnectorExceptionCode.SERVER_ERROR:
    case FhirConnectorExceptionCode.INVALID_RESPONSE:
    case FhirConnectorExceptionCode.VERSION_CONFLICT:
    case FhirConnectorExceptionCode.MULTIPLE_MATCHES:
    case FhirConnectorExceptionCode.UNAUTHORIZED:
    case FhirConnectorExceptionCode.FORBIDDEN:
      return new EncounterException(EncounterExceptionCode.EHR_ERROR, 'The EHR could not answer this request', [], { cause: error });
  }
}
