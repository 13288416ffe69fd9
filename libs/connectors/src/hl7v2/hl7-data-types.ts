import {
  type AddressDto,
  type AdministrativeGender,
  type CodingDto,
  type ContactPointDto,
  type HumanNameDto,
  type IdentifierDto,
  IdentifierSystem,
} from '@concord/contracts';
import { codingSystemUri, identifierSystemUri } from './hl7-coding-systems';
import type { Hl7MappingContext } from './hl7-mapping-context';
import type { Hl7Segment } from './hl7-message';

/** Readers for HL7 composite data types (CX, XPN, XAD, XTN, XCN, CE/CWE); each takes every repetition into account. */

/** CX repetitions → identifiers (CX-1 id, CX-4 assigning authority, CX-5 identifier type). */
export function readIdentifiers(ctx: Hl7MappingContext, segment: Hl7Segment, field: number): IdentifierDto[] {
  const identifiers: IdentifierDto[] = [];
  for (let rep = 1; rep <= segment.repetitionCount(field); rep++) {
    const value = ctx.value(segment, field, { rep, component: 1 });
    if (!value) continue;
    const type = ctx.value(segment, field, { rep, component: 5 });
    const authority = ctx.value(segment, field, { rep, component: 4, sub: 1 });
    identifiers.push({ system: identifierSystemUri(type, authority), value, ...(type ? { type } : {}) });
  }
  return identifiers;
}

/** The MRN: the identifier typed MR, else (older feeds send it untyped) the first one. */
export function pickMrn(identifiers: readonly IdentifierDto[]): string | undefined {
  return (identifiers.find((i) => i.system === IdentifierSystem.MRN) ?? identifiers.find((i) => !i.type))?.value;
}

/** XPN: the legal name (XPN-7 L) when one is flagged, else the first. Family from XPN-1 (its surname subcomponent). */
export function readName(ctx: Hl7MappingContext, segment: Hl7Segment, field: number): HumanNameDto {
  const count = segment.repetitionCount(field);
  let rep = 1;
  for (let r = 1; r <= count; r++) if (ctx.value(segment, field, { rep: r, component: 7 }) === 'L') rep = r;
  const family = ctx.value(segment, field, { rep, component: 1, sub: 1 });
  const given = [2, 3].map((component) => ctx.value(segment, field, { rep, component })).filter((g): g is string => !!g);
  const text = [...given, family].filter(Boolean).join(' ');
  return { ...(family ? { family } : {}), given, ...(text ? { text } : {}) };
}

/** HL7 table 0001 → administrative gender. */
export function readGender(value: string | undefined): AdministrativeGender {
  switch (value?.toUpperCase()) {
    case 'F':
      return 'female';
    case 'M':
      return 'male';
    case 'O':
    case 'A':
      return 'other';
    default:
      return 'unknown';
  }
}

/** XAD repetitions → addresses (street XAD-1.1, other designation XAD-2, city, state, zip, country). */
export function readAddresses(ctx: Hl7MappingContext, segment: Hl7Segment, field: number): AddressDto[] {
  const addresses: AddressDto[] = [];
  for (let rep = 1; rep <= segment.repetitionCount(field); rep++) {
    const part = (component: number, sub?: number) => ctx.value(segment, field, { rep, component, sub });
    const line = [part(1, 1), part(2)].filter((l): l is string => !!l);
    const [city, state, postalCode, country] = [part(3), part(4), part(5), part(6)];
    if (!line.length && !city && !state && !postalCode && !country) continue;
    addresses.push({
      line,
      ...(city ? { city } : {}),
      ...(state ? { state } : {}),
      ...(postalCode ? { postalCode } : {}),
      ...(country ? { country } : {}),
    });
  }
  return addresses;
}

/**
 * XTN repetitions → contact points. Equipment type (XTN-3) decides the system (Internet/X.400 → email from
 * XTN-4, FX fax, BP pager, CP mobile phone); use code (XTN-2) decides home or work, defaulting to the field's own.
 */
export function readTelecom(ctx: Hl7MappingContext, segment: Hl7Segment, field: number, defaultUse: 'home' | 'work'): ContactPointDto[] {
  const contacts: ContactPointDto[] = [];
  for (let rep = 1; rep <= segment.repetitionCount(field); rep++) {
    const part = (component: number) => ctx.value(segment, field, { rep, component });
    const use = part(2)?.toUpperCase();
    const equipment = part(3)?.toUpperCase();
    if (use === 'NET' || equipment === 'INTERNET' || equipment === 'X.400') {
      const email = part(4) ?? part(1);
      if (email) contacts.push({ system: 'email', value: email, use: use === 'WPN' ? 'work' : defaultUse });
      continue;
    }
    const composed = [part(5) && `+${part(5)}`, part(6) && `(${part(6)})`, part(7)].filter(Boolean).join(' ');
    const number = part(1) ?? (composed || part(12));
    if (!number) continue;
    const extension = part(8);
    const value = extension ? `${number} x${extension}` : number;
    const system = equipment === 'FX' ? 'fax' : equipment === 'BP' ? 'pager' : 'phone';
    const contactUse = equipment === 'CP' ? 'mobile' : use === 'WPN' ? 'work' : use === 'PRN' || use === 'ORN' ? 'home' : defaultUse;
    contacts.push({ system, value, use: contactUse });
  }
  return contacts;
}

const NPI_OID = '2.16.840.1.113883.4.6';

/**
 * The first NPI among XCN repetitions: XCN-1 counts as an NPI when its identifier type (XCN-13) is NPI or its
 * assigning authority (XCN-9) is NPI by name or by OID. A bare number is not taken for an NPI.
 */
export function readNpi(ctx: Hl7MappingContext, segment: Hl7Segment, field: number): string | undefined {
  for (let rep = 1; rep <= segment.repetitionCount(field); rep++) {
    const id = ctx.value(segment, field, { rep, component: 1 });
    if (!id) continue;
    const type = ctx.value(segment, field, { rep, component: 13 })?.toUpperCase();
    const authority = ctx.value(segment, field, { rep, component: 9, sub: 1 })?.toUpperCase();
    const authorityOid = ctx.value(segment, field, { rep, component: 9, sub: 2 });
    if (type === 'NPI' || authority === 'NPI' || authorityOid === NPI_OID) return id;
  }
  return undefined;
}

/**
 * CE/CWE → coding. `alternate` reads the alternate triplet (components 4–6). Without a coding system in the
 * value, `fallbackSystemName` (a deprecated "coding method" field such as DG1-2 or PR1-2) is used.
 */
export function readCoding(
  ctx: Hl7MappingContext,
  segment: Hl7Segment,
  field: number,
  options: { rep?: number; alternate?: boolean; fallbackSystemName?: string } = {},
): CodingDto | undefined {
  const offset = options.alternate ? 3 : 0;
  const rep = options.rep ?? 1;
  const code = ctx.value(segment, field, { rep, component: 1 + offset });
  if (!code) return undefined;
  const display = ctx.value(segment, field, { rep, component: 2 + offset });
  const systemName = ctx.value(segment, field, { rep, component: 3 + offset }) ?? options.fallbackSystemName;
  return { system: codingSystemUri(systemName, code), code, ...(display ? { display } : {}) };
}
