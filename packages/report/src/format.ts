const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1234 → 1,234 */
export function count(n: number): string {
  return integer.format(n);
}

/** 0.557 → 55.7% */
export function share(fraction: number): string {
  return percent.format(fraction);
}

/** +3 / −2 / 0, with the minus sign a reader expects rather than a hyphen. */
export function signed(n: number): string {
  if (n > 0) return `+${count(n)}`;
  if (n < 0) return `−${count(-n)}`;
  return "0";
}
