-- One row: the site configuration the warehouse was built with (its name, folder and version),
-- so the dashboard can name the site even before its history has any change.
select site_name, site_folder, site_version
from {{ ref('stg_site__meta') }}
