-- Purpose: How many follow-ups of the current filters concern each city (the cities of their counterpart institutions), by stage; a follow-up spanning two cities counts once in each.
-- Grain: one row per city (null: institutions with no city) and stage.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes
select i.city_id, any_value(c.name_ko) as name_ko, any_value(c.name_en) as name_en,
       any_value(coalesce(c.country_iso2, i.country_iso2)) as country_iso2, f.stage,
       count(distinct f.follow_up_id) as follow_ups
from filtered_follow_ups($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes) f
join follow_up_institutions fi on fi.follow_up_id = f.follow_up_id
join institutions i on i.institution_id = fi.institution_id
left join cities c on c.city_id = i.city_id
where ($countries is null or list_contains($countries, coalesce(c.country_iso2, i.country_iso2)))
  and ($city_ids is null or list_contains($city_ids, i.city_id))
  and ($sectors is null or list_has_any(i.sectors, $sectors))
  and ($itypes is null or list_contains($itypes, i.type))
group by i.city_id, f.stage
order by i.city_id nulls last, f.stage
