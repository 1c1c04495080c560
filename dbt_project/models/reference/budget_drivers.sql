-- The site's budget drivers (site folder, docs/site.md), as the other models and the dashboard read it.
select * from {{ ref('stg_site__budget_drivers') }}
