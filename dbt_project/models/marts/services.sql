-- One row per service of the site's service catalogue, with its display names and codes, plus
-- `unclassified` for charges whose code the catalogue lacks. When several codes share a
-- service under different names, the distinct names are joined with " / " in catalogue order.
with catalogue as (
    select * from {{ ref('stg_site__service_catalogue') }}
),

names_fi as (
    select service, service_name_fi, min(catalogue_row) as first_row
    from catalogue
    where service_name_fi is not null
    group by all
),

names_en as (
    select service, service_name_en, min(catalogue_row) as first_row
    from catalogue
    where service_name_en is not null
    group by all
),

services as (
    select service, min(catalogue_row) as first_row,
           string_agg(activity_type, ', ' order by catalogue_row) as activity_types
    from catalogue
    where service is not null
    group by all
),

named as (
    select
        services.service,
        (select string_agg(service_name_fi, ' / ' order by first_row) from names_fi
         where names_fi.service = services.service) as service_name_fi,
        (select string_agg(service_name_en, ' / ' order by first_row) from names_en
         where names_en.service = services.service) as service_name_en,
        services.activity_types,
        services.first_row
    from services

    union all

    select 'unclassified', 'Luokittelematon', 'Unclassified', null, null
    where not exists (select 1 from services where service = 'unclassified')
)

-- Catalogue order, unclassified last (a table keeps the order it was written in).
select service, service_name_fi, service_name_en, activity_types
from named
order by first_row nulls last
