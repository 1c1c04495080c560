-- One row per customer and application of the newest register snapshot: who maintains it,
-- how often it is updated and the month of its next update, parsed from the register's text.
with applications as (
    select * from {{ ref('int_applications_joined_to_customers') }}
    where customer_id is not null
),

as_of as (
    select as_of_month from {{ ref('int_as_of_month') }}
)

select
    applications.customer_id,
    applications.application,
    applications.saabe_application_id,
    applications.vendor,
    applications.maintenance,
    applications.maintenance_code,
    applications.criticality,
    applications.users,
    applications.updates_per_year_text,
    {{ updates_per_year('applications.updates_per_year_text') }} as updates_per_year,
    applications.next_update_text,
    {{ update_month('applications.next_update_text', 'as_of.as_of_month') }} as next_update_month,
    applications.it_resources,
    applications.customer_contact,
    applications.lifecycle,
    applications.annual_cost_text,
    applications.file_name,
    applications.source_row_number
from applications
cross join as_of
qualify row_number() over (
    partition by applications.customer_id, applications.application_key
    order by applications.source_row_number
) = 1
