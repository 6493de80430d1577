"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { AssessmentPanel } from "~/components/olla/assessment-panel";
import { PasswordResetButton } from "./password-reset-button";
import { INVITATION_DAYS_DEFAULT, INVITATION_DAYS_MAX } from "~/shared/invitation";
import { useTRPC } from "~/trpc/react";

/** A coordinator's view of one olla in her scope: private profile, delegates, invitations. */
export function CoordinatorOllaDetail({ ollaId }: { ollaId: string }) {
  const t = useTranslations("coord");
  const to = useTranslations("olla");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const olla = useQuery(trpc.olla.get.queryOptions({ ollaId }));
  if (olla.isPending) return <p role="status">{tc("loading")}</p>;
  if (olla.isError) return <FormError error={olla.error} />;
  const p = olla.data.profile;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/coordinacion" className="back-link">
        ← {tc("back")}
      </Link>
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">{p.name}</h1>
        <p className="flex flex-wrap gap-3">
          <span className="badge">{to(`status.${p.status}`)}</span>
          <span>{to("rationsPerDay", { count: p.rationsPerDay })}</span>
        </p>
        <dl className="card grid grid-cols-1 gap-2 sm:grid-cols-2">
          <div>
            <dt className="label">{to("fields.addressReference")}</dt>
            <dd>{p.addressReference ?? "—"}</dd>
          </div>
          <div>
            <dt className="label">{t("contact")}</dt>
            <dd>
              {p.contactName ?? "—"} {p.contactPhone && <a href={`tel:${p.contactPhone}`}>{p.contactPhone}</a>}
            </dd>
          </div>
          <div>
            <dt className="label">{to("fields.location")}</dt>
            <dd>
              {p.location.lat.toFixed(5)}, {p.location.lng.toFixed(5)}
            </dd>
          </div>
        </dl>
        <nav className="flex flex-wrap gap-3">
          <Link className="btn btn-secondary" href={`/mi-olla/${ollaId}/perfil`}>
            {to("editProfile")}
          </Link>
          <Link href={`/ollas/${ollaId}`}>{to("publicPage")}</Link>
        </nav>
      </header>
      <AssessmentPanel ollaId={ollaId} latest={olla.data.assessments} canAssess={olla.data.canAssess} />
      <Delegates ollaId={ollaId} />
      <Invitations ollaId={ollaId} />
    </div>
  );
}

function Delegates({ ollaId }: { ollaId: string }) {
  const t = useTranslations("coord");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.delegate.list.queryOptions({ ollaId }));
  const deactivate = useMutation(
    trpc.delegate.deactivate.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.delegate.list.queryKey({ ollaId }) }) }),
  );
  return (
    <section aria-labelledby="del-h" className="card flex flex-col gap-2">
      <h2 id="del-h" className="text-lg font-semibold">
        {t("delegates")}
      </h2>
      {list.isPending && <p role="status">{tc("loading")}</p>}
      {list.isError && <FormError error={list.error} />}
      {list.data?.length === 0 && <p>{t("noDelegates")}</p>}
      <ul className="flex flex-col gap-2">
        {list.data?.map((d) => (
          <li key={d.membershipId} className="flex flex-wrap items-center justify-between gap-2" data-testid="delegate-row">
            <span>
              {d.name} · {d.phone ?? d.email} {!d.active && <span className="badge">{t("inactive")}</span>}
            </span>
            {d.active && (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={deactivate.isPending}
                onClick={() => {
                  if (window.confirm(t("confirmDeactivate", { name: d.name }))) deactivate.mutate({ ollaId, membershipId: d.membershipId });
                }}
              >
                {t("deactivate")}
              </button>
            )}
            {d.active && <PasswordResetButton ollaId={ollaId} membershipId={d.membershipId} name={d.name} />}
          </li>
        ))}
      </ul>
      <FormError error={deactivate.error} />
    </section>
  );
}

function Invitations({ ollaId }: { ollaId: string }) {
  const t = useTranslations("coord");
  const f = useFormatter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.invitation.list.queryOptions({ ollaId }));
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [days, setDays] = useState(INVITATION_DAYS_DEFAULT);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.invitation.list.queryKey({ ollaId }) });
  const create = useMutation(trpc.invitation.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.invitation.revoke.mutationOptions({ onSuccess: refresh }));
  const link = create.data ? `${typeof window === "undefined" ? "" : window.location.origin}/invitacion/${create.data.code}` : "";
  return (
    <section aria-labelledby="inv-h" className="card flex flex-col gap-3">
      <h2 id="inv-h" className="text-lg font-semibold">
        {t("invitations")}
      </h2>
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ ollaId, inviteeName: name, inviteePhone: phone || null, inviteeEmail: email || null, expiresInDays: days });
        }}
      >
        <div className="field">
          <label htmlFor="inv-name">{t("inviteeName")}</label>
          <input {...fieldProps(create.error, "inv-name", "inviteeName")} className="input" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          <FieldError error={create.error} id="inv-name" path="inviteeName" />
        </div>
        <div className="field">
          <label htmlFor="inv-phone">{t("inviteePhone")}</label>
          <input {...fieldProps(create.error, "inv-phone", "inviteePhone")} className="input" inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          <FieldError error={create.error} id="inv-phone" path="inviteePhone" />
        </div>
        <div className="field">
          <label htmlFor="inv-email">{t("inviteeEmail")}</label>
          <input {...fieldProps(create.error, "inv-email", "inviteeEmail")} className="input" inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          <FieldError error={create.error} id="inv-email" path="inviteeEmail" />
        </div>
        <div className="field">
          <label htmlFor="inv-days">{t("expiresInDays")}</label>
          <input {...fieldProps(create.error, "inv-days", "expiresInDays")} className="input" type="number" min={1} max={INVITATION_DAYS_MAX} value={days} onChange={(e) => setDays(Number(e.target.value))} />
          <FieldError error={create.error} id="inv-days" path="expiresInDays" />
        </div>
        <FormError error={create.error} />
        <button type="submit" className="btn self-start" disabled={create.isPending}>
          {t("createInvitation")}
        </button>
      </form>
      {create.data && (
        <div role="status" className="notice flex flex-col gap-1" data-testid="invitation-created">
          <p>{t("invitationCreated")}</p>
          <p>
            {t("invitationCode")}: <strong data-testid="invitation-code">{create.data.code}</strong>
          </p>
          <p className="break-all">
            {t("invitationLink")}: <a href={link}>{link}</a>
          </p>
        </div>
      )}
      <ul className="flex flex-col gap-2">
        {list.data?.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-2">
            <span>
              {i.inviteeName} · {i.inviteePhone ?? i.inviteeEmail} · <span className="badge">{t(`invitationState.${i.state}`)}</span>{" "}
              {i.state === "open" && <span className="hint">{t("expires", { date: f.dateTime(i.expiresAt, { dateStyle: "medium" }) })}</span>}
            </span>
            {i.state === "open" && (
              <button type="button" className="inline-flex min-h-tap min-w-tap items-center justify-center underline" onClick={() => revoke.mutate({ ollaId, invitationId: i.id })}>
                {t("revoke")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
