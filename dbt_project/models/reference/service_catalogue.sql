-- The site's service catalogue (site folder, docs/site.md), as the other models and the dashboard read it.
-- The catalogue's row order is only for the `services` mart's display names.
select * exclude (catalogue_row) from {{ ref('stg_site__service_catalogue') }}
