import { Matches } from 'class-validator';

/** FHIR logical ids (and so Concord resource ids): 1–64 of A–Z, a–z, 0–9, '-' and '.'. */
// `.` and `..` alone would become path segments that walk out of the resource URL.
export const RESOURCE_ID_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9\-.]{1,64}$/;

export function IsResourceId(): PropertyDecorator {
  return Matches(RESOURCE_ID_PATTERN, { message: ({ property }) => `${property} must be 1-64 letters, digits, "-" or "."` });
}
