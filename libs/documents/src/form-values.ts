/**
 * Reading a stored form (the station's application is kept as submitted, a plain object): the
 * tables, the import and the Word documents all address its fields by dotted path.
 */

/** The value at a dotted path of a form (`contact.phone`, `cases.0.title`). */
export function valueAt(form: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), form);
}

/** The text at a dotted path of a form, '' when absent. */
export function formValue(form: Record<string, unknown>, path: string): string {
  const v = valueAt(form, path);
  return v === undefined || v === null ? '' : String(v);
}
