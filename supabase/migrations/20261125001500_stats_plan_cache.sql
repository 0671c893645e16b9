/*
 * Dashboard at programme scale (npm run bench:stats, docs/BENCHMARKS.md): stats_funnel's main query
 * is planned afresh on every call.
 *
 * No index is missing: with custom plans the cohort is read through enrollments_created and the
 * later steps through evaluation_registrations_enrollment, evaluation_results_pkey,
 * subsidy_applications_certificate and employment_outcomes_user. The slow calls came from plpgsql's
 * plan cache: after five calls on one connection (PostgREST keeps its connections, PGlite has just
 * one) it may switch to the generic plan, which cannot fold the "parameter is null or …" filters,
 * guesses a cohort of one row, and re-runs the results-and-subsidy aggregate once per cohort row
 * (quadratic in the cohort). Forcing custom plans costs a few milliseconds of planning per call and
 * changes no result.
 */
alter function public.stats_funnel(date, date, text, text, text, integer) set plan_cache_mode = force_custom_plan;
