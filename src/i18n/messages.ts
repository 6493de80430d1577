import esCore from "../../messages/es/core.json";
import enCore from "../../messages/en/core.json";
import esDelegate from "../../messages/es/delegate.json";
import enDelegate from "../../messages/en/delegate.json";
import esDashboard from "../../messages/es/dashboard.json";
import enDashboard from "../../messages/en/dashboard.json";
import esMap from "../../messages/es/map.json";
import enMap from "../../messages/en/map.json";
import esStock from "../../messages/es/stock.json";
import enStock from "../../messages/en/stock.json";
import esPrivacy from "../../messages/es/privacy.json";
import enPrivacy from "../../messages/en/privacy.json";
import esUi from "../../messages/es/ui.json";
import esDesign from "../../messages/es/design.json";
import enDesign from "../../messages/en/design.json";
import enUi from "../../messages/en/ui.json";
import esOffers from "../../messages/es/offers.json";
import enOffers from "../../messages/en/offers.json";
import esPlans from "../../messages/es/plans.json";
import enPlans from "../../messages/en/plans.json";
import esFederation from "../../messages/es/federation.json";
import enFederation from "../../messages/en/federation.json";
import esPosts from "../../messages/es/posts.json";
import enPosts from "../../messages/en/posts.json";
import esLabour from "../../messages/es/labour.json";
import enLabour from "../../messages/en/labour.json";
import type { Locale } from "./config";

// One catalogue file per domain and locale, merged here; each file owns its namespaces.
export const catalogues = {
  es: { ...esCore, ...esDashboard, ...esDelegate, ...esMap, ...esStock, ...esUi, ...esDesign, ...esPrivacy, ...esLabour, ...esPosts, ...esFederation, ...esPlans, ...esOffers },
  en: { ...enCore, ...enDashboard, ...enDelegate, ...enMap, ...enStock, ...enUi, ...enDesign, ...enPrivacy, ...enLabour, ...enPosts, ...enFederation, ...enPlans, ...enOffers },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof catalogues)["es"];

export function getMessages(locale: Locale): Messages {
  return catalogues[locale];
}
