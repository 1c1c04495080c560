-- The site's customer types (site folder, docs/site.md), as the other models and the dashboard read it.
select * from {{ ref('stg_site__customer_types') }}
