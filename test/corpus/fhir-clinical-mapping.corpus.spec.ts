import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chargeFromFhir,
  chargeToFhir,
  coverageFromFhir,
  coverageToFhir,
  diagnosisFromFhir,
  diagnosisToFhir,
  encounterFromFhir,
  encounterToFhir,
  FhirMappingException,
  indexR4Definitions,
  locationFromFhir,
  locationToFhir,
  organizationFromFhir,
  organizationToFhir,
  practitionerFromFhir,
  practitionerToFhir,
  procedureFromFhir,
  procedureToFhir,
  r4StructureErrors,
  type ReferenceResolver,
  resolveBundleReferences,
  ResourceIndex,
} from '@concord/connectors/fhir';

// Public FHIR R4 samples (HL7 spec examples, Synthea bundles) beside the repository; see ../shared/fixtures/SOURCES.md.
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(process.cwd(), '..', 'shared', 'fixtures');
const fhirDir = join(fixtures, 'fhir');

const MAPPED_TYPES = ['Encounter', 'Procedure', 'ChargeItem', 'Condition', 'Coverage', 'Practitioner', 'Organization', 'Location'] as const;
type MappedType = (typeof MAPPED_TYPES)[number];

interface CorpusItem {
  /** `file#Type/id`, a position, not content. */
  label: string;
  file: string;
  resource: Resource & { resourceType: MappedType };
  resolver: ReferenceResolver;
}

/**
 * Every resource of a mapped type in the corpus. Bundle entries are taken as a loader would store
 * them (urn:uuid references resolved) and see the rest of their Bundle; the spec examples see each
 * other, as they refer to one another across files.
 */
function loadCorpus(): CorpusItem[] {
  const files = readdirSync(fhirDir).filter((file) => file.endsWith('.json'));
  const parsed = files.map((file) => ({ file, resource: JSON.parse(readFileSync(join(fhirDir, file), 'utf8')) as Resource }));
  const examples = new ResourceIndex(parsed.filter(({ resource }) => resource.resourceType !== 'Bundle').map(({ resource }) => resource));
  return parsed.flatMap(({ file, resource }) => {
    const resources = resource.resourceType === 'Bundle' ? resolveBundleReferences(resource) : [resource];
    const resolver = resource.resourceType === 'Bundle' ? new ResourceIndex(resources) : examples;
    // Contained resources too (the home visit's Location, the Coverage inside Synthea's claims), labelled by their container.
    const items = resources.flatMap((r) => [
      { label: `${file}#${r.resourceType}/${r.id}`, resource: r },
      ...('contained' in r && Array.isArray(r.contained)
        ? r.contained.map((c) => ({ label: `${file}#${r.resourceType}/${r.id}#${c.resourceType}/${c.id}`, resource: c }))
        : []),
    ]);
    return items
      .filter((item): item is { label: string; resource: Resource & { resourceType: MappedType } } =>
        (MAPPED_TYPES as readonly string[]).includes(item.resource.resourceType),
      )
      .map(({ label, resource: r }) => ({ label, file, resource: r, resolver }));
  });
}

/** Maps FHIR → canonical → FHIR → canonical; returns the canonical record and the FHIR the connector would write. */
function mapBothWays(item: CorpusItem): { canonical: unknown; written: Resource; again: unknown } {
  const { resource, resolver } = item;
  switch (resource.resourceType) {
    case 'Encounter': {
      const canonical = encounterFromFhir(resource, resolver);
      const written = encounterToFhir(canonical);
      const conditions = canonical.diagnoses.map((d) => diagnosisToFhir(d, { patient: canonical.patient, encounterId: canonical.id }));
      return { canonical, written, again: encounterFromFhir(written, new ResourceIndex(conditions)) };
    }
    case 'Procedure': {
      const canonical = procedureFromFhir(resource, resolver);
      const written = procedureToFhir(canonical);
      return { canonical, written, again: procedureFromFhir(written) };
    }
    case 'ChargeItem': {
      const canonical = chargeFromFhir(resource, resolver);
      const written = chargeToFhir(canonical);
      return { canonical, written, again: chargeFromFhir(written) };
    }
    case 'Condition': {
      const canonical = diagnosisFromFhir(resource);
      const written = diagnosisToFhir(canonical, { patient: { id: 'p' } });
      return { canonical, written, again: diagnosisFromFhir(written, canonical) };
    }
    case 'Coverage': {
      const canonical = coverageFromFhir(resource, resolver);
      const written = coverageToFhir(canonical);
      return { canonical, written, again: coverageFromFhir(written) };
    }
    case 'Practitioner': {
      const canonical = practitionerFromFhir(resource);
      const written = practitionerToFhir(canonical);
      return { canonical, written, again: practitionerFromFhir(written) };
    }
    case 'Organization': {
      const canonical = organizationFromFhir(resource);
      const written = organizationToFhir(canonical);
      return { canonical, written, again: organizationFromFhir(written) };
    }
    case 'Location': {
      const canonical = locationFromFhir(resource, resolver);
      const written = locationToFhir(canonical);
      return { canonical, written, again: locationFromFhir(written) };
    }
  }
}

