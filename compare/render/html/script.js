// Filters for a ladder page: by change kind and pillar, and the
// side-by-side / unified toggle. The page reads fully without it.
(function () {
  "use strict";
  var form = document.getElementById("controls");
  if (!form) { return; }
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-kind]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-pillar]"));
  function apply() {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=kind]"), function (b) { on[b.value] = b.checked; });
    var sel = form.querySelector("select[name=pillar]");
    var pillar = sel ? sel.value : "";
    rows.forEach(function (r) { r.hidden = on[r.getAttribute("data-kind")] === false; });
    sections.forEach(function (s) {
      var any = s.querySelector("[data-kind]:not([hidden])") || !s.querySelector("[data-kind]");
      s.hidden = (pillar !== "" && s.getAttribute("data-pillar") !== pillar) || !any;
    });
    var view = form.querySelector("input[name=view]:checked");
    if (view) {
      document.body.classList.toggle("view-unified", view.value === "unified");
      document.body.classList.toggle("view-side", view.value !== "unified");
    }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
