"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Posts the credentials to next-auth itself (rather than through signIn()) so that a
 * throttled attempt's HTTP 429 reaches the person as a clear message.
 */
export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    try {
      const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          identifier: String(form.get("identifier") ?? ""),
          password: String(form.get("password") ?? ""),
          csrfToken: csrf.csrfToken,
          callbackUrl: callbackPath,
          json: "true",
        }),
      });
      if (res.status === 429) {
        setError(t("throttled"));
        return;
      }
      const data = (await res.json()) as { url?: string };
      if (!res.ok || !data.url || new URL(data.url, window.location.origin).searchParams.get("error")) {
        setError(t("invalid"));
        return;
      }
      // Full navigation so the server renders with the new session.
      window.location.assign(callbackPath === "/" ? "/inicio" : callbackPath);
    } catch {
      setError(t("networkError"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="card flex flex-col gap-3" noValidate>
      <div className="field">
        <label htmlFor="identifier">{t("identifier")}</label>
        <input id="identifier" name="identifier" className="input" autoComplete="username" inputMode="email" required aria-describedby="identifier-hint" maxLength={254} />
        <span id="identifier-hint" className="hint">
          {t("identifierHint")}
        </span>
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" className="input" autoComplete="current-password" required maxLength={200} />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn" disabled={busy}>
        {busy ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
