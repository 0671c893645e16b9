-- Subsidy figures from POLICY.md (the migration writes the same row; repeated here so a reset seed shows them).
insert into public.subsidy_rules (effective_from, eligible_categories, amounts, deadline_months, annual_cap, min_age, note)
values ('2025-01-01', array['rural_migrant', 'unemployed_graduate', 'registered_unemployed', 'hard_to_employ'],
        '{"5": 1000, "4": 1500, "3": 2000, "2": 2500, "1": 3000, "special": 800}', 12, 3, 16,
        'POLICY.md: 五级1000 四级1500 三级2000 (national and Beijing figures); 二级2500 一级3000 专项800 local examples.')
on conflict (effective_from) do nothing;
