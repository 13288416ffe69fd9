import type { CodeableConcept, Coding, Extension } from '@medplum/fhirtypes';
import type { CodingDto } from '@concord/contracts';

/** The first coding of a system that has a code. */
export function codingIn(concept: CodeableConcept | undefined, system: string): (Coding & { system: string; code: string }) | undefined {
  return concept?.coding?.find((coding): coding is Coding & { system: string; code: string } => coding.system === system && !!coding.code);
}

/** The first code of any of the systems, tried in order; or of no system when `system` is undefined in the list. */
export function codeIn(concept: CodeableConcept | undefined, ...systems: (string | undefined)[]): string | undefined {
  for (const system of systems) {
    const found = concept?.coding?.find((coding) => coding.system === system && !!coding.code);
    if (found) return found.code;
  }
  return undefined;
}

/** Codings that say which system they belong to, as canonical codings. */
export function systemCodings(concept: CodeableConcept | undefined): CodingDto[] {
  return (concept?.coding ?? [])
    .filter((coding): coding is Coding & { system: string; code: string } => !!coding.system && !!coding.code)
    .map(codingFromFhir);
}

export function codingFromFhir(coding: Coding & { system: string; code: string }): CodingDto {
  return { system: coding.system, code: coding.code, ...(coding.display ? { display: coding.display } : {}) };
}

export function codingToFhir(coding: CodingDto): Coding {
  return { system: coding.system, code: coding.code, ...(coding.display ? { display: coding.display } : {}) };
}

/** The systems a concept's codings use, for error messages (systems are never PHI). */
export function systemsOf(concept: CodeableConcept | undefined): string {
  const systems = [...new Set((concept?.coding ?? []).map((coding) => coding.system ?? '(no system)'))];
  return systems.length ? systems.join(', ') : 'no coding';
}

export function extensionOf(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((extension) => extension.url === url);
}

export function extensionsOf(extensions: Extension[] | undefined, url: string): Extension[] {
  return extensions?.filter((extension) => extension.url === url) ?? [];
}

/** Spreads `{ key: value }` only when value is defined and not empty: keeps written FHIR free of empty elements. */
export function when<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return {};
  return { [key]: value } as { [P in K]?: V };
}

/** A table lookup by an untrusted key: `toString` or `__proto__` from the wire find nothing. */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string | undefined): V | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
