import { formatAmount } from '../x12-values';

/**
 * Generates a large, valid, balanced 835 lazily, chunk by chunk, without ever holding it whole: the
 * input for the streaming memory test and the parsing benchmark. Every claim pays like scenario 2
 * (185.00 charged, 89.60 paid, CO-45 73.00, PR-2 22.40) under its own patient control number.
 */
export interface Large835Options {
  claims: number;
  /** Claims per yielded chunk (default 200, about 46 KB). */
  claimsPerChunk?: number;
}

const SEGMENTS_PER_CLAIM = 8;
const HEADER =
  'ISA*00*          *00*          *ZZ*KHP01          *ZZ*CONCORDHEALTH  *261124*0800*^*00501*000004711*0*P*:~' +
  'GS*HP*KHP01*CONCORDHEALTH*20261124*0800*4711*X*005010X221A1~';

function claimLoop(n: number): string {
  const id = String(n).padStart(8, '0');
  return (
    `CLP*CR-${id}*1*185*89.6*22.4*CI*KHP${id}~` +
    'NM1*QC*1*RIVERA*JORDAN****MI*KHP-44718-01~' +
    'SVC*HC:99213*185*89.6**1~' +
    'DTM*472*20261110~' +
    'CAS*CO*45*73~' +
    'CAS*PR*2*22.4~' +
    `REF*6R*chg-${id}~` +
    'AMT*B6*112~'
  );
}

/** Yields the 835 in chunks; the whole text is about 190 bytes per claim plus 500 bytes of envelope. */
export function* generateLarge835(options: Large835Options): Generator<string> {
  const { claims } = options;
  const perChunk = options.claimsPerChunk ?? 200;
  const body =
    'ST*835*0001~' +
    `BPR*I*${formatAmount(8_960 * claims)}*C*CHK************20261124~` +
    'TRN*1*CHK0049127*1888888888~' +
    'N1*PR*Keystone Health Plan~N3*200 Keystone Plaza~N4*Manchester*NH*03101~REF*2U*KHP01~PER*BL**UR*www.keystone.example/edi~' +
    'N1*PE*Concord Riverside Clinic*XX*1982764353~' +
    'LX*1~';
  const headerSegments = 10;
  yield HEADER + body;
  for (let start = 0; start < claims; start += perChunk) {
    let chunk = '';
    const end = Math.min(claims, start + perChunk);
    for (let n = start; n < end; n++) chunk += claimLoop(n);
    yield chunk;
  }
  yield `SE*${headerSegments + claims * SEGMENTS_PER_CLAIM + 1}*0001~GE*1*4711~IEA*1*000004711~`;
}

/** Approximate size in bytes of the generated 835 for a number of claims. */
export function large835Size(claims: number): number {
  let size = 0;
  for (const chunk of generateLarge835({ claims: Math.min(claims, 1), claimsPerChunk: 1 })) size += chunk.length;
  return size + (claims - 1) * claimLoop(0).length;
}
