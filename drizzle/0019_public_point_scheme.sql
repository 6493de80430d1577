CREATE TABLE "public_point_scheme" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"fingerprint" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_point_scheme_single_row" CHECK ("public_point_scheme"."id" = 1)
);
