/** "hace 5 minutos", "ayer": how long ago, in her language ("ahora" under a minute). */
export function relative(locale: string, ms: number, justNow: string): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return justNow;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (s < 3600) return rtf.format(-Math.round(s / 60), "minute");
  if (s < 86_400) return rtf.format(-Math.round(s / 3600), "hour");
  return rtf.format(-Math.round(s / 86_400), "day");
}
