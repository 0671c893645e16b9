import type { z } from 'zod';

/** Turns a zod error into `{ field: message }`, the `fields` of our error shape; the first message per field wins. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join('.');
        fields[path] ??= '不支持这个字段';
      }
      continue;
    }
    const path = issue.path.length ? issue.path.join('.') : '_';
    fields[path] ??= issue.message;
  }
  return fields;
}
