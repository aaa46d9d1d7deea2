// "Add another link" on the profile form: copies the empty row Django renders
// into a <template>, numbering it the way the formset expects. Without
// JavaScript the form still offers one empty row per save.
(function () {
  "use strict";
  const container = document.querySelector("[data-social-links]");
  const template = document.querySelector("[data-social-link-template]");
  const button = document.querySelector("[data-add-social-link]");
  if (!container || !template || !button) {
    return;
  }
  const prefix = container.dataset.prefix;
  const max = Number(container.dataset.max);
  const total = container.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);

  function rows() {
    return container.querySelectorAll("[data-social-link]").length;
  }

  function refresh() {
    button.hidden = rows() >= max;
  }

  button.addEventListener("click", function () {
    const index = Number(total.value);
    const html = template.innerHTML
      .replaceAll("__prefix__", String(index))
      .replaceAll("__number__", String(rows() + 1));
    container.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const rowsNow = container.querySelectorAll("[data-social-link]");
    rowsNow[rowsNow.length - 1].querySelector("input").focus();
    refresh();
  });

  refresh();
})();
