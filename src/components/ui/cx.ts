/** Join class names, skipping falsy ones: cx("btn", quiet && "btn-quiet"). */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
