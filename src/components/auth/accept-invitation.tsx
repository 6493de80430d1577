"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { useTRPC } from "~/trpc/react";

/** The invitee sees which olla invites her and sets her own password. */
export function AcceptInvitation({ code }: { code: string }) {
  const t = useTranslations("invite");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.invitation.preview.queryOptions({ code }), retry: false });
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const accept = useMutation(trpc.invitation.accept.mutationOptions());
  if (preview.isPending) return <p role="status">{tc("loading")}</p>;
  if (preview.isError) return <FormError error={preview.error} />;
  if (accept.data) {
    return (
      <div className="notice flex flex-col gap-2" role="status">
        <p>{t("accepted", { login: accept.data.login ?? "" })}</p>
        <Link className="btn self-start" href="/ingresar">
          {t("goLogin")}
        </Link>
      </div>
    );
  }
  return (
    <form
      noValidate
      className="card mx-auto flex max-w-md flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        accept.mutate({ code, name: name ?? preview.data.inviteeName, password });
      }}
    >
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("for", { olla: preview.data.ollaName })}</p>
      <div className="field">
        <label htmlFor="inv-yourname">{t("yourName")}</label>
        <input {...fieldProps(accept.error, "inv-yourname", "name")} className="input" maxLength={120} value={name ?? preview.data.inviteeName} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        <FieldError error={accept.error} id="inv-yourname" path="name" />
      </div>
      <div className="field">
        <label htmlFor="inv-password">{t("password")}</label>
        <input {...fieldProps(accept.error, "inv-password", "password")} type="password" className="input" minLength={8} maxLength={200} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        <FieldError error={accept.error} id="inv-password" path="password" />
      </div>
      <FormError error={accept.error} />
      <button type="submit" className="btn" disabled={accept.isPending}>
        {t("accept")}
      </button>
    </form>
  );
}
