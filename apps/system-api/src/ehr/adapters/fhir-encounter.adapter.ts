import { Injectable } from '@nestjs/common';
import type { ChargeItem, Encounter } from '@medplum/fhirtypes';
import {
  chargeFromFhir,
  encounterFromFhir,
  FhirClient,
  FhirConnectorException,
  FhirConnectorExceptionCode,
  ResourceIndex,
  type SearchPage,
} from '@concord/connectors/fhir';
import type { ChargeDto, EncounterDto } from '@concord/contracts';
import { type ChargeCriteria, EhrEncounterPort, type EncounterCriteria, type Page } from '../ports/ehr-encounter.port';

/** EhrEncounterPort over FHIR R4: diagnoses by `_include`, procedures and charges by `_revinclude`. */
@Injectable()
export class FhirEncounterAdapter extends EhrEncounterPort {
  constructor(private readonly fhir: FhirClient) {
    super();
  }

  async searchEncounters(criteria: EncounterCriteria): Promise<Page<EncounterDto>> {
    return encounterPage(
      await this.fhir.searchPage<Encounter>('Encounter', {
        patient: criteria.patient,
        status: criteria.status,
        date: criteria.date,
        _include: 'Encounter:diagnosis',
        _count: criteria.limit,
      }),
    );
  }

  async searchEncountersNext(continuation: string): Promise<Page<EncounterDto>> {
    return encounterPage(await this.fhir.searchPageByUrl<Encounter>(continuation, 'Encounter'));
  }

  async readEncounter(id: string): Promise<EncounterDto> {
    const page = await this.fhir.searchPage<Encounter>('Encounter', {
      _id: id,
      _include: 'Encounter:diagnosis',
      _revinclude: ['Procedure:encounter', 'ChargeItem:context'],
    });
    const [encounter] = page.matches;
    if (!encounter) throw new FhirConnectorException(FhirConnectorExceptionCode.RESOURCE_NOT_FOUND, `Encounter/${id} not found`);
    return encounterFromFhir(encounter, ResourceIndex.fromBundle(page.bundle), { withDetails: true });
  }

  async searchCharges(criteria: ChargeCriteria): Promise<Page<ChargeDto>> {
    return chargePage(
      await this.fhir.searchPage<ChargeItem>('ChargeItem', {
        subject: criteria.patient ? `Patient/${criteria.patient}` : undefined,
        context: criteria.encounter ? `Encounter/${criteria.encounter}` : undefined,
        _count: criteria.limit,
      }),
    );
  }

  async searchChargesNext(continuation: string): Promise<Page<ChargeDto>> {
    return chargePage(await this.fhir.searchPageByUrl<ChargeItem>(continuation, 'ChargeItem'));
  }

  ownsContinuation(continuation: string): boolean {
    return this.fhir.isOwnUrl(continuation);
  }
}

function encounterPage(page: SearchPage<Encounter>): Page<EncounterDto> {
  const index = ResourceIndex.fromBundle(page.bundle);
  return pageOf(
    page,
    page.matches.map((encounter) => encounterFromFhir(encounter, index)),
  );
}

function chargePage(page: SearchPage<ChargeItem>): Page<ChargeDto> {
  const index = ResourceIndex.fromBundle(page.bundle);
  return pageOf(
    page,
    page.matches.map((item) => chargeFromFhir(item, index)),
  );
}

function pageOf<T>(page: SearchPage<never> | SearchPage<Encounter> | SearchPage<ChargeItem>, items: T[]): Page<T> {
  return { items, ...(page.total !== undefined ? { total: page.total } : {}), ...(page.next ? { next: page.next } : {}) };
}
