/**
 * Peers' data on the public and coordination pages (server components): always with its
 * provenance — "de Red de Ollas de Villa El Salvador, actualizado hace 2 h" — and marked stale
 * when the peer could not be refreshed. Never mixed into this network's own lists.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, TableScroll } from "~/components/ui";
import { serverCaller } from "~/trpc/caller";

const PER_PEER = 100;

async function Provenance({ peerName, updatedAt, stale }: { peerName: string; updatedAt: Date | null; stale: boolean }) {
  const t = await getTranslations("federation");
  const format = await getFormatter();
  const when = updatedAt ? format.relativeTime(new Date(updatedAt)) : null;
  return (
    <span className="text-sm text-muted" data-testid="provenance">
      {when ? t("fromUpdated", { peer: peerName, when }) : t("from", { peer: peerName })}
      {stale && (
        <>
          {" "}
          <Badge tone="danger">{t("stale")}</Badge>
        </>
      )}
    </span>
  );
}

/** Ollas of the networks this one follows, per network (the maps' pages). */
export async function PeerOllasSection({ districtUbigeo }: { districtUbigeo?: string } = {}) {
  const caller = await serverCaller();
  const rows = await caller.federation.ollas({ districtUbigeo }).catch(() => []);
  if (rows.length === 0) return null;
  const t = await getTranslations("federation");
  const ta = await getTranslations("assessment");
  const byPeer = new Map<string, typeof rows>();
  for (const r of rows) byPeer.set(r.from.peerId, [...(byPeer.get(r.from.peerId) ?? []), r]);
  return (
    <section aria-labelledby="peer-ollas-title" className="mt-6 flex flex-col gap-3" data-testid="peer-ollas">
      <h2 id="peer-ollas-title" className="text-xl font-bold">
        {t("listTitle")}
      </h2>
      <p>{t("listIntro")}</p>
      {[...byPeer.values()].map((list) => {
        const from = list[0]!.from;
        return (
          <Card key={from.peerId} title={from.peerName} titleLevel={3}>
            <Provenance {...from} />
            <details className="mt-2" open={list.length <= 10}>
              <summary>{t("panelOllas", { count: list.length })}</summary>
              <ul className="mt-2 flex flex-col gap-1">
                {list.slice(0, PER_PEER).map((o) => (
                  <li key={o.id} data-testid="peer-olla">
                    <strong>{o.name}</strong> — {o.districtName}
                    {o.worstLevel !== null && (
                      <>
                        {" "}
                        <Badge tone={`level-${o.worstLevel}` as "level-0"}>{ta(`level.${o.worstLevel}` as "level.0")}</Badge>
                      </>
                    )}
                  </li>
                ))}
                {list.length > PER_PEER && <li>…</li>}
              </ul>
            </details>
          </Card>
        );
      })}
    </section>
  );
}

/** Open public needs of the networks this one follows (the needs page). */
export async function PeerNeedsSection() {
  const caller = await serverCaller();
  const rows = await caller.federation.needs().catch(() => []);
  if (rows.length === 0) return null;
  const t = await getTranslations("federation");
  const tn = await getTranslations("needs");
  return (
    <section aria-labelledby="peer-needs-title" className="mt-6 flex flex-col gap-3" data-testid="peer-needs">
      <h2 id="peer-needs-title" className="text-xl font-bold">
        {t("needsTitle")}
      </h2>
      <ul className="flex flex-col gap-2">
        {rows.slice(0, 50).map((n) => (
          <li key={`${n.from.peerId}:${n.id}`} className="card p-3">
            <p>
              <strong>{n.ollaName}</strong> — {n.districtName} · {tn(`category.${n.category}` as "category.water")} · {tn(`urgency.${n.urgency}` as "urgency.low")}
            </p>
            <p>{n.description}</p>
            <Provenance {...n.from} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Per followed network: its size and its own anonymous district figures (the public dashboard). */
export async function PeerPanelSection() {
  const caller = await serverCaller();
  const peers = await caller.federation.summary().catch(() => []);
  if (peers.length === 0) return null;
  const t = await getTranslations("federation");
  const ta = await getTranslations("assessment");
  return (
    <section aria-labelledby="peer-panel-title" className="mt-8 flex flex-col gap-3" data-testid="peer-panel">
      <h2 id="peer-panel-title" className="text-xl font-bold">
        {t("panelTitle")}
      </h2>
      <p>{t("panelIntro")}</p>
      {peers.map((p) => {
        const problems = p.aggregates?.problems ?? [];
        const districts = problems[0]?.districts ?? [];
        // Categories where the peer counts no olla at all are left out (a row of zeros says nothing).
        const plans = (p.aggregates?.plan_modules ?? []).filter((r) => r.planned !== 0 || r.done !== 0);
        // Critical + precarious per district and problem, as the peer published it (null: hidden by the peer).
        const cell = (cells: (number | null)[]) => (cells[0] === null || cells[1] === null ? null : cells[0]! + cells[1]!);
        return (
          <Card key={p.peerId} title={p.name} titleLevel={3}>
            <Provenance peerName={p.name} updatedAt={p.updatedAt} stale={p.stale} />
            <p className="mt-1">
              {t("panelOllas", { count: p.ollas })} · {t("panelNeeds", { count: p.needs })}
            </p>
            {districts.length > 0 && (
              <TableScroll label={t("critical")} className="mt-2">
                <table className="data">
                  <caption className="text-left">{t("critical")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("district")}</th>
                      {problems.map((pr) => (
                        <th key={pr.category} scope="col">
                          {ta(`category.${pr.category}` as "category.water")}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {districts.map((d, i) => (
                      <tr key={d.district_ubigeo ?? `others-${i}`}>
                        <th scope="row">{d.district_ubigeo === null ? t("others") : d.district_name}</th>
                        {problems.map((pr) => {
                          const row = pr.districts.find((x) => x.district_ubigeo === d.district_ubigeo);
                          const v = row ? cell(row.cells) : null;
                          return <td key={pr.category}>{v === null ? t("hidden") : v}</td>;
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {plans.length > 0 && (
              <TableScroll label={t("planModules")} className="mt-2">
                <table className="data" data-testid="peer-plan-counts">
                  <caption className="text-left">{t("planModules")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("category")}</th>
                      <th scope="col">{t("planned")}</th>
                      <th scope="col">{t("done")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plans.map((r) => (
                      <tr key={r.category}>
                        <th scope="row">{ta(`category.${r.category}` as "category.water")}</th>
                        <td>{r.planned === null ? t("hidden") : r.planned}</td>
                        <td>{r.done === null ? t("hidden") : r.done}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </Card>
        );
      })}
    </section>
  );
}
