/* A "Print" button for pages that print cleanly (print.css): shown only when JavaScript runs. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
