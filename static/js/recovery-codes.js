// Copy and Print for the recovery codes page. Without JavaScript the buttons stay
// hidden and the page still offers the codes as a text file to download.
(function () {
  "use strict";
  const list = document.getElementById("recovery-codes");
  const status = document.querySelector("[data-codes-status]");
  const copy = document.querySelector("[data-copy-codes]");
  const print = document.querySelector("[data-print-codes]");
  if (!list || !status) {
    return;
  }
  const codes = Array.from(list.querySelectorAll("code"), (code) => code.textContent);

  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(codes.join("\n") + "\n").then(
        function () {
          status.textContent = copy.dataset.done;
        },
        function () {
          status.textContent = copy.dataset.failed;
        }
      );
    });
  }
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
