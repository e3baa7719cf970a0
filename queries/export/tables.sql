-- Purpose: The application's tables, for the audit export.
-- Grain: one row per table.
-- Params: none
select table_name from duckdb_tables() where schema_name = 'main' and not internal order by table_name
