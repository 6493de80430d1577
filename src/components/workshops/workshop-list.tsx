import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "~/components/ui/badge";
import type { FollowUpStatus } from "~/shared/posts";
import { FollowUpStatusSelect } from "./follow-up-status";

export interface WorkshopItem {
  id: string;
  heldOn: string;
  place: string;
  zoneName: string | null;
  agreements: string;
  facilitators: string | null;
  ollas: { id: string; name: string }[];
  problems: { category: string; note: string }[];
  followUps: { id: string; what: string; ollaId: string | null; dueOn: string; status: FollowUpStatus; needId: string | null }[];
  photos: { thumb: string; display: string; width: number; height: number }[];
}

/**
 * The coordination's list of workshops, newest first, rendered on the server: each with its
 * participants, problems, agreements, photos and follow-ups (status changeable in place; an
 * overdue pending one is marked). Plain text everywhere, never HTML.
 */
export async function WorkshopList({ items, today }: { items: WorkshopItem[]; today: string }) {
  const t = await getTranslations("workshops");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  const date = (d: string) => f.dateTime(new Date(`${d}T12:00:00`), { dateStyle: "medium" });
  if (items.length === 0) return <p className="card">{t("coord.empty")}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="workshop-list">
      {items.map((w) => {
        const open = w.followUps.filter((x) => x.status === "pending");
        const overdue = open.filter((x) => x.dueOn < today);
        const who = (id: string | null) => (id === null ? t("home.coordination") : (w.ollas.find((o) => o.id === id)?.name ?? ""));
        return (
          <li key={w.id} className="card flex flex-col gap-2" data-testid="workshop">
            <h2 className="text-lg font-bold">
              {w.place} · {date(w.heldOn)}
            </h2>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              {w.zoneName && <Badge>{w.zoneName}</Badge>}
              <span>{t("coord.participants", { count: w.ollas.length })}</span>
              <span data-testid="workshop-follow-up-count">{t("coord.followUpCount", { open: open.length, overdue: overdue.length })}</span>
            </p>
            <details>
              <summary className="flex min-h-tap cursor-pointer items-center font-semibold">{w.ollas.map((o) => o.name).join(", ")}</summary>
              {w.facilitators && (
                <p className="text-sm">
                  <strong>{t("coord.facilitators")}:</strong> {w.facilitators}
                </p>
              )}
            </details>
            <section>
              <h3 className="font-semibold">{t("home.problems")}</h3>
              {w.problems.length === 0 ? (
                <p className="text-sm">{t("coord.noProblems")}</p>
              ) : (
                <ul className="list-disc pl-5">
                  {w.problems.map((p) => (
                    <li key={p.category}>
                      <strong>{tn(`category.${p.category}` as "category.water")}</strong>
                      {p.note && `: ${p.note}`}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {w.agreements && (
              <section>
                <h3 className="font-semibold">{t("home.agreements")}</h3>
                <p className="whitespace-pre-line">{w.agreements}</p>
              </section>
            )}
            {w.photos.length > 0 && (
              <ul className="grid grid-cols-4 gap-2">
                {w.photos.map((ph, i) => (
                  <li key={ph.thumb}>
                    <a href={ph.display} className="block" aria-label={t("coord.photoAlt", { n: i + 1 })}>
                      <img src={ph.thumb} alt="" loading="lazy" decoding="async" width={Math.min(320, ph.width)} height={Math.round((Math.min(320, ph.width) * ph.height) / ph.width)} className="h-auto w-full rounded bg-stone-100" />
                    </a>
                  </li>
                ))}
              </ul>
            )}
            <section>
              <h3 className="font-semibold">{t("coord.followUps")}</h3>
              {w.followUps.length === 0 ? (
                <p className="text-sm">{t("coord.noFollowUps")}</p>
              ) : (
                <ul className="flex flex-col divide-y divide-stone-200">
                  {w.followUps.map((x) => (
                    <li key={x.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between" data-testid="follow-up">
                      <span className="flex min-w-0 flex-col">
                        <span>{x.what}</span>
                        <span className="text-sm">
                          {who(x.ollaId)} · {t("home.due", { date: date(x.dueOn) })}
                          {x.status === "pending" && x.dueOn < today && (
                            <>
                              {" "}
                              <Badge tone="danger">{t("coord.overdue")}</Badge>
                            </>
                          )}
                        </span>
                      </span>
                      <FollowUpStatusSelect followUpId={x.id} status={x.status} what={x.what} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </li>
        );
      })}
    </ul>
  );
}
