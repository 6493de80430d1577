"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { BOUNDARY_MATCH, ZONE_LAYER_GROUPS } from "~/shared/map-options";
import type { ProblemCategory } from "~/shared/assessment";
import { useTRPC } from "~/trpc/react";
import { CATEGORIES } from "./symbols";
import { invalidate } from "./use-api";
import type { AreaState, NearPair } from "./types";
import { TableScroll } from "~/components/ui/table-scroll";

export interface LayerState {
  category: ProblemCategory | "";
  groupBy: (typeof ZONE_LAYER_GROUPS)[number];
  pairs: boolean;
}

/** The coordinator's controls for the extra layers, and the same data as tables (not colour alone). */
export function CoordLayers(props: {
  state: LayerState;
  onChange: (s: LayerState) => void;
  areas: AreaState[] | undefined;
  pairs: { pairs: NearPair[]; total: number } | undefined;
  onShowOnMap: (ollaId: string) => void;
}) {
  const t = useTranslations("map");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const { state } = props;
  const withBoundary = props.areas?.filter((a) => a.boundary).length ?? 0;
  return (
    <section aria-labelledby="coord-layers-h" className="card flex flex-col gap-3" data-testid="coord-layers">
      <h2 id="coord-layers-h" className="text-lg font-semibold">
        {t("layers.title")}
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div className="field">
          <label htmlFor="layer-category">{t("layers.areaState")}</label>
          <select
            id="layer-category"
            className="input"
            value={state.category}
            onChange={(e) => props.onChange({ ...state, category: e.target.value as LayerState["category"] })}
          >
            <option value="">{tc("none")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ta(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="layer-group">{t("layers.groupBy")}</label>
          <select id="layer-group" className="input" value={state.groupBy} onChange={(e) => props.onChange({ ...state, groupBy: e.target.value as LayerState["groupBy"] })}>
            {ZONE_LAYER_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(g === "zone" ? "layers.byZone" : "layers.byDistrict")}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-h-tap items-center gap-2 self-end">
          <input type="checkbox" className="h-5 w-5" checked={state.pairs} onChange={(e) => props.onChange({ ...state, pairs: e.target.checked })} />
          {t("layers.pairs")}
        </label>
      </div>

      {state.category && props.areas && (
        <div className="flex flex-col gap-2">
          {withBoundary === 0 && <p className="hint">{t("layers.noBoundaries")}</p>}
          <TableScroll label={t("layers.table.caption", { category: ta(`category.${state.category}`), group: t(state.groupBy === "zone" ? "layers.byZone" : "layers.byDistrict") })}>
            <table className="data" data-testid="area-table">
              <caption className="text-left font-semibold">
                {t("layers.table.caption", { category: ta(`category.${state.category}`), group: t(state.groupBy === "zone" ? "layers.byZone" : "layers.byDistrict") })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("layers.table.area")}</th>
                  <th scope="col">{t("layers.table.total")}</th>
                  {[0, 1, 2, 3].map((l) => (
                    <th scope="col" key={l}>
                      {ta(`level.${l}` as "level.0")}
                    </th>
                  ))}
                  <th scope="col">{t("layers.table.notAssessed")}</th>
                </tr>
              </thead>
              <tbody>
                {props.areas.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{a.total}</td>
                    {a.levels.map((n, l) => (
                      <td key={l}>{n}</td>
                    ))}
                    <td>{a.notAssessed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}

      {state.pairs && props.pairs && (
        <div className="flex flex-col gap-1" data-testid="pairs">
          <p className="hint">{t("layers.pairsLead")}</p>
          <p role="status" data-testid="pairs-count">
            {t("layers.pairsCount", { count: props.pairs.total })}
          </p>
          {props.pairs.total > props.pairs.pairs.length && <p className="hint">{t("layers.pairsShown", { shown: props.pairs.pairs.length })}</p>}
          {props.pairs.pairs.length > 0 && (
            <details>
              <summary className="cursor-pointer">{t("layers.pairsList")}</summary>
              <ul className="flex flex-col gap-1">
                {props.pairs.pairs.slice(0, 50).map((p) => (
                  <li key={`${p.a.id}:${p.b.id}`}>
                    <button type="button" className="underline" onClick={() => props.onShowOnMap(p.a.id)}>
                      {p.a.name}
                    </button>{" "}
                    ↔{" "}
                    <button type="button" className="underline" onClick={() => props.onShowOnMap(p.b.id)}>
                      {p.b.name}
                    </button>
                    : {t("layers.pairDistance", { distance: p.distanceM })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      <BoundaryImport />
    </section>
  );
}

/** Upload of a GeoJSON FeatureCollection; the server validates all of it before writing anything. */
function BoundaryImport() {
  const t = useTranslations("map");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const zones = useQuery(trpc.map.zones.queryOptions());
  const [file, setFile] = useState<File | null>(null);
  const [matchBy, setMatchBy] = useState<(typeof BOUNDARY_MATCH)[number]>("ubigeo");
  const [readError, setReadError] = useState(false);
  const importing = useMutation(
    trpc.map.importBoundaries.mutationOptions({
      onSuccess: () => {
        // The map's area layer is read without React Query (use-api.ts): drop its kept answers.
        invalidate("map.zoneLayer");
        void qc.invalidateQueries({ queryKey: trpc.map.zones.queryKey() });
      },
    }),
  );
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setReadError(false);
    let text = "";
    if (file) {
      try {
        text = await file.text();
      } catch {
        setReadError(true);
        return;
      }
    }
    importing.mutate({ geojson: text, matchBy });
  }
  const withBoundary = zones.data?.filter((z) => z.hasBoundary).length ?? 0;
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 border-t border-stone-200 pt-3" data-testid="boundary-import" noValidate>
      <h3 className="font-semibold">{t("import.title")}</h3>
      <p className="hint">{t("import.lead")}</p>
      {zones.data && (
        <p className="hint" data-testid="zones-with-boundary">
          {t("import.zonesWithBoundary", { count: withBoundary, total: zones.data.length })}
        </p>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="field">
          <label htmlFor="geojson">{t("import.file")}</label>
          <input
            {...fieldProps(importing.error, "geojson")}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            className="input"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <FieldError error={importing.error} id="geojson" />
        </div>
        <div className="field">
          <label htmlFor="matchBy">{t("import.matchBy")}</label>
          <select id="matchBy" className="input" value={matchBy} onChange={(e) => setMatchBy(e.target.value as typeof matchBy)}>
            {BOUNDARY_MATCH.map((m) => (
              <option key={m} value={m}>
                {t(m === "ubigeo" ? "import.byUbigeo" : "import.byName")}
              </option>
            ))}
          </select>
        </div>
      </div>
      {readError && (
        <p role="alert" className="alert">
          {t("import.readError")}
        </p>
      )}
      {importing.error && !importing.error.data?.fieldErrors?.geojson && <FormError error={importing.error} />}
      {importing.data && (
        <p role="status" className="notice" data-testid="import-done">
          {t("import.done", { count: importing.data.updated.length, zones: importing.data.updated.map((z) => z.name).join(", "), unmatched: importing.data.unmatched })}
        </p>
      )}
      <button type="submit" className="btn self-start" disabled={importing.isPending}>
        {importing.isPending ? t("import.importing") : t("import.submit")}
      </button>
    </form>
  );
}
