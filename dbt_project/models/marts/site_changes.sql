-- One row per change to the site configuration (the site folder: catalogue, senders, policy),
-- newest first, with the site's name: the public face of staging's history for the dashboard's
-- data page, so nobody reads staging to learn who changed a price or a code and when.
with changes as (
    select * from {{ ref('stg_site__changes') }}
),

meta as (
    select * from {{ ref('stg_site__meta') }}
)

select
    meta.site_name,
    changes.noticed_at,
    changes.changed_by,
    changes.changed_via,
    changes.site_file,
    changes.changed_key,
    changes.change_kind,
    changes.detail,
    changes.note,
    changes.file_modified_at
from changes
cross join meta
