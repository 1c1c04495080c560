"""Pure chart builders: DataFrame → Plotly figure (and tables → pandas Styler), one shared
theme (`theme`) and money axis; one module per area. No `st.*` calls."""
