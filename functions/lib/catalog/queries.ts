/** The catalog's reads: one Postgres function per request, called as the anon role (public data only). */
import {
  normalizeKeyword,
  type CatalogFacets,
  type ClassDetail,
  type DemandItem,
  type DemandListQuery,
  type EvaluationSessionItem,
  type EvaluationSessionListQuery,
  type FacetsQuery,
  type InstitutionListItem,
  type InstitutionListQuery,
  type Page,
  type ProjectDetail,
  type ProjectListItem,
  type ProjectListQuery,
  type SalaryItem,
  type SalaryQuery,
} from '@jz/shared';
import { anonDb } from '../supabase';
import {
  decodeCursor,
  encodeCursor,
  isCode,
  isFiniteNumber,
  isInteger,
  isTimestamp,
  isUuid,
  positionField,
  queryFingerprint,
} from './cursor';
import { throwCatalogError } from './errors';

interface ListResult<T> {
  items: T[];
  total: number;
  next: Record<string, unknown> | null;
}

async function call<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await anonDb().rpc(fn, args);
  if (error) throwCatalogError(error, fn);
  return data as T;
}

function page<T>(result: ListResult<T>, fingerprint: string): Page<T> {
  return {
    items: result.items,
    nextCursor: result.next ? encodeCursor(fingerprint, result.next) : null,
    total: Number(result.total),
  };
}

const projectFilterArgs = (q: FacetsQuery) => ({
  p_q: normalizeKeyword(q.q) ?? null,
  p_field: q.field ?? null,
  p_district: q.district ?? null,
  p_occupation: q.occupation ?? null,
  p_mode: q.mode ?? null,
  p_level: q.level ?? null,
  p_audience: q.audience ?? null,
  p_open: q.open ?? false,
  p_starts_after: q.startsAfter ?? null,
  p_starts_before: q.startsBefore ?? null,
});

export async function listProjects(query: ProjectListQuery): Promise<Page<ProjectListItem>> {
  const { cursor, limit, ...filters } = query;
  const fingerprint = queryFingerprint({ ...filters, q: normalizeKeyword(filters.q) });
  const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const result = await call<ListResult<ProjectListItem>>('catalog_projects', {
    ...projectFilterArgs(filters),
    p_sort: query.sort,
    p_lat: query.lat ?? null,
    p_lng: query.lng ?? null,
    p_after_rank: after ? positionField(after, 'rank', isInteger) : null,
    p_after_key: after ? positionField(after, 'key', isFiniteNumber) : null,
    p_after_id: after ? positionField(after, 'id', isUuid) : null,
    p_limit: limit,
  });
  return page(result, fingerprint);
}

export function projectFacets(query: FacetsQuery): Promise<CatalogFacets> {
  return call<CatalogFacets>('catalog_facets', projectFilterArgs(query));
}

export function projectDetail(id: string, lat?: number, lng?: number): Promise<ProjectDetail | null> {
  return call<ProjectDetail | null>('catalog_project_detail', { p_id: id, p_lat: lat ?? null, p_lng: lng ?? null });
}

export function classDetail(id: string, lat?: number, lng?: number): Promise<ClassDetail | null> {
  return call<ClassDetail | null>('catalog_class_detail', { p_id: id, p_lat: lat ?? null, p_lng: lng ?? null });
}

export async function listDemands(query: DemandListQuery): Promise<Page<DemandItem>> {
  const { cursor, limit, ...filters } = query;
  const fingerprint = queryFingerprint({ ...filters, q: normalizeKeyword(filters.q) });
  const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const result = await call<ListResult<DemandItem>>('catalog_demands', {
    p_q: normalizeKeyword(filters.q) ?? null,
    p_district: filters.district ?? null,
    p_occupation: filters.occupation ?? null,
    p_field: filters.field ?? null,
    p_source: filters.source ?? null,
    p_status: filters.status,
    p_after_published_at: after ? positionField(after, 'publishedAt', isTimestamp) : null,
    p_after_id: after ? positionField(after, 'id', isUuid) : null,
    p_limit: limit,
  });
  return page(result, fingerprint);
}

export async function listInstitutions(query: InstitutionListQuery): Promise<Page<InstitutionListItem>> {
  const { cursor, limit, ...filters } = query;
  const fingerprint = queryFingerprint({ ...filters, q: normalizeKeyword(filters.q) });
  const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const result = await call<ListResult<InstitutionListItem>>('catalog_institutions', {
    p_kind: filters.kind ?? null,
    p_district: filters.district ?? null,
    p_q: normalizeKeyword(filters.q) ?? null,
    p_occupation: filters.occupation ?? null,
    p_after_rank: after ? positionField(after, 'rank', isInteger) : null,
    p_after_code: after ? positionField(after, 'code', isCode) : null,
    p_limit: limit,
  });
  return page(result, fingerprint);
}

export async function listEvaluationSessions(query: EvaluationSessionListQuery): Promise<Page<EvaluationSessionItem>> {
  const { cursor, limit, ...filters } = query;
  const fingerprint = queryFingerprint(filters);
  const after = cursor ? decodeCursor(cursor, fingerprint) : undefined;
  const result = await call<ListResult<EvaluationSessionItem>>('catalog_evaluation_sessions', {
    p_occupation: filters.occupation ?? null,
    p_level: filters.level ?? null,
    p_district: filters.district ?? null,
    p_institution: filters.institution ?? null,
    p_open: filters.open ?? false,
    p_lat: filters.lat ?? null,
    p_lng: filters.lng ?? null,
    p_after_starts_at: after ? positionField(after, 'startsAt', isTimestamp) : null,
    p_after_id: after ? positionField(after, 'id', isUuid) : null,
    p_limit: limit,
  });
  return page(result, fingerprint);
}

export async function salaryGuides(query: SalaryQuery): Promise<{ items: SalaryItem[]; total: number }> {
  const result = await call<{ items: SalaryItem[]; total: number }>('catalog_salary', {
    p_occupation: query.occupation ?? null,
    p_level: query.level ?? null,
    p_field: query.field ?? null,
    p_year: query.year ?? null,
  });
  return { items: result.items, total: Number(result.total) };
}
