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

  // Tables read as cards on a phone (app.css): each cell is headed by its column's title, taken from <thead>.
  function labelTables(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("table.grid").forEach(function (table) {
      const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) { return; }
      const titles = [];
      Array.prototype.forEach.call(head.cells, function (cell) {
        for (let i = 0; i < (cell.colSpan || 1); i++) { titles.push(cell.textContent.trim()); }
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          let column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute("data-label") && titles[column] !== undefined) {
              cell.setAttribute("data-label", titles[column]);
            }
            column += cell.colSpan || 1;
          });
        });
      });
    });
  }

  // <input data-date-input> (core.forms.DateTextInput): a calendar button beside the text box opens the browser's
  // own date picker; the date chosen is written back as dd/mm/yyyy and the box's change event fires (htmx listens).
  function addDatePickers(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-date-input]").forEach(function (input) {
      if (input.dataset.pickerReady) { return; }
      input.dataset.pickerReady = "1";
      const native = document.createElement("input");
      native.type = "date";
      native.tabIndex = -1;
      native.className = "date-picker-native";
      native.setAttribute("aria-hidden", "true");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "date-picker-button";
      button.setAttribute("aria-label", input.dataset.pickerLabel || "");
      button.title = input.dataset.pickerLabel || "";
      button.textContent = input.dataset.pickerText || "…";
      input.insertAdjacentElement("afterend", button);
      button.insertAdjacentElement("afterend", native);
      button.addEventListener("click", function () {
        const m = /^(\d{1,2})[\/.-](\d{1,2})[\/.-](\d{4})$/.exec(input.value.trim());
        native.value = m ? m[3] + "-" + m[2].padStart(2, "0") + "-" + m[1].padStart(2, "0") : "";
        if (native.showPicker) { native.showPicker(); } else { native.focus(); native.click(); }
      });
      native.addEventListener("change", function () {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(native.value);
        if (!m) { return; }
        input.value = m[3] + "/" + m[2] + "/" + m[1];
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      });
    });
  }

  function enhance(root) { labelTables(root); addDatePickers(root); }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
