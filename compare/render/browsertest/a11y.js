// Accessibility and layout checks of a ladder page, run in the browser;
// the result is a list of problems.
(() => {
  const errs = [];
  const hs = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => +h.tagName[1]);
  if (hs.filter((x) => x === 1).length !== 1) { errs.push("want one h1, have " + hs.filter((x) => x === 1).length); }
  for (let i = 1; i < hs.length; i++) {
    if (hs[i] > hs[i - 1] + 1) { errs.push("heading h" + hs[i - 1] + " followed by h" + hs[i]); }
  }
  document.querySelectorAll("th").forEach((th) => {
    if (!th.getAttribute("scope")) { errs.push("th without scope: " + th.textContent); }
  });
  document.querySelectorAll("input,select").forEach((el) => {
    if (!el.labels || el.labels.length === 0) { errs.push("control without label: " + el.outerHTML); }
  });
  if (document.documentElement.lang !== "en") { errs.push("no lang attribute"); }
  const rgb = (c) => {
    const n = (c.match(/[\d.]+/g) || []).map(Number);
    if (c.startsWith("color(")) { return [n[0] * 255, n[1] * 255, n[2] * 255, n.length > 3 ? n[3] : 1]; }
    return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const lum = (c) => {
    const v = rgb(c).slice(0, 3).map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (rgb(c)[3] > 0.5) { return c; }
    }
    return getComputedStyle(document.documentElement).backgroundColor;
  };
  const seen = new Set();
  document.querySelectorAll("body *").forEach((el) => {
    if (!el.getClientRects().length) { return; }
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) { return; }
    const fg = getComputedStyle(el).color, bg = background(el);
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const key = el.tagName + "." + el.className + " " + fg + " on " + bg;
    if (ratio < 4.5 && !seen.has(key)) { seen.add(key); errs.push("contrast " + ratio.toFixed(2) + ": " + key); }
  });
  return errs;
})()
