-- A stock entry or exit in ONE statement: idempotency check, item and unit check, the
-- (olla, item) lock, the balance check for exits, the movement, its audit row, the new
-- balance and the idempotency record, all in the statement's own transaction. The
-- TypeScript path took ~13 round trips for the same work; when a district's signal comes
-- back and every phone flushes its outbox at once, round trips are what queue.
--
-- The advisory lock keys are the same strings the TypeScript paths use
-- ('idem:<user>:<key>', 'stock:<olla>:<item>'), so reversals and transfers (still written
-- from TypeScript) serialise with these writes.
--
-- Expected refusals are RETURNED, not raised, before anything is written:
--   {"error": "<translation key>", "code": "BAD_REQUEST"|"CONFLICT", "field"?, "params"?}
-- A replay of a stored key returns {"replay": <stored superjson result>}; a first write
-- returns {"ok": {"movementId", "itemId", "balance"}}. Constraint violations still raise
-- (mapped by SQLSTATE in TypeScript).
CREATE FUNCTION "stock_write"(
  p_user uuid, p_key uuid, p_procedure text, p_hash text,
  p_olla uuid, p_item uuid, p_unit "stock_unit", p_direction "stock_direction", p_quantity numeric,
  p_occurred_on date, p_source_type "stock_source_type", p_source_id uuid, p_value_cents integer,
  p_expires_on date, p_exit_reason "stock_exit_reason", p_note text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  prev record;
  item_unit "stock_unit";
  bal numeric;
  m "stock_movements"%ROWTYPE;
  res jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('idem:' || p_user::text || ':' || p_key::text, 0));
  SELECT "procedure", "request_hash", "result" INTO prev FROM "idempotency_keys" WHERE "user_id" = p_user AND "key" = p_key;
  IF FOUND THEN
    IF prev."procedure" <> p_procedure OR prev."request_hash" <> p_hash THEN
      RETURN jsonb_build_object('error', 'idempotency.mismatch', 'code', 'CONFLICT');
    END IF;
    RETURN jsonb_build_object('replay', prev."result");
  END IF;

  SELECT "unit" INTO item_unit FROM "stock_items" WHERE "id" = p_item AND ("olla_id" IS NULL OR "olla_id" = p_olla);
  IF NOT FOUND THEN
    RETURN jsonb_build_object('error', 'stock.validation.unknownItem', 'code', 'BAD_REQUEST', 'field', 'itemId');
  END IF;
  IF item_unit <> p_unit THEN
    RETURN jsonb_build_object('error', 'stock.validation.unitMismatch', 'code', 'BAD_REQUEST', 'field', 'unit', 'params', jsonb_build_object('unit', item_unit));
  END IF;
  IF p_unit IN ('unit', 'can') AND p_quantity <> trunc(p_quantity) THEN
    RETURN jsonb_build_object('error', 'stock.validation.wholeUnits', 'code', 'BAD_REQUEST', 'field', 'quantity');
  END IF;
  IF p_source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "stock_sources" WHERE "id" = p_source_id AND "type" = p_source_type) THEN
    RETURN jsonb_build_object('error', 'stock.validation.unknownSource', 'code', 'BAD_REQUEST', 'field', 'sourceId');
  END IF;

  PERFORM pg_advisory_xact_lock(hashtextextended('stock:' || p_olla::text || ':' || p_item::text, 0));
  IF p_direction = 'out' THEN
    SELECT coalesce(sum(CASE WHEN "direction" = 'in' THEN "quantity" ELSE -"quantity" END), 0) INTO bal
      FROM "stock_movements" WHERE "olla_id" = p_olla AND "item_id" = p_item;
    IF bal < p_quantity THEN
      RETURN jsonb_build_object('error', 'stock.errors.insufficient', 'code', 'CONFLICT', 'field', 'quantity', 'params', jsonb_build_object('balance', bal));
    END IF;
  END IF;

  INSERT INTO "stock_movements" ("olla_id", "item_id", "unit", "direction", "quantity", "occurred_on", "source_type", "source_id",
    "value_cents", "exit_reason", "expires_on", "note", "created_by")
  VALUES (p_olla, p_item, p_unit, p_direction, p_quantity, p_occurred_on, p_source_type, p_source_id,
    p_value_cents, p_exit_reason, p_expires_on, p_note, p_user)
  RETURNING * INTO m;

  -- The same shape (camelCase keys) the TypeScript path audits with.
  INSERT INTO "audit_log" ("actor_user_id", "action", "entity", "entity_id", "olla_id", "after")
  VALUES (p_user, 'record', 'stock_movement', m."id"::text, p_olla, jsonb_build_object(
    'id', m."id", 'ollaId', m."olla_id", 'itemId', m."item_id", 'unit', m."unit", 'direction', m."direction",
    'quantity', m."quantity"::text, 'occurredOn', m."occurred_on", 'sourceType', m."source_type", 'sourceId', m."source_id",
    'valueCents', m."value_cents", 'exitReason', m."exit_reason", 'transferId', m."transfer_id", 'reversesId', m."reverses_id",
    'expiresOn', m."expires_on", 'note', m."note", 'createdBy', m."created_by", 'createdAt', m."created_at"));

  SELECT coalesce(sum(CASE WHEN "direction" = 'in' THEN "quantity" ELSE -"quantity" END), 0) INTO bal
    FROM "stock_movements" WHERE "olla_id" = p_olla AND "item_id" = p_item;
  res := jsonb_build_object('movementId', m."id", 'itemId', p_item, 'balance', bal);
  -- Stored as superjson serialises this plain object ({"json": …}), so replays through either path read it back.
  INSERT INTO "idempotency_keys" ("user_id", "key", "procedure", "request_hash", "result")
  VALUES (p_user, p_key, p_procedure, p_hash, jsonb_build_object('json', res));
  RETURN jsonb_build_object('ok', res);
END
$$;