/** Strings that would identify a person: names, identifier values, address lines, birth dates. */
function identifyingStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string')
    return ['family', 'given', 'line', 'birthDate', 'value', 'subscriberId'].includes(key) && value.length > 3 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => identifyingStrings(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => identifyingStrings(item, name));
  return [];
}

const corpus = existsSync(fhirDir) ? loadCorpus() : [];

describe.skipIf(!existsSync(fhirDir))('FHIR clinical mappings over the public corpus', () => {
  beforeAll(() => indexR4Definitions());

  const outcomes = new Map<string, string>();

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: maps to the canonical model and back, or fails with a precise mapping error',
    (_label, item) => {
      let result: ReturnType<typeof mapBothWays>;
      try {
        result = mapBothWays(item);
      } catch (error) {
        // Anything but a FhirMappingException is a crash.
        expect(error).toBeInstanceOf(FhirMappingException);
        const mappingError = error as FhirMappingException;
        expect(mappingError.message).toMatch(/^[A-Z][A-Za-z]+(\.[A-Za-z[\]0-9()-]+)*(\s\(resolved\)[.A-Za-z]*)?: /);
        for (const text of identifyingStrings(item.resource))
          expect(mappingError.message, 'no identifying value in the message').not.toContain(text);
        outcomes.set(item.label, mappingError.code);
        return;
      }
      expect(r4StructureErrors(result.written)).toStrictEqual([]);
      expect(result.again).toStrictEqual(result.canonical);
      outcomes.set(item.label, 'mapped');
    },
  );

  it('maps every resource it can, and refuses the rest for the reasons judged right', () => {
    const summary: Record<string, number> = {};
    for (const [label, outcome] of outcomes) {
      const source = label.startsWith('synthea__') ? 'synthea' : 'spec example';
      const type = label.split('#').at(-1)!.split('/')[0];
      const key = `${source} ${type}: ${outcome}`;
      summary[key] = (summary[key] ?? 0) + 1;
    }
    expect(outcomes.size).toBe(corpus.length);
    expect(summary).toStrictEqual({
      'spec example Encounter: mapped': 3,
      'spec example Procedure: mapped': 2,
      'spec example Practitioner: mapped': 1,
      'spec example Organization: mapped': 1,
      // The home visit's contained Location ("Client's home"), named by its description.
      'spec example Location: mapped': 1,
      // Coded only in a German fee schedule, priced in euros: no chargemaster code to post.
      'spec example ChargeItem: FHIR_MAPPING_UNSUPPORTED_CODE': 1,
      // The insurer (Organization/2) is known only by an OID identifier, not by a clearinghouse payer id
      // (two Coverage examples), or by an identifier in another system (the Coverage inside the CMS-1500 Claim example).
      'spec example Coverage: FHIR_MAPPING_MISSING_ELEMENT': 3,
      // Self-pay: the payor is the patient.
      'spec example Coverage: FHIR_MAPPING_UNSUPPORTED_RECORD': 1,
      'synthea Encounter: mapped': 36,
      'synthea Procedure: mapped': 14,
      'synthea Organization: mapped': 3,
      // The Coverage contained in each Synthea claim names its payer by display text only ("private", "Medicare").
      'synthea Coverage: FHIR_MAPPING_MISSING_ELEMENT': 36,
      // Synthea codes conditions in SNOMED CT only; a canonical diagnosis is ICD-10-CM.
      'synthea Condition: FHIR_MAPPING_UNSUPPORTED_CODE': 14,
      // Synthea's practitioner "NPIs" are sequence numbers (520, ...) without a valid check digit.
      'synthea Practitioner: FHIR_MAPPING_INVALID_VALUE': 3,
    });
  });

  it.each([
    ['fhirr4ex__chargeitem-example.json#ChargeItem/example', 'FHIR_MAPPING_UNSUPPORTED_CODE'],
    ['fhirr4ex__coverage-example.json#Coverage/9876B1', 'FHIR_MAPPING_MISSING_ELEMENT'],
    ['fhirr4ex__coverage-example-2.json#Coverage/7546D', 'FHIR_MAPPING_MISSING_ELEMENT'],
    ['fhirr4ex__coverage-example-selfpay.json#Coverage/SP1234', 'FHIR_MAPPING_UNSUPPORTED_RECORD'],
    ['fhirr4ex__encounter-example-home.json#Encounter/home#Location/home', 'mapped'],
  ])('%s → %s', (label, outcome) => {
    expect(outcomes.get(label)).toBe(outcome);
  });
});
