"use client";

import { useTranslations } from "next-intl";

/** What a failed tRPC call tells a form: a translated message and per-field messages. */
export interface FormErrorShape {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> | null } | null;
}

export function fieldError(error: unknown, path: string): string | undefined {
  const e = error as FormErrorShape | null | undefined;
  return e?.data?.fieldErrors?.[path]?.[0];
}

/** Props for an input tied to a field: aria-invalid and the error's id for aria-describedby. */
export function fieldProps(error: unknown, id: string, path = id) {
  const msg = fieldError(error, path);
  return { id, name: path, "aria-invalid": msg ? true : undefined, "aria-describedby": msg ? `${id}-error` : undefined } as const;
}

export function FieldError({ error, id, path = id }: { error: unknown; id: string; path?: string }) {
  const msg = fieldError(error, path);
  if (!msg) return null;
  return (
    <span id={`${id}-error`} className="error">
      {msg}
    </span>
  );
}

/** The form-level message: the server's translated text, or a network notice when it never answered. */
export function FormError({ error }: { error: unknown }) {
  const t = useTranslations("auth");
  if (!error) return null;
  const e = error as FormErrorShape;
  const text = e.data ? e.message : t("networkError");
  return (
    <p role="alert" className="alert" data-testid="form-error">
      {text}
    </p>
  );
}
