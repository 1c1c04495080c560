-- The site's price list next year (site folder, docs/site.md), as the other models and the dashboard read it.
select * from {{ ref('stg_site__price_list_next_year') }}
