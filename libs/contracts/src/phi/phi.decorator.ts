const PHI_FIELDS = new WeakMap<object, Set<string>>();

/**
 * Marks a canonical field as PHI (a HIPAA identifier or health information). Marked once here,
 * it is masked for callers without the PHI scope wherever the type is served.
 */
export function Phi(): PropertyDecorator {
  return (target, property) => {
    const fields = PHI_FIELDS.get(target.constructor) ?? new Set<string>();
    fields.add(String(property));
    PHI_FIELDS.set(target.constructor, fields);
  };
}

/** The PHI fields of a canonical type. */
export function phiFieldsOf(type: abstract new (...args: never[]) => unknown): string[] {
  return [...(PHI_FIELDS.get(type) ?? [])];
}
