-- The site's cost model (site folder, docs/site.md): each pool's shares of the services.
select * from {{ ref('stg_site__pool_services') }}
