-- One row per customer the newest register snapshot names: its applications maintained by IT
-- or jointly, and their IT effort in person-years (`it_resources`, "0,5 htv"). An
-- application naming several customers splits its effort equally among the names, each share
-- rounded half up to 0.001 person-years; an application without it_resources weighs 0. When
-- two files of the snapshot list an application, the newest load's row is kept.
with named as (
    select * from {{ ref('int_applications_joined_to_customers') }}
    qualify load_id = max(load_id) over (partition by application_key)
),

applications as (
    select
        application_key,
        any_value(maintenance_code) as maintenance_code,
        -- person-years in thousandths, an integer: the shares below are exact
        coalesce(round(any_value(fi_quantity(regexp_extract(it_resources, '(\d+(?:[.,]\d+)?)', 1)))
                       * 1000), 0)::bigint as effort_milli,
        count(*) as names
    from named
    group by application_key
),

shares as (
    select
        named.customer_id,
        named.extract_date,
        named.application_key,
        applications.maintenance_code in ('it', 'shared') as is_it_maintained,
        (2 * applications.effort_milli + applications.names) // (2 * applications.names)
            as effort_share_milli
    from named
    join applications using (application_key)
    where named.customer_id is not null
)

select
    customer_id,
    max(extract_date) as extract_date,
    count(distinct application_key) filter (where is_it_maintained) as it_applications,
    (coalesce(sum(effort_share_milli) filter (where is_it_maintained), 0)::decimal(20, 0)
        * 0.001)::decimal(18, 3) as effort_person_years
from shares
group by customer_id
