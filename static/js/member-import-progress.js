// The member import's progress page (members/admin_desk/imports.py): ask the
// import's progress address every few seconds, show the rows done, and reload the
// page once the run (or the long file's check) is over, to show what it found.
// Without JavaScript the page says to reload it.
(function () {
  "use strict";
  const box = document.querySelector("[data-import-progress]");
  if (!box) {
    return;
  }
  const bar = box.querySelector("[data-progress-bar]");
  const message = box.querySelector("[data-progress-message]");
  const hint = box.querySelector("[data-progress-reload-hint]");
  const every = Math.max(1000, parseInt(box.dataset.every, 10) || 2000);
  if (hint) {
    hint.hidden = true;
  }

  function show(progress) {
    if (progress.rows_total) {
      bar.max = progress.rows_total;
      bar.value = Math.min(progress.rows_done, progress.rows_total);
    }
    if (message.textContent !== progress.message) {
      message.textContent = progress.message;
    }
  }

  function ask() {
    fetch(box.dataset.url, {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        show(progress);
        if (progress.waiting) {
          window.setTimeout(ask, every);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        // A lost connection or a deploy: try again a little later.
        window.setTimeout(ask, every * 3);
      });
  }

  window.setTimeout(ask, every);
})();
