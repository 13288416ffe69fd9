import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Bundle, Encounter, Procedure } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { FhirMappingException } from '@concord/connectors/fhir';
import { createLogger } from '@concord/platform';
import { createSandbox } from '../sandbox';
import { loadTransactionBundle } from './bundle-loader';
import { indexFhirDefinitions } from './fhir-definitions';
import { SandboxFhirRepository } from './sandbox-fhir.repository';

// Synthea bundles beside the repository (../shared/fixtures/fhir, see SOURCES.md there).
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures');
const fhirDir = join(fixtures, 'fhir');
const syntheaFiles = existsSync(fhirDir)
  ? readdirSync(fhirDir).filter((file) => file.startsWith('synthea__') && file.endsWith('.json'))
  : [];
const bundleOf = (file: string) => JSON.parse(readFileSync(join(fhirDir, file), 'utf8')) as Bundle;

/** A two-entry transaction in Synthea's shape: urn:uuid fullUrls and references. */
const small: Bundle = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:7d7c2f9e-8f7a-4f0e-9d0a-2b1f3c4d5e6f',
      resource: { resourceType: 'Patient', name: [{ family: 'Loader' }] },
      request: { method: 'POST', url: 'Patient' },
    },
    {
      fullUrl: 'urn:uuid:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        subject: { reference: 'urn:uuid:7d7c2f9e-8f7a-4f0e-9d0a-2b1f3c4d5e6f' },
      },
      request: { method: 'POST', url: 'Encounter' },
    },
  ],
};

beforeAll(() => indexFhirDefinitions());

describe('loadTransactionBundle', () => {
  it('stores each entry under its uuid with references rewritten, and loading again changes nothing', async () => {
    const repository = new SandboxFhirRepository();
    expect(await loadTransactionBundle(repository, small)).toStrictEqual({ loaded: { Patient: 1, Encounter: 1 }, rejected: [] });
    const encounter = await repository.readResource<Encounter>('Encounter', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    expect(encounter.subject).toStrictEqual({ reference: 'Patient/7d7c2f9e-8f7a-4f0e-9d0a-2b1f3c4d5e6f' });
    await loadTransactionBundle(repository, small);
    const patients = await repository.search({ resourceType: 'Patient' });
    expect(patients.total).toBe(1);
    expect(small.entry?.[1]?.resource).toMatchObject({ subject: { reference: 'urn:uuid:7d7c2f9e-8f7a-4f0e-9d0a-2b1f3c4d5e6f' } });
  });

  it('reports an entry that is not valid R4 by position and loads the rest', async () => {
    const broken: Bundle = {
      ...small,
      entry: [small.entry![0], { ...small.entry![1], resource: { ...small.entry![1].resource!, status: 42 } as never }],
    };
    const report = await loadTransactionBundle(new SandboxFhirRepository(), broken);
    expect(report.loaded).toStrictEqual({ Patient: 1 });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ entry: 1, resourceType: 'Encounter' });
    expect(report.rejected[0].reasons.join(' ')).toContain('Encounter.status');
  });

  it.each<{ name: string; bundle: Bundle; message: string }>([
    {
      name: 'a searchset',
      bundle: { resourceType: 'Bundle', type: 'searchset' },
      message: 'Bundle.type: only transaction, batch and collection Bundles can be loaded',
    },
    {
      name: 'an entry without id or urn:uuid',
      bundle: { resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'x', resource: { resourceType: 'Patient' } }] },
      message: 'Bundle.entry[0]: needs a resource id or a urn:uuid fullUrl',
    },
  ])('refuses $name with a typed error', async ({ bundle, message }) => {
    const failure = await loadTransactionBundle(new SandboxFhirRepository(), bundle).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FhirMappingException);
    expect((failure as FhirMappingException).message).toBe(message);
  });
});

describe.skipIf(!existsSync(fhirDir))('the Synthea bundles in ../shared/fixtures/fhir', () => {
  it('finds the three bundles', () => {
    expect(syntheaFiles).toHaveLength(3);
  });

  it.each(syntheaFiles)('%s loads completely, each resource under its own id, its references resolvable', async (file) => {
    const bundle = bundleOf(file);
    const repository = new SandboxFhirRepository();
    const report = await loadTransactionBundle(repository, bundle);
    expect(report.rejected).toStrictEqual([]);
    const expected: Record<string, number> = {};
    for (const entry of bundle.entry ?? []) expected[entry.resource!.resourceType] = (expected[entry.resource!.resourceType] ?? 0) + 1;
    expect(report.loaded).toStrictEqual(expected);
    const patient = bundle.entry!.find((entry) => entry.resource?.resourceType === 'Patient')!.resource!;
    const procedures = await repository.search<Procedure>({
      resourceType: 'Procedure',
      filters: [{ code: 'patient', operator: 'eq', value: `Patient/${patient.id}` }],
    });
    expect(procedures.total).toBe(expected.Procedure ?? 0);
    for (const entry of procedures.entry ?? []) {
      const encounterId = entry.resource!.encounter!.reference!.split('/')[1];
      await expect(repository.readResource('Encounter', encounterId)).resolves.toMatchObject({ id: encounterId });
    }
  });

  it('loads through the sandbox route too, and reports the counts', async () => {
    const app = await createSandbox(createLogger({ app: 'sandbox', level: 'silent' }));
    try {
      const response = await app.inject({ method: 'POST', url: '/sandbox/v1/ehr/bundles', payload: bundleOf(syntheaFiles[0]) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ rejected: [], loaded: { Patient: 1 } });
      const refused = await app.inject({
        method: 'POST',
        url: '/sandbox/v1/ehr/bundles',
        payload: { resourceType: 'Bundle', type: 'searchset' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toStrictEqual({
        code: 'FHIR_MAPPING_UNSUPPORTED_RECORD',
        message: 'Bundle.type: only transaction, batch and collection Bundles can be loaded',
      });
    } finally {
      await app.close();
    }
  });
});
