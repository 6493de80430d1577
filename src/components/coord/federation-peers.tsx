"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Pause, Play, RefreshCw, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormError, fieldError } from "~/components/forms/errors";
import { Badge, Button, Card, EmptyState, Input, SkeletonCard } from "~/components/ui";
import { toast } from "~/components/ui/toast";
import { useTRPC } from "~/trpc/react";

/**
 * The reference time of the peers' ages ("actualizado hace 2 h"): the server's clock at render
 * (the same on the server and in hydration, so the HTML React hydrates matches), then the
 * browser's, refreshed each minute once the page is live.
 */
function useReferenceTime(serverNow: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** The city coordination's federation page: this network's key, its peers, and adding one. */
export function FederationPeers({ serverNow }: { serverNow: number }) {
  const t = useTranslations("federation");
  const trpc = useTRPC();
  const peers = useQuery(trpc.federation.peers.queryOptions());
  const now = useReferenceTime(serverNow);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <OwnIdentity />
      <AddPeer />
      <h2 className="text-xl font-bold">{t("peersTitle")}</h2>
      {peers.isError && <FormError error={peers.error} />}
      {peers.isPending && <SkeletonCard />}
      {peers.data?.length === 0 && <EmptyState title={t("noPeers")} />}
      {peers.data && peers.data.length > 0 && (
        <ul className="flex flex-col gap-3" data-testid="peer-list">
          {peers.data.map((p) => (
            <PeerCard key={p.id} peer={p} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Thumbprint({ value, testId = "thumbprint" }: { value: string; testId?: string }) {
  // Groups of four, easier to read out by phone.
  return (
    <code className="break-all font-mono text-sm" data-testid={testId}>
      {value.match(/.{1,4}/g)!.join(" ")}
    </code>
  );
}

function OwnIdentity() {
  const t = useTranslations("federation");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery(trpc.federation.identity.queryOptions());
  const [confirm, setConfirm] = useState<"rotate" | "epoch" | null>(null);
  const done = async (msg: string) => {
    toast(msg);
    setConfirm(null);
    await qc.invalidateQueries({ queryKey: trpc.federation.identity.queryKey() });
  };
  const rotate = useMutation(trpc.federation.rotateKey.mutationOptions({ onSuccess: () => done(t("rotated")) }));
  const epoch = useMutation(trpc.federation.newEpoch.mutationOptions({ onSuccess: () => done(t("epochStarted")) }));
  if (!me.data) return me.isError ? <FormError error={me.error} /> : <SkeletonCard />;
  return (
    <Card title={t("ownTitle")}>
      <dl className="grid gap-1 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">{t("ownName")}</dt>
        <dd>{me.data.name}</dd>
        <dt className="font-semibold">{t("ownUrl")}</dt>
        <dd className="break-all">{me.data.url}</dd>
        <dt className="font-semibold">{t("ownThumbprint")}</dt>
        <dd>
          <Thumbprint value={me.data.thumbprint} />
        </dd>
      </dl>
      <p className="mt-2 text-sm text-muted">{t("ownHint")}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {confirm === null && (
          <>
            <Button variant="secondary" onClick={() => setConfirm("rotate")}>
              {t("rotate")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm("epoch")}>
              {t("newEpoch")}
            </Button>
          </>
        )}
        {confirm !== null && (
          <div role="alertdialog" aria-label={t(confirm === "rotate" ? "rotate" : "newEpoch")} className="flex flex-col gap-2">
            <p>{t(confirm === "rotate" ? "rotateConfirm" : "newEpochConfirm")}</p>
            <div className="flex flex-wrap gap-2">
              <Button busy={rotate.isPending || epoch.isPending} onClick={() => (confirm === "rotate" ? rotate.mutate() : epoch.mutate())}>
                {t("confirm")}
              </Button>
              <Button variant="secondary" onClick={() => setConfirm(null)}>
                {t("cancel")}
              </Button>
            </div>
          </div>
        )}
      </div>
      <FormError error={rotate.error ?? epoch.error} />
    </Card>
  );
}

function AddPeer() {
  const t = useTranslations("federation");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [url, setUrl] = useState("");
  const [thumb, setThumb] = useState("");
  const preview = useMutation(trpc.federation.preview.mutationOptions());
  const add = useMutation(
    trpc.federation.add.mutationOptions({
      onSuccess: async () => {
        toast(t("added"));
        setUrl("");
        setThumb("");
        preview.reset();
        await qc.invalidateQueries({ queryKey: trpc.federation.peers.queryKey() });
      },
    }),
  );
  return (
    <Card title={t("addTitle")}>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!preview.data) preview.mutate({ url });
          else add.mutate({ url: preview.data.url, thumbprint: thumb.replace(/\s+/g, "") });
        }}
      >
        <Input
          label={t("urlLabel")}
          hint={t("urlHint")}
          type="url"
          inputMode="url"
          required
          value={url}
          maxLength={300}
          onChange={(e) => {
            setUrl(e.target.value);
            preview.reset();
          }}
          error={fieldError(preview.error ?? add.error, "url")}
          data-testid="peer-url"
        />
        {preview.data && (
          <div className="flex flex-col gap-2">
            <p>{t("theirThumbprint")}</p>
            <Thumbprint value={preview.data.thumbprint} testId="peer-preview-thumbprint" />
            <Input
              label={t("thumbprintLabel")}
              hint={t("thumbprintHint")}
              required
              value={thumb}
              maxLength={80}
              autoComplete="off"
              onChange={(e) => setThumb(e.target.value)}
              error={fieldError(add.error, "thumbprint")}
              data-testid="peer-thumbprint"
            />
          </div>
        )}
        <FormError error={preview.error ?? add.error} />
        <div>
          <Button type="submit" icon={<Link2 aria-hidden="true" size={18} />} busy={preview.isPending || add.isPending} data-testid="peer-submit">
            {preview.data ? t("pin") : t("lookUp")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

type PeerView = {
  id: string;
  name: string;
  baseUrl: string;
  thumbprint: string;
  paused: boolean;
  lastSuccessAt: Date | null;
  lastError: string | null;
  log: { at: Date; outcome: string; reason: string | null; pages: number; items: number }[];
};

function PeerCard({ peer, now }: { peer: PeerView; now: number }) {
  const t = useTranslations("federation");
  const format = useFormatter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.federation.peers.queryKey() });
  const pause = useMutation(trpc.federation.pause.mutationOptions({ onSuccess: refresh }));
  const pull = useMutation(
    trpc.federation.pullNow.mutationOptions({
      onSuccess: async (r) => {
        toast(r.outcome === "ok" ? t("pulled", { items: r.items }) : t("pullFailed"), r.outcome === "ok" ? "success" : "danger");
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.federation.remove.mutationOptions({
      onSuccess: async () => {
        toast(t("removed"));
        await refresh();
      },
    }),
  );
  const status = peer.paused ? (
    <Badge>{t("paused")}</Badge>
  ) : peer.lastError || !peer.lastSuccessAt ? (
    <Badge tone="danger">{t("stale")}</Badge>
  ) : (
    <Badge tone="success">{t("fresh")}</Badge>
  );
  return (
    <li>
      <Card title={peer.name} titleLevel={3} action={status}>
        <p className="break-all text-sm">{peer.baseUrl}</p>
        <p className="mt-1 text-sm">
          {t("pinned")} <Thumbprint value={peer.thumbprint} />
        </p>
        <p className="mt-1 text-sm">{peer.lastSuccessAt ? t("updated", { when: format.relativeTime(Math.min(new Date(peer.lastSuccessAt).getTime(), now), now) }) : t("neverPulled")}</p>
        {peer.lastError && (
          <p className="mt-1 text-sm text-danger" data-testid="peer-error">
            {t("lastError", { reason: peer.lastError })}
          </p>
        )}
        {peer.log.length > 0 && (
          <details className="mt-2">
            <summary>{t("logTitle")}</summary>
            <ul className="text-sm">
              {peer.log.map((l, i) => (
                <li key={i}>
                  {format.dateTime(new Date(l.at), { dateStyle: "short", timeStyle: "short" })} — {t(`outcome.${l.outcome as "ok" | "refused" | "unreachable"}`)}
                  {l.reason ? `: ${l.reason}` : ` (${t("items", { items: l.items })})`}
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="secondary" icon={<RefreshCw aria-hidden="true" size={18} />} busy={pull.isPending} disabled={peer.paused} onClick={() => pull.mutate({ peerId: peer.id })}>
            {t("pullNow")}
          </Button>
          <Button
            variant="secondary"
            icon={peer.paused ? <Play aria-hidden="true" size={18} /> : <Pause aria-hidden="true" size={18} />}
            busy={pause.isPending}
            onClick={() => pause.mutate({ peerId: peer.id, paused: !peer.paused })}
          >
            {peer.paused ? t("resume") : t("pause")}
          </Button>
          {!confirmRemove ? (
            <Button variant="secondary" icon={<Trash2 aria-hidden="true" size={18} />} onClick={() => setConfirmRemove(true)}>
              {t("remove")}
            </Button>
          ) : (
            <div role="alertdialog" aria-label={t("remove")} className="flex flex-col gap-2">
              <p>{t("removeConfirm", { name: peer.name })}</p>
              <div className="flex gap-2">
                <Button busy={remove.isPending} onClick={() => remove.mutate({ peerId: peer.id })}>
                  {t("confirm")}
                </Button>
                <Button variant="secondary" onClick={() => setConfirmRemove(false)}>
                  {t("cancel")}
                </Button>
              </div>
            </div>
          )}
        </div>
        <FormError error={pull.error ?? pause.error ?? remove.error} />
      </Card>
    </li>
  );
}
