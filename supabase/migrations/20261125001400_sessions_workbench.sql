/*
 * Evaluation sessions in the evaluator's 工作台 (issue 7, supply side).
 *
 * Staff schedule sittings only for an occupation and level in their institution's evaluation scope
 * (institution_occupations, checked by create_evaluation_session). The scope is public for listed
 * evaluators only, so the staff of a pending or suspended evaluator could not see what they may
 * schedule (drafts are allowed while off the whitelist). Here they may read their own scope too.
 * No new tables or functions: the existing grants (select to anon, authenticated) stay as they are.
 */

/* ---------------------------------------------------------------- evaluation scope: staff read their own */

create policy "Evaluator staff read their own institution's evaluation scope"
  on public.institution_occupations for select to authenticated
  using (public.works_for_institution(institution_id));
