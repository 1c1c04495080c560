"""Asiakastieto: config, connections and the CLI that runs ingest → dbt → checks → dashboard."""
