import type { Location, Organization } from '@medplum/fhirtypes';
import type { LocationDto } from '@concord/contracts';
import { departmentFromReference, departmentReference, ehrSource, requiredId } from './clinical-references';
import { extensionOf, when } from './fhir-coding';
import { missing } from './fhir-mapping.exception';
import { identifierValue, literalReference, NO_RESOURCES, type ReferenceResolver, referenceId } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem } from './fhir-systems';

/**
 * FHIR R4 Location → canonical location. The department is `managingOrganization` when it names a
 * cost centre (on the reference or on the Organization it resolves to). The facility is Concord's
 * location-facility extension; else the department Organization's `partOf`; else, when the managing
 * organization is not a department, that organization itself (EHRs commonly let the hospital manage
 * its wards).
 */
export function locationFromFhir(location: Location, resolver: ReferenceResolver = NO_RESOURCES): LocationDto {
  const id = requiredId(location);
  const name = location.name ?? location.alias?.[0] ?? location.description;
  if (!name) throw missing('Location.name', 'a location needs a name (or an alias or description)');
  const managing = location.managingOrganization;
  const departmentCode = departmentFromReference(managing, resolver);
  const fromExtension = referenceId(extensionOf(location.extension, ConcordExtension.LOCATION_FACILITY)?.valueReference, 'Organization');
  const department = departmentCode ? resolver.resolve<Organization>(managing, 'Organization') : undefined;
  const facilityId =
    fromExtension ?? (departmentCode ? referenceId(department?.partOf, 'Organization') : referenceId(managing, 'Organization'));
  return {
    id,
    name,
    ...when('departmentCode', departmentCode),
    ...when('facilityId', facilityId),
    ...when('bed', identifierValue(location.identifier, ConcordFhirSystem.POINT_OF_CARE)),
    source: ehrSource(location),
  };
}

/** Canonical location → FHIR R4 Location: department as managingOrganization by cost-centre code, facility as an extension. */
export function locationToFhir(location: LocationDto): Location {
  return {
    resourceType: 'Location',
    ...when('id', location.id),
    ...(location.facilityId
      ? { extension: [{ url: ConcordExtension.LOCATION_FACILITY, valueReference: literalReference('Organization', location.facilityId) }] }
      : {}),
    ...(location.bed ? { identifier: [{ system: ConcordFhirSystem.POINT_OF_CARE, value: location.bed }] } : {}),
    status: 'active',
    name: location.name,
    ...(location.departmentCode ? { managingOrganization: departmentReference(location.departmentCode) } : {}),
  };
}
