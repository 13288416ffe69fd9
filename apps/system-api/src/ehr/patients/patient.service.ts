import { Injectable } from '@nestjs/common';
import { FhirConnectorException, FhirConnectorExceptionCode } from '@concord/connectors/fhir';
import type { PatientDto } from '@concord/contracts';
import { EhrPatientPort, type PatientSearchPage } from '../ports/ehr-patient.port';
import type { PatientPageDto } from './dto/patient-page.dto';
import type { SearchPatientsQuery } from './dto/search-patients.query';
import { PatientException, PatientExceptionCode } from './patient.exception';

const DEFAULT_PAGE_SIZE = 20;

@Injectable()
export class PatientService {
  constructor(private readonly ehr: EhrPatientPort) {}

  async get(id: string): Promise<PatientDto> {
    try {
      return await this.ehr.read(id);
    } catch (error) {
      throw translate(error, id);
    }
  }

  async search(query: SearchPatientsQuery): Promise<PatientPageDto> {
    try {
      if (query.cursor) return toDto(await this.ehr.searchNext(this.decodeCursor(query.cursor)));
      if (!query.name && !query.birthdate && !query.identifier) {
        // An unfiltered patient list is a PHI dump; partners must say whom they are looking for.
        throw new PatientException(PatientExceptionCode.SEARCH_CRITERIA_REQUIRED, 'Give at least one of name, birthdate or identifier', [
          { in: 'query', name: 'name', detail: 'one of name, birthdate or identifier is required' },
        ]);
      }
      return toDto(
        await this.ehr.search({
          name: query.name,
          birthdate: query.birthdate,
          identifier: query.identifier,
          limit: query.limit ?? DEFAULT_PAGE_SIZE,
        }),
      );
    } catch (error) {
      throw translate(error);
    }
  }

  private decodeCursor(cursor: string): string {
    const continuation = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!this.ehr.ownsContinuation(continuation)) {
      throw new PatientException(PatientExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
        { in: 'query', name: 'cursor', detail: 'cursor is not one this API issued' },
      ]);
    }
    return continuation;
  }
}

function toDto(page: PatientSearchPage): PatientPageDto {
  return {
    items: page.patients,
    ...(page.total !== undefined ? { total: page.total } : {}),
    ...(page.next ? { nextCursor: Buffer.from(page.next, 'utf8').toString('base64url') } : {}),
  };
}

function translate(error: unknown, id?: string): unknown {
  return error instanceof FhirConnectorException ? fromConnector(error, id) : error;
}

/** Exhaustive: a new connector code fails to compile until it is mapped here. */
function fromConnector(error: FhirConnectorException, id?: string): PatientException {
  switch (error.code) {
    case FhirConnectorExceptionCode.RESOURCE_NOT_FOUND:
    case FhirConnectorExceptionCode.RESOURCE_GONE:
      return new PatientException(
        PatientExceptionCode.PATIENT_NOT_FOUND,
        id ? `No patient with id "${id}" at the EHR` : 'No such patient at the EHR',
        [],
        { cause: error },
      );
    case FhirConnectorExceptionCode.SERVER_UNAVAILABLE:
    case FhirConnectorExceptionCode.SERVER_THROTTLED:
      return new PatientException(PatientExceptionCode.EHR_UNAVAILABLE, 'The EHR is unavailable; try again later', [], { cause: error });
    case FhirConnectorExceptionCode.SERVER_TIMEOUT:
    case FhirConnectorExceptionCode.OUTCOME_UNKNOWN:
      return new PatientException(PatientExceptionCode.EHR_TIMEOUT, 'The EHR did not answer in time', [], { cause: error });
    // Conflicts only arise on writes, and Concord's own credentials being refused is not the caller's fault.
    case FhirConnectorExceptionCode.REQUEST_REJECTED:
    case FhirConnectorExceptionCode.SERVER_ERROR:
    case FhirConnectorExceptionCode.INVALID_RESPONSE:
    case FhirConnectorExceptionCode.VERSION_CONFLICT:
    case FhirConnectorExceptionCode.MULTIPLE_MATCHES:
    case FhirConnectorExceptionCode.UNAUTHORIZED:
    case FhirConnectorExceptionCode.FORBIDDEN:
      return new PatientException(PatientExceptionCode.EHR_ERROR, 'The EHR could not answer this request', [], { cause: error });
  }
}
