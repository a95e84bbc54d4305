-- Indexes FerretDB 1.24 can use. Its PostgreSQL backend pushes an equality filter {field: value} down as
-- `_jsonb -> 'field' @> '"value"'`, which its own B-tree indexes cannot serve; a GIN index on the same
-- expression can (with plan_cache_mode = force_custom_plan, set in store.conf). This event trigger adds
-- such an index for the fields the read model queries by, whenever FerretDB creates a collection's table,
-- and the last statement adds them to the tables that already exist. Idempotent (store-up.sh runs it at
-- every start). Table names are <collection>_<hash>.
CREATE OR REPLACE FUNCTION referral_store_fields(collection text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE collection
    WHEN 'referrals' THEN ARRAY['_id', 'listKeys']
    WHEN 'referral_counters' THEN ARRAY['_id', 'dir']
    WHEN 'referral_events' THEN ARRAY['_id', 'referralId']
    ELSE ARRAY['_id']
  END
$$;

CREATE OR REPLACE FUNCTION referral_store_index_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  rel text;
  nsp text;
  f text;
BEGIN
  SELECT c.relname, n.nspname INTO rel, nsp FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = t;
  IF rel LIKE '\_ferretdb%' OR NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = '_jsonb') THEN
    RETURN;
  END IF;
  FOREACH f IN ARRAY referral_store_fields(regexp_replace(rel, '_[0-9a-f]{8}$', '')) LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops)',
      left(rel, 40) || '_gin_' || lower(regexp_replace(f, '[^A-Za-z0-9]', '', 'g')), t, f);
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION referral_store_on_create() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' AND object_type = 'table' LOOP
    PERFORM referral_store_index_table(r.objid::regclass);
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS referral_store_indexes;
CREATE EVENT TRIGGER referral_store_indexes ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION referral_store_on_create();

SELECT count(referral_store_index_table(c.oid)) AS tables_checked
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public');
