import type { FormInstance } from 'antd';
import { ApiProblem } from './problem';

/**
 * Show a refused write's field problems (problem+json `errors[].field`) next to the fields of the form they
 * concern. Returns the messages no field of the form could take (shown above the form instead).
 */
export function showFieldProblems(
  form: FormInstance,
  error: unknown,
  rename: (name: Array<string | number>) => Array<string | number> = (name) => name,
): string[] {
  if (!(error instanceof ApiProblem)) return [error instanceof Error ? error.message : String(error)];
  const fields = error.fieldErrors().map((field) => ({ ...field, name: rename(field.name) }));
  if (fields.length === 0) return [error.chinese];
  const placed: typeof fields = [];
  const elsewhere: string[] = [];
  for (const field of fields) {
    if (field.name.length > 0 && form.getFieldInstance(field.name) !== undefined) placed.push(field);
    else
      elsewhere.push(
        ...field.errors.map((message) => (field.name.length ? `${field.name.join('.')}：${message}` : message)),
      );
  }
  form.setFields(placed.map((field) => ({ name: field.name, errors: field.errors })));
  return elsewhere;
}
