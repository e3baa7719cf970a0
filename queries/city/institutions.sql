-- Purpose: The institutions of one city: those located there that were met in meetings matching the filters or never met at all (they cannot be filtered by a meeting), and those based elsewhere that were met there; with the meetings held with each in the city and in all, and how many programs each offers.
-- Grain: one row per institution, most met in the city first.
-- Params: $date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes, $city_id
with met as (
    select institution_id, city_id
    from filtered_meetings($date_from, $date_to, $org_ids, $dept_ids, $countries, $city_ids, $sectors, $itypes)
    where institution_id is not null
),
here as (
    select institution_id, count(*) as meetings_here from met where city_id = $city_id group by institution_id
),
anywhere as (
    select institution_id, count(*) as meetings from met group by institution_id
),
program_counts as (
    select institution_id, count(*) as programs from programs group by institution_id
)
select i.institution_id, i.name_ko, i.name_en, i.type, i.sectors,
       i.city_id, c.name_ko as city_ko, c.name_en as city_en,
       coalesce(here.meetings_here, 0) as meetings_here, coalesce(anywhere.meetings, 0) as meetings,
       coalesce(pc.programs, 0) as programs, i.document_id
from institutions i
left join cities c on c.city_id = i.city_id
left join here on here.institution_id = i.institution_id
left join anywhere on anywhere.institution_id = i.institution_id
left join program_counts pc on pc.institution_id = i.institution_id
where (here.meetings_here is not null
       or (i.city_id = $city_id
           and (anywhere.meetings is not null
                or not exists (select 1 from meetings m where m.institution_id = i.institution_id))))
  and ($sectors is null or list_has_any(i.sectors, $sectors))
  and ($itypes is null or list_contains($itypes, i.type))
order by coalesce(here.meetings_here, 0) desc, i.name_ko, i.institution_id
