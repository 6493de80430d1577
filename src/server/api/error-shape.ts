import { ZodError } from "zod";
import type { Locale } from "~/i18n/config";
import { hasKey, translate } from "~/i18n/translate";
import { fieldErrors } from "./zod-errors";

export interface ErrorShapeData {
  message: string;
  messageKey: string;
  fieldErrors: Record<string, string[]> | null;
}

/**
 * What a failed procedure tells its reader, translated: one message and, for bad input, the
 * field it belongs to. The HTTP error formatter and the server's own callers (server actions,
 * the outbox route) use this one function, so a form says the same thing whichever way it came.
 */
export function describeError(locale: Locale, error: { message: string; cause?: unknown }): ErrorShapeData {
  const zod = error.cause instanceof ZodError ? error.cause : null;
  const code = (error as { code?: string }).code ?? "INTERNAL_SERVER_ERROR";
  const key = zod ? "errors.invalidInput" : hasKey(locale, error.message) ? error.message : `errors.code.${code}`;
  const app = error.cause as { params?: Record<string, string | number>; field?: string } | undefined;
  const message = translate(locale, key, app?.params);
  const fields = zod ? fieldErrors(locale, zod) : app?.field ? { [app.field]: [message] } : null;
  return { message, messageKey: key, fieldErrors: fields };
}
