export type FieldLocation = 'body' | 'query' | 'path' | 'header' | 'argument';

/** One invalid field in a request, as listed in a problem's `errors` member. */
export interface FieldError {
  /** Where the field was sent. */
  in: FieldLocation;
  /** Dotted name of the field (`name.family`, `birthdate`). */
  name: string;
  /** JSON Pointer into the body, for body fields. */
  pointer?: string;
  detail: string;
}
