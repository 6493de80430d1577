-- Finding 6 (issue #11): names that hold invisible or direction-changing characters could pose
-- as another olla, item or person in a list. Clean the rows already stored the way the inputs
-- now do (src/shared/text.ts cleanName: drop default-ignorables, controls to spaces, NFC, single
-- spaces, trimmed), then let the database refuse such names from any writer.
-- A cleaned name that would collide with another (the spoof and its target) or fall below the
-- column's minimum length keeps a short id suffix, so nothing is merged and the CHECKs hold.
CREATE OR REPLACE FUNCTION pg_temp.clean_name(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT btrim(regexp_replace(
    normalize(regexp_replace(regexp_replace(s, '[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]', '', 'g'), '[\u0001-\u001F\u007F-\u009F]', ' ', 'g'), NFC),
    '[[:space:]\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g'))
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION pg_temp.suffixed(clean text, id uuid, max_len int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT btrim(left(clean, max_len - 11) || ' (' || left(id::text, 8) || ')')
$$;--> statement-breakpoint
UPDATE "ollas" SET "name" = CASE WHEN char_length(pg_temp.clean_name("name")) < 2 THEN pg_temp.suffixed(pg_temp.clean_name("name"), "id", 120) ELSE pg_temp.clean_name("name") END
  WHERE "name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR "name" <> pg_temp.clean_name("name");--> statement-breakpoint
UPDATE "ollas" SET "contact_name" = nullif(pg_temp.clean_name("contact_name"), '')
  WHERE "contact_name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR "contact_name" <> pg_temp.clean_name("contact_name");--> statement-breakpoint
UPDATE "users" SET "name" = CASE WHEN pg_temp.clean_name("name") = '' THEN pg_temp.suffixed('', "id", 120) ELSE pg_temp.clean_name("name") END
  WHERE "name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR "name" <> pg_temp.clean_name("name");--> statement-breakpoint
UPDATE "invitations" SET "invitee_name" = CASE WHEN pg_temp.clean_name("invitee_name") = '' THEN pg_temp.suffixed('', "id", 120) ELSE pg_temp.clean_name("invitee_name") END
  WHERE "invitee_name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR "invitee_name" <> pg_temp.clean_name("invitee_name");--> statement-breakpoint
UPDATE "zones" z SET "name" = CASE
    WHEN pg_temp.clean_name(z."name") = '' OR EXISTS (SELECT 1 FROM "zones" o WHERE o."id" <> z."id" AND pg_temp.clean_name(o."name") = pg_temp.clean_name(z."name"))
    THEN pg_temp.suffixed(pg_temp.clean_name(z."name"), z."id", 120) ELSE pg_temp.clean_name(z."name") END
  WHERE z."name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR z."name" <> pg_temp.clean_name(z."name");--> statement-breakpoint
UPDATE "stock_items" s SET "name" = CASE
    WHEN char_length(pg_temp.clean_name(s."name")) < 2 OR EXISTS (SELECT 1 FROM "stock_items" o WHERE o."id" <> s."id"
      AND o."olla_id" IS NOT DISTINCT FROM s."olla_id" AND lower(pg_temp.clean_name(o."name")) = lower(pg_temp.clean_name(s."name")))
    THEN pg_temp.suffixed(pg_temp.clean_name(s."name"), s."id", 60) ELSE pg_temp.clean_name(s."name") END
  WHERE s."name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR s."name" <> pg_temp.clean_name(s."name");--> statement-breakpoint
UPDATE "stock_sources" s SET "name" = CASE
    WHEN char_length(pg_temp.clean_name(s."name")) < 2 OR EXISTS (SELECT 1 FROM "stock_sources" o WHERE o."id" <> s."id"
      AND o."type" = s."type" AND lower(pg_temp.clean_name(o."name")) = lower(pg_temp.clean_name(s."name")))
    THEN pg_temp.suffixed(pg_temp.clean_name(s."name"), s."id", 120) ELSE pg_temp.clean_name(s."name") END
  WHERE s."name" ~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]' OR s."name" <> pg_temp.clean_name(s."name");--> statement-breakpoint
-- Free text keeps what it says; only the bidi embeddings, overrides and isolates go (they can
-- reorder the page around the text). The append-only ledger's notes stay as written (its
-- trigger refuses updates); pages render them like any text, now that no input adds new ones.
UPDATE "ollas" SET "address_reference" = regexp_replace("address_reference", '[\u202A-\u202E\u2066-\u2069]', '', 'g') WHERE "address_reference" ~ '[\u202A-\u202E\u2066-\u2069]';--> statement-breakpoint
UPDATE "assessments" SET "note" = regexp_replace("note", '[\u202A-\u202E\u2066-\u2069]', '', 'g') WHERE "note" ~ '[\u202A-\u202E\u2066-\u2069]';--> statement-breakpoint
UPDATE "needs" SET "description" = regexp_replace("description", '[\u202A-\u202E\u2066-\u2069]', '', 'g') WHERE "description" ~ '[\u202A-\u202E\u2066-\u2069]' AND char_length(regexp_replace("description", '[\u202A-\u202E\u2066-\u2069]', '', 'g')) >= 3;--> statement-breakpoint
UPDATE "needs" SET "unit" = regexp_replace("unit", '[\u202A-\u202E\u2066-\u2069]', '', 'g') WHERE "unit" ~ '[\u202A-\u202E\u2066-\u2069]' AND regexp_replace("unit", '[\u202A-\u202E\u2066-\u2069]', '', 'g') <> '';--> statement-breakpoint
UPDATE "stock_transfers" SET "note" = regexp_replace("note", '[\u202A-\u202E\u2066-\u2069]', '', 'g') WHERE "note" ~ '[\u202A-\u202E\u2066-\u2069]';--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_name_clean" CHECK ("zones"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invitee_name_clean" CHECK ("invitations"."invitee_name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_name_clean" CHECK ("users"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "ollas" ADD CONSTRAINT "ollas_name_clean" CHECK ("ollas"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "ollas" ADD CONSTRAINT "ollas_contact_name_clean" CHECK ("ollas"."contact_name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "stock_items" ADD CONSTRAINT "stock_items_name_clean" CHECK ("stock_items"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
ALTER TABLE "stock_sources" ADD CONSTRAINT "stock_sources_name_clean" CHECK ("stock_sources"."name" !~ '[\u0001-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]');--> statement-breakpoint
-- Session-local helpers: gone with this session anyway, dropped so a pooled connection keeps nothing.
DROP FUNCTION pg_temp.clean_name(text);--> statement-breakpoint
DROP FUNCTION pg_temp.suffixed(text, uuid, int);
