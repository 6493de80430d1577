-- The almacén ledger is append-only: no role the app connects with may change or remove
-- a movement. A mistake is corrected by inserting a reversal.
CREATE FUNCTION "stock_movements_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: correct a movement by reversing it'
    USING ERRCODE = 'P0001', HINT = 'insert a row with reverses_id';
END
$$;--> statement-breakpoint
CREATE TRIGGER "stock_movements_no_update_delete" BEFORE UPDATE OR DELETE ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION "stock_movements_append_only"();--> statement-breakpoint
CREATE TRIGGER "stock_movements_no_truncate" BEFORE TRUNCATE ON "stock_movements"
  FOR EACH STATEMENT EXECUTE FUNCTION "stock_movements_append_only"();--> statement-breakpoint
-- Rules a CHECK cannot see: an olla's own item stays in that olla's ledger, and a
-- reversal mirrors its original (same olla, item, quantity; opposite direction; not a
-- reversal itself, not half of a transfer).
CREATE FUNCTION "stock_movements_check_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item_olla uuid;
  orig "stock_movements"%ROWTYPE;
BEGIN
  SELECT "olla_id" INTO item_olla FROM "stock_items" WHERE "id" = NEW."item_id";
  IF item_olla IS NOT NULL AND item_olla <> NEW."olla_id" THEN
    RAISE EXCEPTION 'item % belongs to another olla', NEW."item_id" USING ERRCODE = '23514';
  END IF;
  IF NEW."reverses_id" IS NOT NULL THEN
    SELECT * INTO orig FROM "stock_movements" WHERE "id" = NEW."reverses_id";
    IF orig."id" IS NULL OR orig."reverses_id" IS NOT NULL OR orig."transfer_id" IS NOT NULL
       OR orig."olla_id" <> NEW."olla_id" OR orig."item_id" <> NEW."item_id"
       OR orig."quantity" <> NEW."quantity" OR orig."direction" = NEW."direction" THEN
      RAISE EXCEPTION 'a reversal must mirror an original movement of the same olla' USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stock_movements_check" BEFORE INSERT ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION "stock_movements_check_insert"();--> statement-breakpoint
-- The network's default item catalogue. kg_per_unit: kg of food per unit (null: not food).
INSERT INTO "stock_items" ("code", "name", "unit", "kg_per_unit") VALUES
('arroz', 'Arroz', 'kg', 1),
('fideos', 'Fideos', 'kg', 1),
('aceite', 'Aceite', 'l', 0.92),
('menestras', 'Menestras', 'kg', 1),
('azucar', 'Azúcar', 'kg', 1),
('avena', 'Avena', 'kg', 1),
('sal', 'Sal', 'kg', 1),
('leche', 'Leche', 'l', 1.03),
('leche_tarro', 'Leche evaporada (tarro)', 'can', 0.41),
('conserva_pescado', 'Conserva de pescado (lata)', 'can', 0.17),
('huevos', 'Huevos', 'unit', 0.06),
('pollo', 'Pollo', 'kg', 1),
('pescado', 'Pescado', 'kg', 1),
('papa', 'Papa', 'kg', 1),
('verduras', 'Verduras', 'kg', 1),
('frutas', 'Frutas', 'kg', 1),
('gas_10kg', 'Balón de gas 10 kg', 'unit', NULL),
('lena', 'Leña', 'kg', NULL)
ON CONFLICT DO NOTHING;
