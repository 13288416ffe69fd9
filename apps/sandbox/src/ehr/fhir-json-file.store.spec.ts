import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { afterEach, describe, expect, it } from 'vitest';
import { FhirClient } from '@concord/connectors/fhir';
import { createLogger } from '@concord/platform';
import { createSandbox, SANDBOX_PATHS } from '../sandbox';
import { FhirJsonFileStore } from './fhir-json-file.store';

const silent = createLogger({ app: 'sandbox', level: 'silent' });
const folders: string[] = [];
function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'concord-sandbox-store-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function started(folder: string) {
  const app = await createSandbox(silent, { dataDir: folder });
  const fhir = new FhirClient({ baseUrl: `${await app.listen({ port: 0, host: '127.0.0.1' })}${SANDBOX_PATHS.fhir}`, timeoutMs: 5_000 });
  return { app, fhir };
}

const newcomer: Patient = {
  resourceType: 'Patient',
  name: [{ family: 'Newcomer', given: ['Nia'] }],
  gender: 'female',
  birthDate: '1990-01-01',
};

describe('the sandbox EHR kept in a JSON file under the data folder', () => {
  it('finds after a restart what was created and updated, with the same ids and versions, beside the seeds', async () => {
    const folder = dataDir();
    const first = await started(folder);
    const created = await first.fhir.create(newcomer);
    const updated = await first.fhir.update({ ...created, gender: 'other' }, { ifMatch: created.meta!.versionId! });
    await first.app.close();

    const file = join(folder, 'sandbox-ehr', 'fhir-store.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'concord-sandbox-ehr/1' });
    expect(readdirSync(join(folder, 'sandbox-ehr')).filter((name) => name.endsWith('.tmp'))).toStrictEqual([]);

    const second = await started(folder);
    try {
      const read = await second.fhir.read<Patient>('Patient', created.id);
      expect(read).toMatchObject({ gender: 'other', meta: { versionId: updated.meta!.versionId } });
      // A write based on the version read before the restart still applies.
      await expect(
        second.fhir.update({ ...read, id: created.id, gender: 'female' }, { ifMatch: updated.meta!.versionId! }),
      ).resolves.toMatchObject({
        gender: 'female',
      });
      const quinns = await second.fhir.searchPage<Patient>('Patient', { name: 'quinn' });
      expect(quinns.matches.map((p) => p.id).sort()).toStrictEqual(['avery-quinn', 'morgan-quinn']);
    } finally {
      await second.app.close();
    }
  });

  it('refuses to start on a store it cannot read, naming the file, rather than replace it', async () => {
    const folder = dataDir();
    mkdirSync(join(folder, 'sandbox-ehr'), { recursive: true });
    const file = join(folder, 'sandbox-ehr', 'fhir-store.json');
    writeFileSync(file, '{"format":"concord-sandbox-ehr/1","resources":[{"resourceType":"Pat');
    await expect(createSandbox(silent, { dataDir: folder })).rejects.toThrow(
      `The sandbox EHR store ${file} is not readable JSON; move it away to start empty`,
    );
    writeFileSync(file, '{"resources":{}}');
    await expect(createSandbox(silent, { dataDir: folder })).rejects.toThrow('is not a concord-sandbox-ehr/1 file');
    expect(readFileSync(file, 'utf8')).toBe('{"resources":{}}');
  });

  it('coalesces a burst of writes into one file and writes nothing without changes', async () => {
    const folder = dataDir();
    const file = join(folder, 'ehr', 'store.json');
    const store = new FhirJsonFileStore(file, 10_000);
    await store.flush();
    expect(existsSync(file)).toBe(false);
    for (let i = 0; i < 100; i++) store.stored({ resourceType: 'Patient', id: `p${i}` });
    store.deleted('Patient', 'p0');
    await store.flush();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { resources: Patient[] };
    expect(saved.resources).toHaveLength(99);
    expect(new FhirJsonFileStore(file).load().map((r) => r.id)).toContain('p99');
  });
});
