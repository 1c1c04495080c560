{#- Split `total` (€, the same on every row of a partition) over the partition's rows in
    proportion to `weight` (at least 0, at most 3 decimals, more than 0 in sum), in whole cents
    that add up to the total exactly: every row gets the cents of its exact share rounded
    towards zero, and the cents left over go one each to the rows with the largest remainders
    (ties: `order_by`). Integer arithmetic throughout, so nothing is lost to rounding.
    Returns a subquery: `relation`'s columns and `allocated_eur` (DECIMAL(18,2), the total's
    sign). docs/definitions.md "Cost to serve on actual costs". -#}
{% macro largest_remainder(relation, partition_by, weight, total, order_by) %}
(
    with lr_input as (
        select
            *,
            round(abs({{ total }}) * 100)::hugeint as lr_cents,
            case when {{ total }} < 0 then -1 else 1 end as lr_sign,
            round({{ weight }} * 1000)::hugeint as lr_weight
        from {{ relation }}
    ),

    lr_parts as (
        select
            *,
            lr_cents * lr_weight // sum(lr_weight) over (partition by {{ partition_by }}) as lr_base,
            lr_cents * lr_weight % sum(lr_weight) over (partition by {{ partition_by }}) as lr_remainder
        from lr_input
    ),

    lr_ranked as (
        select
            *,
            lr_cents - sum(lr_base) over (partition by {{ partition_by }}) as lr_left,
            row_number() over (partition by {{ partition_by }}
                               order by lr_remainder desc, {{ order_by }}) as lr_rank
        from lr_parts
    )

    select
        * exclude (lr_cents, lr_sign, lr_weight, lr_base, lr_remainder, lr_left, lr_rank),
        ((lr_sign * (lr_base + case when lr_rank <= lr_left then 1 else 0 end))::decimal(20, 0)
            * 0.01)::decimal(18, 2) as allocated_eur
    from lr_ranked
)
{% endmacro %}
