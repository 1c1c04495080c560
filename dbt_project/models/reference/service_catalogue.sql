-- The site's service catalogue (site folder, docs/site.md), as the other models and the dashboard read it.
select * from {{ ref('stg_site__service_catalogue') }}
