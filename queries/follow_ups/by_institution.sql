-- Purpose: How many follow-ups of the current filters each counterpart institution has, by stage (a follow-up naming several institutions counts for each; only institutions that fit the place, sector and type filters).
-- Grain: one row per institution and stage.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
select i.institution_id, i.name_ko, coalesce(i.name_en, i.name_ko) as name_en, f.stage,
       count(distinct f.follow_up_id) as follow_ups
from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) f
join follow_up_institutions fi on fi.follow_up_id = f.follow_up_id
join institutions i on i.institution_id = fi.institution_id
left join cities c on c.city_id = i.city_id
where ($countries is null or list_contains($countries, coalesce(c.country_iso2, i.country_iso2)))
  and ($city_ids is null or list_contains($city_ids, i.city_id))
  and ($sectors is null or list_has_any(i.sectors, $sectors))
  and ($itypes is null or list_contains($itypes, i.type))
group by i.institution_id, i.name_ko, i.name_en, f.stage
order by i.institution_id, f.stage
