/* dangvu: the pages' few behaviours, delegated from the document so that they also work on parts that htmx
   swaps in. No inline script or handler anywhere (the Content-Security-Policy forbids them): templates mark
   elements with data attributes or classes and this file acts on them. */
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option sends its form (language switch, organization picker).
  document.addEventListener("change", function (event) {
    const select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit();
    }
  });

  document.addEventListener("click", function (event) {
    // Tree toggles: the first click loads the children (htmx, hx-trigger="click once"); every click shows or hides them.
    const toggle = event.target.closest(".tree button.toggle[aria-controls]");
    if (toggle) {
      const box = document.getElementById(toggle.getAttribute("aria-controls"));
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      if (box) {
        box.hidden = open;
      }
      return;
    }
    // <button data-back>: back to the previous page (error pages); home when there is none.
    const back = event.target.closest("[data-back]");
    if (back) {
      event.preventDefault();
      if (window.history.length > 1) {
        window.history.back();
      } else {
        window.location.href = back.getAttribute("href") || "/";
      }
    }
  });
})();
