/** The separators a message declares in MSH-1 and MSH-2; never assumed, always read from the message. */
export interface Hl7Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
  /** v2.7+ truncation character (fifth MSH-2 character), when the message declares one. */
  readonly truncation?: string;
}

/** The delimiters nearly every sender uses (`|^~\&`); for building messages, never for parsing. */
export const DEFAULT_HL7_DELIMITERS: Hl7Delimiters = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/** Why a delimiter declaration is unusable, or undefined when it is fine. */
export function delimiterProblem(fieldSeparator: string, encodingCharacters: string): string | undefined {
  if (encodingCharacters.length < 4) return `MSH-2 declares ${encodingCharacters.length} encoding characters, at least 4 are required`;
  if (encodingCharacters.length > 5) return `MSH-2 declares ${encodingCharacters.length} encoding characters, at most 5 are allowed`;
  const all = fieldSeparator + encodingCharacters;
  for (let i = 0; i < all.length; i++) {
    const code = all.charCodeAt(i);
    // Printable ASCII punctuation only: letters, digits, spaces and control characters would be read as data or line ends.
    const isPunctuation = code > 0x20 && code < 0x7f && !isAlphanumeric(code);
    if (!isPunctuation) return `delimiter ${i === 0 ? 'MSH-1' : `MSH-2 position ${i}`} is not a printable punctuation character`;
    if (all.indexOf(all[i], i + 1) !== -1) return `delimiter ${i === 0 ? 'MSH-1' : `MSH-2 position ${i}`} is declared twice`;
  }
  return undefined;
}

export function delimitersFrom(fieldSeparator: string, encodingCharacters: string): Hl7Delimiters {
  return {
    field: fieldSeparator,
    component: encodingCharacters[0],
    repetition: encodingCharacters[1],
    escape: encodingCharacters[2],
    subcomponent: encodingCharacters[3],
    ...(encodingCharacters.length > 4 ? { truncation: encodingCharacters[4] } : {}),
  };
}

/** MSH-2 as written for these delimiters. */
export function encodingCharactersOf(d: Hl7Delimiters): string {
  return d.component + d.repetition + d.escape + d.subcomponent + (d.truncation ?? '');
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
