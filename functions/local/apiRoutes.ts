import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

type Segment =
  | { kind: 'static'; value: string }
  | { kind: 'param'; name: string }
  | { kind: 'catchAll'; name: string; optional: boolean };

export interface ApiRoute {
  /** Absolute path of the module. */
  file: string;
  /** Route pattern for logs, e.g. /api/users/[id]. */
  pattern: string;
  segments: Segment[];
}

export interface RouteMatch {
  route: ApiRoute;
  params: Record<string, string | string[]>;
}

const ROUTE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// Vercel skips files and folders starting with "_" or "."; tests and typings are never routes.
const IGNORED = /^[_.]|\.d\.[mc]?ts$|\.(test|spec)\.[mc]?[jt]sx?$/;

function toSegment(part: string): Segment {
  const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(part);
  if (optional?.[1]) return { kind: 'catchAll', name: optional[1], optional: true };
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(part);
  if (catchAll?.[1]) return { kind: 'catchAll', name: catchAll[1], optional: false };
  const param = /^\[(.+)\]$/.exec(part);
  if (param?.[1]) return { kind: 'param', name: param[1] };
  return { kind: 'static', value: part };
}

const rank = (s: Segment | undefined): number =>
  s === undefined ? -1 : s.kind === 'static' ? 0 : s.kind === 'param' ? 1 : s.optional ? 3 : 2;

/** Static segments beat dynamic ones, position by position (as Vercel and Next.js order them). */
function compareRoutes(a: ApiRoute, b: ApiRoute): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const diff = rank(a.segments[i]) - rank(b.segments[i]);
    if (diff !== 0) return diff;
  }
  return a.pattern.localeCompare(b.pattern);
}

function walk(dir: string, files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (IGNORED.test(name) || name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, files);
    else if (ROUTE_FILE.test(name)) files.push(full);
  }
}

/** Vercel's file routing: api/a/b.ts → /api/a/b, index.ts → its folder, [id] → a parameter. */
export function scanRoutes(apiDir: string): ApiRoute[] {
  const files: string[] = [];
  walk(apiDir, files);
  const seen = new Set<string>();
  const routes: ApiRoute[] = [];
  for (const file of files.sort()) {
    const parts = relative(apiDir, file).replace(ROUTE_FILE, '').split(sep);
    if (parts[parts.length - 1] === 'index') parts.pop();
    const pattern = '/api' + parts.map((p) => '/' + p).join('');
    if (seen.has(pattern)) continue; // a.ts and a/index.ts: the first one wins
    seen.add(pattern);
    routes.push({ file, pattern, segments: parts.map(toSegment) });
  }
  return routes.sort(compareRoutes);
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string | string[]> | undefined {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'catchAll') {
      const rest = parts.slice(i);
      if (rest.length === 0 && !segment.optional) return undefined;
      if (rest.length > 0) params[segment.name] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'static' && segment.value !== part) return undefined;
    if (segment.kind === 'param') params[segment.name] = part;
  }
  return parts.length === segments.length ? params : undefined;
}

/** `pathname` starts with /api; returns the first (most specific) route that matches. */
export function matchRoute(routes: ApiRoute[], pathname: string): RouteMatch | undefined {
  let parts: string[];
  try {
    parts = pathname
      .replace(/^\/api\/?/, '')
      .split('/')
      .filter((p) => p !== '')
      .map((p) => decodeURIComponent(p));
  } catch {
    return undefined; // malformed %-escape
  }
  for (const route of routes) {
    const params = matchSegments(route.segments, parts);
    if (params) return { route, params };
  }
  return undefined;
}
