-- The site's cost model (site folder, docs/site.md): which pool each actual cost line goes to.
select * from {{ ref('stg_site__cost_pools') }}
