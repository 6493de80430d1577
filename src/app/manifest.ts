import type { MetadataRoute } from "next";

/**
 * Installable on her phone: opens on "Mi olla" (/inicio sends each person to her home), standalone,
 * in the app's clay colour. Spanish first; the icons are the pot-and-pin logo in public/.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Red de Ollas",
    short_name: "Mi olla",
    description: "Las ollas comunes de Lima y Callao, en red: almacén, necesidades y estado de tu olla, también sin señal.",
    lang: "es-PE",
    dir: "ltr",
    start_url: "/inicio",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#faf7f2",
    theme_color: "#9a3412",
    categories: ["social", "food", "productivity"],
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
