import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

type Out = inferRouterOutputs<AppRouter>["map"];
export type ClustersAnswer = Out["clusters"];
export type ClusterTuple = ClustersAnswer["clusters"][number];
export type PointTuple = ClustersAnswer["points"][number];
export type AreaState = Out["zoneLayer"][number];
export type NearPair = Out["nearPairs"]["pairs"][number];
export type OllaSummary = Out["ollaSummary"];
export type ListItem = Out["list"]["items"][number];

export interface Viewport {
  bbox: { west: number; south: number; east: number; north: number };
  zoom: number;
}

export interface Focus {
  lat: number;
  lng: number;
  zoom: number;
  /** Bumped on every request, so asking twice for the same olla still moves the map. */
  seq: number;
}

/** What the Leaflet component draws. Map position changes go through useMap() inside it, never through these props. */
export interface LeafletMapProps {
  /**
   * The base map's tile URL as the server read it when it drew the preview's tiles, so Leaflet asks
   * for the very same URLs (the build's value can differ from the running server's); default: tiles.ts.
   */
  tileUrl?: string;
  clusters: ClusterTuple[];
  points: PointTuple[];
  selectedId: string | null;
  myOllaIds: string[];
  onViewport: (v: Viewport) => void;
  onSelect: (ollaId: string) => void;
  focus: Focus | null;
  /** False while the list is shown instead: the map stays mounted (keeps its position) and is resized on return. */
  visible: boolean;
  areas: AreaState[] | null;
  areaCategory: string | null;
  pairs: NearPair[] | null;
}
