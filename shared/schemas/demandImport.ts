/** Demand import (POST /api/review/demands/import): a district's collected demands as a CSV, checked row by row. */
import { z } from 'zod';

export const demandImportQuery = z.object({
  partial: z
    .enum(['0', '1', 'true', 'false'], { error: 'partial 应为 1 或 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});

/** One problem of one row; `row` as a spreadsheet numbers it (the header is row 1). */
export interface DemandImportProblem {
  row: number;
  /** The input field (enterpriseName, creditCode, district, …), or `row` for the row as a whole. */
  field: string;
  /** The Chinese column name the field came from, when there is one. */
  column?: string;
  message: string;
}

export interface DemandImportReport {
  /** Data rows in the file. */
  rows: number;
  /** True when the demands were written (all of them, or with ?partial=1 the good ones). */
  committed: boolean;
  partial: boolean;
  imported: Array<{ row: number; id: string; code: string }>;
  problems: DemandImportProblem[];
}
