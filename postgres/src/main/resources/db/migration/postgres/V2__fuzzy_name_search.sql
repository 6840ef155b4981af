-- Fuzzy spec-name search with pg_trgm, when the extension can be had. Creating it needs a superuser or
-- (pg_trgm being a trusted extension) the CREATE privilege on the database; without either, this migration
-- still succeeds, the store logs a warning naming the SQL a superuser must run, and fuzzy resolve ranks
-- names in Java instead (the same trigram similarity).

DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
    RAISE WARNING 'pg_trgm cannot be created (%); a superuser can run: CREATE EXTENSION IF NOT EXISTS pg_trgm;',
        SQLERRM;
END;
$$;

-- The operator class is qualified with the extension's schema, which need not be on the search path.
DO $$
DECLARE
    trgm_schema name;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX IF NOT EXISTS idx_specs_name_search ON technical_specs '
            'USING gin (spec_name %I.gin_trgm_ops)', trgm_schema);
    END IF;
END;
$$;
